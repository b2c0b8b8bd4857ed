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

/// The commands of a byte stream, decoded lazily by ``CommandDecoder/commands(in:)``.
///
/// Consecutive `LF`, `CR`, `HT` or `FF` bytes come out as one ``Command/repeated(_:count:)`` and consecutive
/// unknown bytes as one ``Command/unknownRun(count:)``.
public struct DecodedCommands: Sequence, IteratorProtocol, Sendable {
    private var reader: Reader
    /// A command decoded while looking for the end of a run of unknown bytes.
    private var pending: DecodedCommand?

    init(bytes: [UInt8], profile: PrinterProfile) {
        reader = Reader(bytes: bytes, profile: profile)
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
                offset: first.offset, bytes: bytes[first.offset..<end],
                command: .repeated(first.command, count: end - first.offset))
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
                offset: first.offset, bytes: bytes[first.offset..<end], command: .unknownRun(count: end - first.offset))
        default:
            return first
        }
    }

    private mutating func decodeOne() -> DecodedCommand? {
        guard reader.position < reader.bytes.count else { return nil }
        let start = reader.position
        let command = reader.next()
        return DecodedCommand(offset: start, bytes: reader.bytes[start..<reader.position], command: command)
    }
}

private struct Reader: Sendable {
    let bytes: [UInt8]
    let profile: PrinterProfile
    var position = 0
    var page: CodePage?

    init(bytes: [UInt8], profile: PrinterProfile) {
        self.bytes = bytes
        self.profile = profile
        self.page = Self.page(profile.defaultCodePage, in: profile)
    }

    static func page(_ number: UInt8, in profile: PrinterProfile) -> CodePage? {
        profile.codePages.first { $0.number == number }?.page
    }

    var remaining: Int { bytes.count - position }

    /// Consumes `count` parameter bytes after a prefix of `prefixLength`, or reports truncation.
    mutating func take(_ prefixLength: Int, _ count: Int) -> [UInt8]? {
        guard remaining >= prefixLength + count else { return nil }
        let parameters = Array(bytes[(position + prefixLength)..<(position + prefixLength + count)])
        position += prefixLength + count
        return parameters
    }

    mutating func truncated(_ name: String) -> Command {
        let rest = Array(bytes[position...])
        position = bytes.count
        return .truncated(name: name, bytes: rest)
    }

    /// A command of a prefix plus `count` fixed parameter bytes, built by `make`.
    mutating func fixed(_ name: String, _ prefixLength: Int, _ count: Int, _ make: ([UInt8]) -> Command) -> Command {
        guard let parameters = take(prefixLength, count) else { return truncated(name) }
        return make(parameters)
    }

    mutating func next() -> Command {
        let byte = bytes[position]
        switch byte {
        case 0x0A: position += 1; return .lineFeed
        case 0x0D: position += 1; return .carriageReturn
        case 0x09: position += 1; return .horizontalTab
        case 0x0C: position += 1; return .formFeed
        case 0x1B: return escape()
        case 0x1D: return groupSeparator()
        case 0x10: return dataLinkEscape()
        case 0x1C: return fileSeparator()
        case 0x20...0xFF where byte != 0x7F: return text()
        default:
            position += 1
            return .unknown(byte)
        }
    }

    mutating func text() -> Command {
        var text = ""
        while position < bytes.count {
            let byte = bytes[position]
            guard byte >= 0x20, byte != 0x7F else { break }
            if let scalar = page?.character(for: byte) {
                text.unicodeScalars.append(scalar)
            } else {
                text.unicodeScalars.append("\u{FFFD}")
            }
            position += 1
        }
        return .text(text)
    }

    mutating func escape() -> Command {
        guard remaining >= 2 else { return truncated("ESC") }
        let code = bytes[position + 1]
        switch code {
        case 0x40:
            position += 2
            page = Self.page(profile.defaultCodePage, in: profile)
            return .initialize
        case 0x45: return fixed("ESC E", 2, 1) { .bold($0[0] & 1 == 1) }
        case 0x2D: return fixed("ESC -", 2, 1) { .underline($0[0] == 0x30 ? 0 : $0[0] == 0x31 ? 1 : $0[0] == 0x32 ? 2 : $0[0]) }
        case 0x47: return fixed("ESC G", 2, 1) { .doubleStrike($0[0] & 1 == 1) }
        case 0x7B: return fixed("ESC {", 2, 1) { .upsideDown($0[0] & 1 == 1) }
        case 0x56: return fixed("ESC V", 2, 1) { .rotation($0[0]) }
        case 0x4D: return fixed("ESC M", 2, 1) { .font($0[0] >= 0x30 ? $0[0] - 0x30 : $0[0]) }
        case 0x21: return fixed("ESC !", 2, 1) { .printMode($0[0]) }
        case 0x61: return fixed("ESC a", 2, 1) { .alignment($0[0] >= 0x30 ? $0[0] - 0x30 : $0[0]) }
        case 0x32: position += 2; return .defaultLineSpacing
        case 0x33: return fixed("ESC 3", 2, 1) { .lineSpacing($0[0]) }
        case 0x64: return fixed("ESC d", 2, 1) { .feedLines($0[0]) }
        case 0x4A: return fixed("ESC J", 2, 1) { .feedDots($0[0]) }
        case 0x70: return fixed("ESC p", 2, 3) { .drawerPulse(pin: $0[0] & 1, onTime: $0[1], offTime: $0[2]) }
        case 0x42: return fixed("ESC B", 2, 2) { .buzzer(times: $0[0], duration: $0[1]) }
        case 0x74:
            guard let parameters = take(2, 1) else { return truncated("ESC t") }
            page = Self.page(parameters[0], in: profile)
            return .selectCodePage(parameters[0])
        case 0x1D:
            guard remaining >= 3, bytes[position + 2] == 0x74 else { return other("ESC GS", 2, 0) }
            guard let parameters = take(3, 1) else { return truncated("ESC GS t") }
            page = Self.page(parameters[0], in: profile)
            return .selectCodePage(parameters[0])
        case 0x2A:
            guard remaining >= 5 else { return truncated("ESC *") }
            let mode = bytes[position + 2]
            let width = Int(bytes[position + 3]) | Int(bytes[position + 4]) << 8
            let count = mode >= 32 ? width * 3 : width
            guard let data = take(5, count) else { return truncated("ESC *") }
            return .columnImage(mode: mode, width: width, data: data)
        case 0x20: return other("ESC SP", 2, 1)
        case 0x24: return other("ESC $", 2, 2)
        case 0x5C: return other("ESC \\", 2, 2)
        case 0x25: return other("ESC %", 2, 1)
        case 0x52: return other("ESC R", 2, 1)
        case 0x63:
            guard remaining >= 3 else { return truncated("ESC c") }
            return other("ESC c \(bytes[position + 2] - (bytes[position + 2] >= 0x30 ? 0x30 : 0))", 3, 1)
        case 0x3D: return other("ESC =", 2, 1)
        case 0x44:
            // ESC D: tab positions, terminated by NUL.
            var end = position + 2
            while end < bytes.count, bytes[end] != 0 { end += 1 }
            guard end < bytes.count else { return truncated("ESC D") }
            let parameters = Array(bytes[(position + 2)...end])
            position = end + 1
            return .other(name: "ESC D", parameters: parameters)
        case 0x4C: position += 2; return .other(name: "ESC L", parameters: [])
        case 0x53: position += 2; return .other(name: "ESC S", parameters: [])
        case 0x54: return other("ESC T", 2, 1)
        case 0x69: position += 2; return .other(name: "ESC i", parameters: [])
        case 0x6D: position += 2; return .other(name: "ESC m", parameters: [])
        case 0x28:
            // ESC ( A (buzzer on newer Epson) and other ESC ( functions: pL pH + data.
            guard remaining >= 5 else { return truncated("ESC (") }
            let name = "ESC ( " + String(Character(Unicode.Scalar(bytes[position + 2])))
            let length = Int(bytes[position + 3]) | Int(bytes[position + 4]) << 8
            return other(name, 5, length)
        default:
            position += 1
            return .unknown(0x1B)
        }
    }

    mutating func other(_ name: String, _ prefixLength: Int, _ count: Int) -> Command {
        fixed(name, prefixLength, count) { .other(name: name, parameters: $0) }
    }

    mutating func groupSeparator() -> Command {
        guard remaining >= 2 else { return truncated("GS") }
        let code = bytes[position + 1]
        switch code {
        case 0x21:
            return fixed("GS !", 2, 1) { .characterSize(width: Int($0[0] >> 4 & 7) + 1, height: Int($0[0] & 7) + 1) }
        case 0x42: return fixed("GS B", 2, 1) { .reverse($0[0] & 1 == 1) }
        case 0x4C: return fixed("GS L", 2, 2) { .leftMargin(Int($0[0]) | Int($0[1]) << 8) }
        case 0x57: return fixed("GS W", 2, 2) { .printAreaWidth(Int($0[0]) | Int($0[1]) << 8) }
        case 0x56:
            guard remaining >= 3 else { return truncated("GS V") }
            let mode = bytes[position + 2]
            if [0x41, 0x42, 0x61, 0x62, 0x67, 0x68].contains(mode) {
                return fixed("GS V", 3, 1) { .cut(mode: mode, feed: $0[0]) }
            }
            position += 3
            return .cut(mode: mode, feed: nil)
        case 0x61: return fixed("GS a", 2, 1) { .automaticStatusBack($0[0]) }
        case 0x49: return fixed("GS I", 2, 1) { .transmitPrinterID($0[0]) }
        case 0x72: return fixed("GS r", 2, 1) { .transmitStatus($0[0]) }
        case 0x68: return fixed("GS h", 2, 1) { .barcodeHeight($0[0]) }
        case 0x77: return fixed("GS w", 2, 1) { .barcodeModuleWidth($0[0]) }
        case 0x48: return fixed("GS H", 2, 1) { .hriPosition($0[0] >= 0x30 ? $0[0] - 0x30 : $0[0]) }
        case 0x66: return fixed("GS f", 2, 1) { .hriFont($0[0] >= 0x30 ? $0[0] - 0x30 : $0[0]) }
        case 0x6B:
            guard remaining >= 3 else { return truncated("GS k") }
            let system = bytes[position + 2]
            if system <= 6 {
                // Function A: data up to a NUL.
                var end = position + 3
                while end < bytes.count, bytes[end] != 0 { end += 1 }
                guard end < bytes.count else { return truncated("GS k") }
                let data = Array(bytes[(position + 3)..<end])
                position = end + 1
                return .barcode(system: system, data: data)
            }
            guard remaining >= 4 else { return truncated("GS k") }
            let length = Int(bytes[position + 3])
            guard let data = take(4, length) else { return truncated("GS k") }
            return .barcode(system: system, data: data)
        case 0x28:
            guard remaining >= 5 else { return truncated("GS (") }
            let function = bytes[position + 2]
            let length = Int(bytes[position + 3]) | Int(bytes[position + 4]) << 8
            let name = "GS ( " + String(Character(Unicode.Scalar(function)))
            guard let body = take(5, length) else { return truncated(name) }
            switch function {
            case 0x6B where body.count >= 2:
                return .twoDimensionalCode(cn: body[0], fn: body[1], parameters: Array(body.dropFirst(2)))
            case 0x4C where body.count >= 2:
                return .graphics(m: body[0], fn: body[1], parameters: Array(body.dropFirst(2)))
            default:
                return .other(name: name, parameters: body)
            }
        case 0x38:
            guard remaining >= 7 else { return truncated("GS 8") }
            let function = bytes[position + 2]
            let length = (0..<4).reduce(0) { $0 | Int(bytes[position + 3 + $1]) << (8 * $1) }
            let name = "GS 8 " + String(Character(Unicode.Scalar(function)))
            guard length <= remaining - 7, let body = take(7, length) else { return truncated(name) }
            if function == 0x4C, body.count >= 2 {
                return .graphics(m: body[0], fn: body[1], parameters: Array(body.dropFirst(2)))
            }
            return .other(name: name, parameters: body)
        case 0x76:
            guard remaining >= 8, bytes[position + 2] == 0x30 else { return truncated("GS v 0") }
            let mode = bytes[position + 3]
            let widthBytes = Int(bytes[position + 4]) | Int(bytes[position + 5]) << 8
            let height = Int(bytes[position + 6]) | Int(bytes[position + 7]) << 8
            guard let data = take(8, widthBytes * height) else { return truncated("GS v 0") }
            return .rasterImage(mode: mode, widthBytes: widthBytes, height: height, data: data)
        case 0x50: return other("GS P", 2, 2)
        case 0x3A: position += 2; return .other(name: "GS :", parameters: [])
        case 0x2F: return other("GS /", 2, 1)
        case 0x2A:
            guard remaining >= 4 else { return truncated("GS *") }
            let count = Int(bytes[position + 2]) * Int(bytes[position + 3]) * 8
            return other("GS *", 4, count)
        default:
            position += 1
            return .unknown(0x1D)
        }
    }

    mutating func dataLinkEscape() -> Command {
        guard remaining >= 2 else { return truncated("DLE") }
        switch bytes[position + 1] {
        case 0x04: return fixed("DLE EOT", 2, 1) { .realTimeStatus($0[0]) }
        case 0x05: return fixed("DLE ENQ", 2, 1) { .realTimeRequest($0[0]) }
        case 0x14: return fixed("DLE DC4", 2, 3) { .realTimeCommand(function: $0[0], m: $0[1], t: $0[2]) }
        default:
            position += 1
            return .unknown(0x10)
        }
    }

    mutating func fileSeparator() -> Command {
        guard remaining >= 2 else { return truncated("FS") }
        switch bytes[position + 1] {
        case 0x2E: position += 2; return .cancelKanjiMode
        case 0x26: position += 2; return .selectKanjiMode
        case 0x21: return other("FS !", 2, 1)
        case 0x2D: return other("FS -", 2, 1)
        case 0x43: return other("FS C", 2, 1)
        case 0x28:
            guard remaining >= 5 else { return truncated("FS (") }
            let name = "FS ( " + String(Character(Unicode.Scalar(bytes[position + 2])))
            let length = Int(bytes[position + 3]) | Int(bytes[position + 4]) << 8
            return other(name, 5, length)
        default:
            position += 1
            return .unknown(0x1C)
        }
    }
}
