/// One element of a receipt, in print order.
///
/// You rarely write `Block` yourself: ``ReceiptBuilder`` wraps elements for you. In JSON each block is
/// an object whose `"type"` names the case (see the JSON document format article).
public indirect enum Block: Hashable, Sendable {
    /// A paragraph of text.
    case text(Text)
    /// Blocks sharing a style.
    case group(Group)
    /// A horizontal line.
    case rule(Rule)
    /// A row of columns.
    case columns(Columns)
    /// A key/value line with a leader.
    case keyValue(KeyValue)
    /// Paper feed.
    case feed(Feed)
    /// A paper cut.
    case cut(Cut)
    /// A cash-drawer pulse.
    case drawerPulse(DrawerPulse)
    /// A buzzer signal.
    case buzzer(Buzzer)
    /// Bytes sent unchanged.
    case raw(RawBytes)
    /// A raster image.
    case image(RasterImage)
    /// A 1D barcode.
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
