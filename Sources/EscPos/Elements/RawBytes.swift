/// Bytes sent to the printer exactly as given: the explicit escape hatch for commands this library
/// does not model.
///
/// The compiler cannot know what these bytes do, so after them it forgets what it knew about the
/// printer's state and sets every attribute again before the next text.
public struct RawBytes: Hashable, Sendable {
    /// The bytes, sent unchanged.
    public var bytes: [UInt8]

    /// Wraps bytes to send unchanged. The label says what you accept: no validation at all.
    public init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
    }
}
