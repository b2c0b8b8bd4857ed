public import EscPos

/// Draws barcodes and 2D codes for the virtual printer from the symbols the stream's `GS k` and `GS ( k`
/// commands print.
///
/// The renderer itself has no symbology encoders; without a ``ReceiptRenderer/symbolDrawing`` it prints
/// each symbol as a labelled box of about the right size (and says so in the notes). Give it a drawing
/// built on a symbol library, such as libzint, to get scannable symbols on the page.
///
/// The decoder reads each printed symbol back into the element that prints it (a ``Barcode`` with GS1
/// data in bracketed form, a ``QRCode`` with the model and error correction the stream selected, …), so a
/// drawing never needs to know ESC/POS numbers.
///
/// # Implementation requirements
/// Return the symbol exactly as the printer would draw it, black modules set, without quiet zone or
/// human-readable text (the renderer prints HRI text itself); return `nil` for data you cannot encode.
public protocol SymbolDrawing: Sendable {
    /// Draws a barcode (`GS k`) or a 2D code (when its `GS ( k` print function arrives).
    ///
    /// - Parameters:
    ///   - symbol: The symbol with its data and the settings the stream sent before it.
    ///   - moduleSize: The module size in dots: the narrow-bar width (`GS w`) for barcodes, the `GS ( k`
    ///     module size for 2D codes.
    ///   - height: The bar height in dots (`GS h`) for barcodes; 0 for 2D codes.
    /// - Returns: The bars or modules, or `nil` to print a placeholder.
    func draw(_ symbol: Symbol, moduleSize: Int, height: Int) -> MonochromeBitmap?
}
