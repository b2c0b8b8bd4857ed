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
