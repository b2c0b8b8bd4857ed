/// What a printer can draw by itself, and how wide it can print: the part of a printer profile that the
/// symbol encoder needs.
///
/// The compiler derives one from the target ``PrinterProfile``; tests and tools can build one directly.
///
/// ```swift
/// let epson = SymbolCapabilities(printableWidth: 512, barcodes: Set(Barcode.Symbology.allKnown),
///                                twoDimensionalCodes: [.qrCode, .pdf417])
/// ```
public struct SymbolCapabilities: Hashable, Sendable {
    /// The printable width in dots (512 on an 80 mm Epson at 180 dpi, 576 at 203 dpi, 384 on 58 mm printers).
    public var printableWidth: Int
    /// Whether the printer understands `GS k` function B (a length byte instead of a NUL terminator).
    /// Without it only UPC-A, UPC-E, EAN-13, EAN-8, Code 39, ITF and Codabar can be printed natively.
    public var barcodeFunctionB: Bool
    /// The 1D symbologies the printer draws itself.
    public var barcodes: Set<Barcode.Symbology>
    /// The 2D symbologies the printer draws itself with `GS ( k`.
    public var twoDimensionalCodes: Set<TwoDimensionalSymbology>

    /// Creates a capability set.
    public init(
        printableWidth: Int,
        barcodeFunctionB: Bool = true,
        barcodes: Set<Barcode.Symbology>,
        twoDimensionalCodes: Set<TwoDimensionalSymbology>
    ) {
        self.printableWidth = printableWidth
        self.barcodeFunctionB = barcodeFunctionB
        self.barcodes = barcodes
        self.twoDimensionalCodes = twoDimensionalCodes
    }

    /// Whether the printer can draw `symbology` natively, given its `GS k` function support.
    public func canPrintNatively(_ symbology: Barcode.Symbology) -> Bool {
        let declared: Bool
        switch symbology {
        case .itf14: declared = barcodes.contains(.itf14) || barcodes.contains(.itf)
        // GS1-128 is Code 128 with a leading FNC1; printers without GS k 74 print it through GS k 73.
        case .gs1128: declared = barcodes.contains(.gs1128) || barcodes.contains(.code128)
        default: declared = barcodes.contains(symbology)
        }
        guard declared, let system = BarcodeSystem(printing: symbology) else { return false }
        return barcodeFunctionB || system.functionA != nil
    }
}
