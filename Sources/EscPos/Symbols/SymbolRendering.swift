/// Something that draws barcodes and 2D codes as bitmaps, for printers that cannot draw a symbology.
///
/// `EscPos` itself has no symbol encoders; the `EscPosSymbolRendering` module provides one built on libzint.
/// Give it to the compiler through its options and symbols the printer lacks are printed as raster images:
///
/// ```swift
/// import EscPosSymbolRendering
/// var options = CompileOptions()
/// options.symbolRenderer = ZintSymbolRenderer()
/// ```
///
/// # Implementation requirements
/// Render at exactly the requested module size: one module is `moduleSize` dots, a 1D bar `height` dots
/// high, with no quiet zone and no human-readable text (the compiler prints text itself). The data of a
/// ``Symbol/barcode(_:)`` has been validated: check digits are complete and GS1 data is bracketed.
public protocol SymbolRendering: Sendable {
    /// Draws `symbol` as a 1-bit bitmap.
    ///
    /// - Parameters:
    ///   - symbol: What to draw.
    ///   - moduleSize: The width of one module (a 1D narrow bar, a 2D cell) in printer dots.
    ///   - height: The bar height in dots for 1D symbols; ignored for 2D symbols.
    /// - Returns: The bitmap, black modules set.
    /// - Throws: ``EscPosError`` when the renderer cannot encode the data.
    func render(_ symbol: Symbol, moduleSize: Int, height: Int) throws -> MonochromeBitmap
}
