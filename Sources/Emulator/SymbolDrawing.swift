public import EscPos

/// Draws barcodes and 2D codes for the virtual printer from the data in `GS k` and `GS ( k` commands.
///
/// The renderer itself has no symbology encoders; without a ``ReceiptRenderer/symbolDrawing`` it prints
/// each symbol as a labelled box of about the right size (and says so in the notes). Give it a drawing
/// built on a symbol library, such as libzint, to get scannable symbols on the page.
///
/// # Implementation requirements
/// Return the symbol exactly as the printer would draw it, black modules set, without quiet zone or
/// human-readable text (the renderer prints HRI text itself); return `nil` for data you cannot encode.
public protocol SymbolDrawing: Sendable {
    /// Draws a `GS k` barcode.
    ///
    /// - Parameters:
    ///   - system: The `m` byte: 0–6 (function A) or 65–79 (function B: 73 Code 128, 67 EAN-13, …).
    ///   - data: The data bytes as sent (Code 128 data starts with its `{A`/`{B`/`{C` code set).
    ///   - moduleWidth: The narrow-bar width in dots (`GS w`).
    ///   - height: The bar height in dots (`GS h`).
    /// - Returns: The bars, or `nil` to print a placeholder.
    func drawBarcode(system: UInt8, data: [UInt8], moduleWidth: Int, height: Int) -> MonochromeBitmap?

    /// Draws a `GS ( k` 2D code when its print function (81) arrives.
    ///
    /// - Parameters:
    ///   - cn: The symbology: 48 PDF417, 49 QR, 50 MaxiCode, 51 DataBar, 53 Aztec, 54 DataMatrix.
    ///   - data: The stored data (function 80).
    ///   - moduleSize: The module size in dots (function 67).
    ///   - settings: The last parameters of each other function for this `cn`, by function number
    ///     (65 QR model, 69 error correction, PDF417 columns and rows…).
    /// - Returns: The modules, or `nil` to print a placeholder.
    func drawTwoDimensionalCode(cn: UInt8, data: [UInt8], moduleSize: Int, settings: [UInt8: [UInt8]]) -> MonochromeBitmap?
}
