/// Turns an ESC/POS byte stream back into commands: the inverse of ``ReceiptCompiler`` for everything it
/// emits, plus the common commands of other producers.
///
/// It never traps and never skips bytes silently: every byte belongs to exactly one decoded command,
/// unknown bytes become ``Command/unknown(_:)`` and a command cut off at the end ``Command/truncated(name:bytes:)``.
/// Text is decoded with the code page in effect, following `ESC t` and `ESC @` through the profile's table.
///
/// ```swift
/// let commands = CommandDecoder(profile: .epsonTMT88VI).decode(bytes)
/// print(CommandListing(commands).text)
/// ```
public struct CommandDecoder: Sendable {
    /// The profile whose page numbers give the text its characters.
    public var profile: PrinterProfile

    /// Creates a decoder; the default profile uses Epson's code-page numbers.
    public init(profile: PrinterProfile = .generic80mm) {
        self.profile = profile
    }

    /// Decodes all of `bytes`.
    ///
    /// The array holds one element per command, and runs of one-byte commands or unknown bytes are one
    /// command each; to look at a large stream without holding all its commands, iterate
    /// ``commands(in:)`` instead.
    public func decode(_ bytes: [UInt8]) -> [DecodedCommand] {
        Array(commands(in: bytes))
    }

    /// The commands of `bytes`, decoded one at a time as they are asked for.
    ///
    /// Memory stays constant however long the stream is; `escpos decode` and the virtual printer use it.
    ///
    /// ```swift
    /// for decoded in CommandDecoder().commands(in: bytes) {
    ///     print(CommandListing.line(decoded))
    /// }
    /// ```
    public func commands(in bytes: [UInt8]) -> DecodedCommands {
        DecodedCommands(bytes: bytes, profile: profile)
    }
}
