/// Something the compiler printed differently from the document, with where and why.
///
/// In strict mode (``CompileOptions/strict`` or ``Receipt/Options/strict``) each of these is thrown as
/// an ``EscPosError`` with the same code instead.
public struct CompileWarning: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The same code the strict-mode error would carry.
    public var code: EscPosError.Code
    /// The block concerned.
    public var path: DocumentPath
    /// What happened and how to avoid it.
    public var message: String

    /// Creates a warning.
    public init(_ code: EscPosError.Code, at path: DocumentPath, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// The path and the message.
    public var description: String { "\(path): \(message)" }
}
