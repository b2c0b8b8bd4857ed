public import EscPos

/// A virtual thermal printer: runs an ESC/POS byte stream through a model of the printer described by a
/// ``PrinterProfile`` and returns the page it would print.
///
/// Use it to see a receipt before paper is wasted, to test what your code sends without a printer, and
/// behind the `escpos preview` and `escpos emulate` commands. The stream is decoded with ``CommandDecoder``
/// (so code pages follow `ESC t` exactly as the decoder reads them) and every command the compiler emits is
/// drawn: text in fonts A and B with bold, underline, reverse, upside-down, 90° rotation, sizes 1–8,
/// alignment, margins, print width and line spacing; `GS v 0`, `GS ( L`, `GS 8 L` and `ESC *` images;
/// barcodes and 2D codes (``ZintSymbolDrawing``); cuts.
/// Text is drawn with GNU Unifont (``UnifontFont``) scaled into the profile's character cells.
///
/// It never traps: unknown bytes and commands it does not emulate are listed in
/// ``RenderedReceipt/notes``, and the page stops growing at ``maximumPageHeight``.
///
/// Its memory and time follow the page, not the input: everything it keeps is bounded. The page is at
/// most ``maximumPageHeight`` rows; the text rendering at most 20 000 lines (a line that feeds no paper
/// still counts) with symbol data cut to 256 characters; notes at most ``maximumNoteCount``; images,
/// symbols and cuts each take rows of the page. Once the page is full nothing more is drawn, scaled or
/// decoded into dots; images are cut to the print area and the page before they are scaled, 2D-code
/// module sizes above 16 dots are drawn at 16, and a symbol printed again is drawn once.
///
/// ```swift
/// let bytes = try ReceiptCompiler(profile: .generic80mm).compile(receipt).bytes
/// let printed = ReceiptRenderer(profile: .generic80mm).render(bytes)
/// print(printed.text)
/// ```
public struct ReceiptRenderer: Sendable {
    /// The printer model: dot width, fonts and code-page numbers.
    public var profile: PrinterProfile
    /// The font characters are drawn with; `nil` draws boxes (and says so in the notes).
    public var font: UnifontFont?
    /// The longest page drawn, in dots (4 m of paper at 203 dpi by default).
    public var maximumPageHeight: Int
    /// The most notes kept; later ones are counted in one final note.
    public var maximumNoteCount: Int
    /// Draws barcodes and 2D codes from their data (libzint by default); `nil` prints labelled placeholder boxes.
    public var symbolDrawing: (any SymbolDrawing)?

    /// Creates a renderer.
    ///
    /// - Parameters:
    ///   - profile: The printer model.
    ///   - font: The font for text; the installed GNU Unifont by default (see ``UnifontFont/installed``).
    ///   - maximumPageHeight: The page-height limit in dots, which bounds memory on any input.
    ///   - maximumNoteCount: The most notes kept.
    ///   - symbolDrawing: What draws barcodes and 2D codes: libzint by default; placeholders when `nil`.
    public init(
        profile: PrinterProfile,
        font: UnifontFont? = UnifontFont.installed,
        maximumPageHeight: Int = 32_000,
        maximumNoteCount: Int = 200,
        symbolDrawing: (any SymbolDrawing)? = ZintSymbolDrawing()
    ) {
        self.symbolDrawing = symbolDrawing
        self.profile = profile
        self.font = font
        self.maximumPageHeight = max(1, maximumPageHeight)
        self.maximumNoteCount = max(1, maximumNoteCount)
    }

    /// Prints `bytes` on a fresh page.
    ///
    /// - Parameter bytes: Any byte stream; it need not be valid ESC/POS.
    /// - Returns: The page, its text rendering and notes.
    public func render(_ bytes: [UInt8]) -> RenderedReceipt {
        // Commands are decoded as they are printed, so the stream's commands are never all in memory.
        render(commands: CommandDecoder(profile: profile).commands(in: bytes))
    }

    /// Prints already decoded commands on a fresh page.
    ///
    /// - Parameter commands: Commands from ``CommandDecoder/decode(_:)`` or ``CommandDecoder/commands(in:)``.
    /// - Returns: The page, its text rendering and notes.
    public func render(commands: some Sequence<DecodedCommand>) -> RenderedReceipt {
        var model = PrinterModel(renderer: self)
        for command in commands {
            model.execute(command)
        }
        return model.finish()
    }
}
