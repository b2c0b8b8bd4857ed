/// A command with where it was found.
public struct DecodedCommand: Hashable, Sendable {
    /// Byte offset of the command's first byte.
    public var offset: Int
    /// The command's bytes.
    public var bytes: ArraySlice<UInt8>
    /// What the bytes mean.
    public var command: Command
    /// The barcode or 2D code the command prints, read back into a typed value: set on `GS k` and on the
    /// `GS ( k` print function, from the data and settings stored before it.
    package var symbol: DecodedSymbol?

    /// Creates a decoded command.
    public init(offset: Int, bytes: ArraySlice<UInt8>, command: Command) {
        self.offset = offset
        self.bytes = bytes
        self.command = command
    }

    /// Creates a decoded command that prints `symbol`.
    package init(offset: Int, bytes: ArraySlice<UInt8>, command: Command, symbol: DecodedSymbol?) {
        self.init(offset: offset, bytes: bytes, command: command)
        self.symbol = symbol
    }
}
