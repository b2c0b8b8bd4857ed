public import EscPos
import EscPosSymbolRendering

/// Draws the virtual printer's barcodes and 2D codes with libzint (through `ZintSymbolRenderer`), so the
/// page shows scannable symbols built from the data the commands carry.
///
/// This is the ``ReceiptRenderer``'s default. It draws the `GS k` symbologies UPC-A, UPC-E, EAN-13, EAN-8,
/// Code 39, ITF, Codabar, Code 93, Code 128 (code sets `{A`, `{B`, `{C` and shifts `{S` as ESC/POS sends
/// them), GS1-128 (`GS k` 74, or 73 with a leading FNC1 `{1`) and GS1 DataBar Omnidirectional, Truncated,
/// Limited and Expanded (`GS k` 75–78), and the `GS ( k` QR codes, PDF417, Data Matrix, Aztec codes and
/// MaxiCode (modes 4–6). Data libzint rejects, and MaxiCode modes 2 and 3 (structured carrier messages),
/// are left to the renderer's labelled placeholder. Bars are drawn by libzint's encoder, so the module
/// pattern may differ from a given printer's (another valid Code 128 code-set choice, for instance) while
/// the data read back is the same.
public struct ZintSymbolDrawing: SymbolDrawing {
    private let renderer = ZintSymbolRenderer()

    /// Creates a drawing.
    public init() {}

    /// Draws `symbol` with libzint, or returns `nil` for a symbology or data it does not handle.
    public func draw(_ symbol: Symbol, moduleSize: Int, height: Int) -> MonochromeBitmap? {
        try? renderer.render(symbol, moduleSize: moduleSize, height: height)
    }
}
