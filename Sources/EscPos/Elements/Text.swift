/// A paragraph of text, word-wrapped at the printer's column count and ended with a line feed.
///
/// Line breaks in the string start new lines; tabs become spaces. Characters are encoded into the
/// profile's code pages automatically; control characters (ESC, GS, DLE, …) are never sent as commands.
///
/// ```swift
/// Text("Thank you!").bold().alignment(.center)
/// ```
public struct Text: Hashable, Sendable, StyledElement {
    /// The text to print.
    public var content: String
    /// The paragraph's style.
    public var style: TextStyle

    /// Creates a paragraph.
    public init(_ content: String, style: TextStyle = .inherited) {
        self.content = content
        self.style = style
    }
}

/// Blocks that share a style: everything inside gets the group's style unless it sets its own.
///
/// ```swift
/// Group {
///     Text("PAID")
/// }
/// .reverse()
/// .size(width: 2, height: 2)
/// ```
public struct Group: Hashable, Sendable, StyledElement {
    /// The style applied to every child.
    public var style: TextStyle
    /// The child blocks, in order.
    public var blocks: [Block]

    /// Creates a group from blocks.
    public init(style: TextStyle = .inherited, blocks: [Block]) {
        self.style = style
        self.blocks = blocks
    }

    /// Creates a group with the receipt DSL.
    public init(style: TextStyle = .inherited, @ReceiptBuilder _ content: () -> [Block]) {
        self.init(style: style, blocks: content())
    }
}

/// A horizontal line that fills the printable width, drawn with a repeated character.
///
/// ```swift
/// Rule()            // ------------------------------------------
/// Rule("=").bold()  // ==========================================
/// ```
public struct Rule: Hashable, Sendable, StyledElement {
    /// The character repeated across the line. It must occupy one column.
    public var character: Character
    /// The line's style (character width changes how many characters fit).
    public var style: TextStyle

    /// Creates a rule of `character`.
    public init(_ character: Character = "-", style: TextStyle = .inherited) {
        self.character = character
        self.style = style
    }
}

/// A line with a key on the left and a value on the right joined by a leader, such as
/// `Total .............. 12.50`.
///
/// A key too long for the line wraps; the value always ends the last line.
public struct KeyValue: Hashable, Sendable, StyledElement {
    /// The text on the left.
    public var key: String
    /// The text on the right.
    public var value: String
    /// The character that fills the space between them (a space for plain alignment).
    public var leader: Character
    /// The line's style.
    public var style: TextStyle

    /// Creates a key/value line.
    public init(_ key: String, _ value: String, leader: Character = ".", style: TextStyle = .inherited) {
        self.key = key
        self.value = value
        self.leader = leader
        self.style = style
    }
}
