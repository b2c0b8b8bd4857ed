/// The commands of a byte stream, decoded lazily by ``CommandDecoder/commands(in:)``.
///
/// Consecutive `LF`, `CR`, `HT` or `FF` bytes come out as one ``Command/repeated(_:count:)`` and consecutive
/// unknown bytes as one ``Command/unknownRun(count:)``.
public struct DecodedCommands: Sequence, IteratorProtocol, Sendable {
    private var reader: CommandReader
    /// A command decoded while looking for the end of a run of unknown bytes.
    private var pending: DecodedCommand?

    init(bytes: [UInt8], profile: PrinterProfile) {
        reader = CommandReader(bytes: bytes, profile: profile)
    }

    /// The next command, or `nil` at the end of the stream.
    public mutating func next() -> DecodedCommand? {
        let first: DecodedCommand
        if let pending {
            self.pending = nil
            first = pending
        } else {
            guard let decoded = decodeOne() else { return nil }
            first = decoded
        }
        let bytes = reader.bytes
        switch first.command {
        case .lineFeed, .carriageReturn, .horizontalTab, .formFeed:
            let byte = bytes[first.offset]
            var end = reader.position
            while end < bytes.count, bytes[end] == byte { end += 1 }
            guard end - first.offset >= 2 else { return first }
            reader.position = end
            return DecodedCommand(
                offset: first.offset,
                bytes: bytes[first.offset..<end],
                command: .repeated(first.command, count: end - first.offset)
            )
        case .unknown:
            var end = reader.position
            while let following = decodeOne() {
                guard case .unknown = following.command else {
                    pending = following
                    break
                }
                end = reader.position
            }
            guard end - first.offset >= 2 else { return first }
            return DecodedCommand(
                offset: first.offset,
                bytes: bytes[first.offset..<end],
                command: .unknownRun(count: end - first.offset)
            )
        default:
            return first
        }
    }

    private mutating func decodeOne() -> DecodedCommand? {
        guard reader.position < reader.bytes.count else { return nil }
        let start = reader.position
        let command = reader.next()
        let symbol: DecodedSymbol?
        switch command {
        case .barcode(let system, let data):
            symbol = DecodedSymbol(barcodeSystem: system, data: data)
        case .twoDimensionalCode(let cn, let fn, let parameters):
            symbol = reader.twoDimensionalCodes.apply(cn: cn, fn: fn, parameters: parameters)
        default:
            symbol = nil
        }
        return DecodedCommand(
            offset: start,
            bytes: reader.bytes[start..<reader.position],
            command: command,
            symbol: symbol
        )
    }
}
