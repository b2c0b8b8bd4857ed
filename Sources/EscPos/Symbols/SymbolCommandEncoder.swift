/// Turns barcodes and 2D codes into ESC/POS commands for one printer, validating everything first.
///
/// Each `encode` either returns the complete command sequence (`ESC a` when the symbol is not left-aligned,
/// the symbol's settings, the symbol, `ESC a` back) or throws before producing any byte. When the printer
/// cannot draw the symbology it throws `.unsupportedByProfile`; the compiler then renders the symbol in
/// software instead.
///
/// ```swift
/// let encoder = SymbolCommandEncoder(capabilities: capabilities)
/// let bytes = try encoder.encode(QRCode("1234"))
/// // 1D 28 6B 04 00 31 41 32 00  1D 28 6B 03 00 31 43 03  1D 28 6B 03 00 31 45 30
/// // 1D 28 6B 07 00 31 50 30 31 32 33 34  1D 28 6B 03 00 31 51 30
/// ```
public struct SymbolCommandEncoder: Sendable {
    /// What the target printer can draw and how wide it prints.
    public var capabilities: SymbolCapabilities

    /// Creates an encoder for a printer with `capabilities`.
    public init(capabilities: SymbolCapabilities) {
        self.capabilities = capabilities
    }

    /// Encodes any symbol; see the symbol-specific `encode` methods.
    public func encode(
        _ symbol: Symbol,
        at path: DocumentPath = .root,
        currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        switch symbol {
        case .barcode(let barcode): try encode(barcode, at: path, currentAlignment: currentAlignment)
        case .qrCode(let qrCode): try encode(qrCode, at: path, currentAlignment: currentAlignment)
        case .pdf417(let pdf417): try encode(pdf417, at: path, currentAlignment: currentAlignment)
        case .dataMatrix(let dataMatrix): try encode(dataMatrix, at: path, currentAlignment: currentAlignment)
        case .aztecCode(let aztecCode): try encode(aztecCode, at: path, currentAlignment: currentAlignment)
        case .maxiCode(let maxiCode): try encode(maxiCode, at: path, currentAlignment: currentAlignment)
        }
    }

    func alignmentPrefix(_ alignment: TextStyle.Alignment?, current: TextStyle.Alignment) -> [UInt8] {
        guard let alignment, alignment != current else { return [] }
        return ESCFunction.alignment(alignment.commandValue)
    }

    func alignmentSuffix(_ alignment: TextStyle.Alignment?, current: TextStyle.Alignment) -> [UInt8] {
        guard let alignment, alignment != current else { return [] }
        return ESCFunction.alignment(current.commandValue)
    }

    func unsupported(_ symbology: TwoDimensionalSymbology, at path: DocumentPath) -> EscPosError {
        EscPosError(
            .unsupportedByProfile,
            at: path,
            "this printer cannot draw \(symbology.rawValue) symbols itself; give the compiler a symbol renderer "
                + "(EscPosSymbolRendering) to print it as an image."
        )
    }
}
