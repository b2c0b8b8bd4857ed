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
