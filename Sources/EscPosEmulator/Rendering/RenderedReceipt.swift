public import EscPos

/// What the virtual printer printed from a byte stream: the page, a plain-text rendering, where the
/// cuts, images and symbols are, and notes on everything it could not print.
///
/// ```swift
/// let receipt = ReceiptRenderer(profile: .generic80mm).render(bytes)
/// print(receipt.text)
/// try Data(receipt.page.pngData()).write(to: URL(fileURLWithPath: "receipt.png"))
/// ```
public struct RenderedReceipt: Hashable, Sendable {
    /// The printed page, the profile's dot width wide, as long as the paper fed.
    public var page: MonochromeBitmap
    /// One line per printed line, for tests and terminals.
    ///
    /// Characters appear in print order, indented by the line's offset from the paper's left edge
    /// in units of the first character's width (so centred text is indented as it is on paper). Images
    /// print as `[image W×H]`, symbols as `[QR "data"]` or `[barcode CODE128 "data"]`, cuts as
    /// `[full cut]` or `[partial cut]`; an empty line is a line feed with nothing printed. Styles
    /// (bold, size, upside-down…) do not show; trailing spaces are removed.
    public var text: String
    /// The cuts, top to bottom.
    public var cuts: [PaperCut]
    /// The images (`GS v 0`, `GS ( L`, `GS 8 L`, `ESC *`), consecutive bands joined into one image.
    public var images: [PrintedImage]
    /// The barcodes and 2D codes.
    public var symbols: [PrintedSymbol]
    /// Commands the printer ignored or could only approximate, drawer pulses and other events.
    public var notes: [EmulatorNote]

    /// Creates a rendered receipt.
    public init(
        page: MonochromeBitmap,
        text: String,
        cuts: [PaperCut],
        images: [PrintedImage],
        symbols: [PrintedSymbol],
        notes: [EmulatorNote]
    ) {
        self.page = page
        self.text = text
        self.cuts = cuts
        self.images = images
        self.symbols = symbols
        self.notes = notes
    }
}

/// A cut marked on the page.
public struct PaperCut: Hashable, Sendable {
    /// Whether the cutter left a bridge of paper (`GS V 1`, `66`) or cut through (`GS V 0`, `65`).
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Cut through.
        case full
        /// One point left uncut.
        case partial
    }

    /// The page row of the cut.
    public var y: Int
    /// Full or partial.
    public var kind: Kind

    /// Creates a cut.
    public init(y: Int, kind: Kind) {
        self.y = y
        self.kind = kind
    }
}

/// An image as it lies on the page.
public struct PrintedImage: Hashable, Sendable {
    /// The page column of its left edge.
    public var x: Int
    /// The page row of its top edge.
    public var y: Int
    /// The dots as printed (after the command's double-width or double-height scaling, cut to the print area).
    public var bitmap: MonochromeBitmap
    /// The command family that printed it.
    public var command: PrinterProfile.GraphicsCommand

    /// Creates a placed image.
    public init(x: Int, y: Int, bitmap: MonochromeBitmap, command: PrinterProfile.GraphicsCommand) {
        self.x = x
        self.y = y
        self.bitmap = bitmap
        self.command = command
    }
}

/// A barcode or 2D code as it lies on the page.
public struct PrintedSymbol: Hashable, Sendable {
    /// The symbology's name, such as `CODE128`, `EAN13` or `QR`.
    public var symbology: String
    /// The encoded bytes, as sent.
    public var data: [UInt8]
    /// The page column of its left edge.
    public var x: Int
    /// The page row of its top edge.
    public var y: Int
    /// Its width in dots.
    public var width: Int
    /// Its height in dots.
    public var height: Int
    /// Whether the bars or modules were drawn from the data; `false` for a labelled placeholder box.
    public var isDrawn: Bool

    /// Creates a placed symbol.
    public init(symbology: String, data: [UInt8], x: Int, y: Int, width: Int, height: Int, isDrawn: Bool) {
        self.symbology = symbology
        self.data = data
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.isDrawn = isDrawn
    }
}

/// Something the virtual printer reports about the stream: a command it ignored or approximated,
/// an unknown byte, the page-height limit, or an event such as a drawer pulse.
public struct EmulatorNote: Hashable, Sendable, CustomStringConvertible {
    /// What kind of note.
    public struct Kind: RawRepresentable, Hashable, Sendable, Codable {
        /// The kind's name.
        public var rawValue: String
        /// Creates a kind.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A byte that starts no ESC/POS command; the printer skips it.
        public static let unknownCommand = Kind(rawValue: "unknownCommand")
        /// A command cut off by the end of the stream.
        public static let truncatedCommand = Kind(rawValue: "truncatedCommand")
        /// A known command the virtual printer does not emulate (page mode, macros, NV graphics…).
        public static let unsupportedCommand = Kind(rawValue: "unsupportedCommand")
        /// The page reached the maximum height; nothing below it was drawn.
        public static let pageHeightLimit = Kind(rawValue: "pageHeightLimit")
        /// No font was found; text was drawn as boxes.
        public static let fontUnavailable = Kind(rawValue: "fontUnavailable")
        /// A barcode or 2D code was drawn as a labelled box, not from its data.
        public static let symbolNotDrawn = Kind(rawValue: "symbolNotDrawn")
        /// A device action: drawer pulse, buzzer.
        public static let deviceAction = Kind(rawValue: "deviceAction")
        /// Later notes were dropped to keep the report bounded.
        public static let notesOmitted = Kind(rawValue: "notesOmitted")
    }

    /// The byte offset of the command, or `nil` for notes about the whole stream.
    public var offset: Int?
    /// What kind of note.
    public var kind: Kind
    /// What happened, readably.
    public var message: String

    /// Creates a note.
    public init(offset: Int?, kind: Kind, message: String) {
        self.offset = offset
        self.kind = kind
        self.message = message
    }

    /// `offset: message`.
    public var description: String {
        offset.map { "\(String($0, radix: 16, uppercase: true).leftPadded(to: 6)): \(message)" } ?? message
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
