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
