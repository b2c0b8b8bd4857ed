/// Any barcode or 2D code, for renderers and for code that handles them alike.
public enum Symbol: Hashable, Sendable {
    /// A 1D barcode with validated data (see ``ValidatedBarcode/normalizedData``).
    case barcode(Barcode)
    /// A QR code.
    case qrCode(QRCode)
    /// A PDF417 symbol.
    case pdf417(PDF417)
    /// A Data Matrix symbol.
    case dataMatrix(DataMatrix)
    /// An Aztec code.
    case aztecCode(AztecCode)
    /// A MaxiCode symbol.
    case maxiCode(MaxiCode)
}
