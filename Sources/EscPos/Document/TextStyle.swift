/// How text looks and where it sits: character attributes plus paragraph settings.
///
/// Every field is optional: `nil` means "inherit from the enclosing ``Group``" (and, at the top, the
/// printer's power-on default). Styles are scoped: a style applies to the block that carries it and
/// to that block's children, and the compiler undoes it afterwards, so nothing leaks to the next block.
///
/// In the JSON form the fields sit directly on the block: `{"type": "text", "text": "Hi", "bold": true,
/// "size": {"width": 2, "height": 2}, "alignment": "center"}`.
public struct TextStyle: Hashable, Sendable {
    /// Emphasised (bold) printing, `ESC E`.
    public var bold: Bool?
    /// Underline thickness, `ESC -`.
    public var underline: Underline?
    /// Double-strike printing, `ESC G` (looks like bold on most thermal printers).
    public var doubleStrike: Bool?
    /// White on black, `GS B`.
    public var reverse: Bool?
    /// Upside-down printing, `ESC {`. The compiler also reverses the order of wrapped lines so the
    /// paragraph reads correctly when the receipt is turned around.
    public var upsideDown: Bool?
    /// Characters turned 90° clockwise, `ESC V`.
    public var rotated: Bool?
    /// The character font, `ESC M`.
    public var font: Font?
    /// Character magnification, `GS !`: width and height 1–8 each.
    public var size: CharacterSize?
    /// Line alignment, `ESC a`.
    public var alignment: Alignment?
    /// Line spacing in dots (0–255), `ESC 3`; `nil` keeps the printer default (`ESC 2`).
    public var lineSpacing: Int?
    /// Left margin in dots, `GS L`.
    public var leftMargin: Int?
    /// Print-area width in dots, `GS W`; text wraps inside it.
    public var printAreaWidth: Int?

    /// Creates a style; every attribute left `nil` is inherited.
    public init(
        bold: Bool? = nil,
        underline: Underline? = nil,
        doubleStrike: Bool? = nil,
        reverse: Bool? = nil,
        upsideDown: Bool? = nil,
        rotated: Bool? = nil,
        font: Font? = nil,
        size: CharacterSize? = nil,
        alignment: Alignment? = nil,
        lineSpacing: Int? = nil,
        leftMargin: Int? = nil,
        printAreaWidth: Int? = nil
    ) {
        self.bold = bold
        self.underline = underline
        self.doubleStrike = doubleStrike
        self.reverse = reverse
        self.upsideDown = upsideDown
        self.rotated = rotated
        self.font = font
        self.size = size
        self.alignment = alignment
        self.lineSpacing = lineSpacing
        self.leftMargin = leftMargin
        self.printAreaWidth = printAreaWidth
    }

    /// A style that sets nothing.
    public static let inherited = TextStyle()

    /// Whether this style sets nothing at all.
    public var isInherited: Bool { self == .inherited }

    /// Returns this style with every attribute `other` sets taking precedence.
    public func overridden(by other: TextStyle) -> TextStyle {
        TextStyle(
            bold: other.bold ?? bold,
            underline: other.underline ?? underline,
            doubleStrike: other.doubleStrike ?? doubleStrike,
            reverse: other.reverse ?? reverse,
            upsideDown: other.upsideDown ?? upsideDown,
            rotated: other.rotated ?? rotated,
            font: other.font ?? font,
            size: other.size ?? size,
            alignment: other.alignment ?? alignment,
            lineSpacing: other.lineSpacing ?? lineSpacing,
            leftMargin: other.leftMargin ?? leftMargin,
            printAreaWidth: other.printAreaWidth ?? printAreaWidth
        )
    }

    /// Checks the ranges that do not depend on a printer.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/valueOutOfRange``.
    public func validate(at path: @autoclosure () -> DocumentPath) throws(EscPosError) {
        if let size {
            if !(1...8).contains(size.width) {
                throw EscPosError(
                    .valueOutOfRange,
                    at: path().appending("size").appending("width"),
                    "character width \(size.width) is out of range; use 1–8 (times the normal width)."
                )
            }
            if !(1...8).contains(size.height) {
                throw EscPosError(
                    .valueOutOfRange,
                    at: path().appending("size").appending("height"),
                    "character height \(size.height) is out of range; use 1–8 (times the normal height)."
                )
            }
        }
        if let lineSpacing, !(0...255).contains(lineSpacing) {
            throw EscPosError(
                .valueOutOfRange,
                at: path().appending("lineSpacing"),
                "line spacing \(lineSpacing) dots is out of range; use 0–255 dots, or leave it out for the default."
            )
        }
        if let leftMargin, !(0...65535).contains(leftMargin) {
            throw EscPosError(
                .valueOutOfRange,
                at: path().appending("leftMargin"),
                "left margin \(leftMargin) dots is out of range; use 0 up to the paper's dot width."
            )
        }
        if let printAreaWidth, !(1...65535).contains(printAreaWidth) {
            throw EscPosError(
                .valueOutOfRange,
                at: path().appending("printAreaWidth"),
                "print-area width \(printAreaWidth) dots is out of range; use 1 up to the paper's dot width."
            )
        }
    }
}

extension TextStyle {
    /// Underline thickness.
    public enum Underline: String, Hashable, Sendable, Codable, CaseIterable {
        /// No underline.
        case none
        /// A one-dot underline.
        case single
        /// A two-dot underline.
        case double
    }

    /// A printer font. Font A is the normal one (12×24 dots on most printers), B is smaller (9×17).
    public enum Font: String, Hashable, Sendable, Codable, CaseIterable {
        /// The standard font.
        case a
        /// The condensed font.
        case b
        /// A third font, on printers whose profile lists one.
        case c
    }

    /// Horizontal position of each line.
    public enum Alignment: String, Hashable, Sendable, Codable, CaseIterable {
        /// Flush left.
        case left
        /// Centred.
        case center
        /// Flush right.
        case right
    }

    /// Character magnification: 1–8 times in each direction.
    public struct CharacterSize: Hashable, Sendable, Codable {
        /// Horizontal magnification, 1–8.
        public var width: Int
        /// Vertical magnification, 1–8.
        public var height: Int

        /// Creates a magnification.
        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }

        /// Normal size.
        public static let normal = CharacterSize(width: 1, height: 1)
        /// Twice as wide and twice as tall.
        public static let double = CharacterSize(width: 2, height: 2)
    }
}
