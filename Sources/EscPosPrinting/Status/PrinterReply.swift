import EscPos

/// One reply a printer sent back, told apart from the others by its bit pattern.
///
/// Printers interleave several kinds of replies on the same channel: Automatic Status Back blocks
/// can arrive at any time, between the answer to a `DLE EOT` request and the answer to a `GS I` query.
/// ``PrinterReplyParser`` splits the incoming bytes into these values.
public enum PrinterReply: Hashable, Sendable {
    /// A real-time status byte (`0xx1xx10`), the answer to `DLE EOT n`.
    case realTimeStatus(UInt8)
    /// A 4-byte Automatic Status Back block (first byte `0xx1xx00`).
    case automaticStatusBack([UInt8])
    /// A `GS I` information block (`5F <text> 00`, such as the maker or model name; the text printable
    /// ASCII), without the framing.
    case information(String)
    /// A `GS I n` type-information block (`3D 21 <data> 00`), without the framing.
    case typeInformation([UInt8])
    /// A process ID response (`37 22 d1 d2 d3 d4 00`), the answer to `GS ( H` function 48 once the printer
    /// processed everything before it; the four ID bytes.
    case processID([UInt8])
    /// A one-byte `GS I` or `GS r` answer (`0xx0xxxx`).
    case byte(UInt8)
    /// A byte that fits no known pattern.
    case unknown(UInt8)
}

/// Splits the bytes a printer sends back into ``PrinterReply`` values.
///
/// Feed it whatever arrived with ``append(_:)`` and take complete replies with ``next()``; an
/// incomplete block stays buffered until the rest arrives.
///
/// ```swift
/// var parser = PrinterReplyParser()
/// parser.append([0x10, 0x00, 0x00, 0x00, 0x12])
/// parser.next()  // .automaticStatusBack([0x10, 0, 0, 0])
/// parser.next()  // .realTimeStatus(0x12)
/// ```
public struct PrinterReplyParser: Sendable {
    private var buffer: [UInt8] = []
    /// Information blocks longer than this are not information blocks; the first byte is dropped.
    private let maximumBlockLength = 256

    /// Creates an empty parser.
    public init() {}

    /// The number of bytes waiting to form a complete reply.
    public var bufferedCount: Int { buffer.count }

    /// Drops every buffered byte.
    package mutating func removeAll() {
        buffer.removeAll()
    }

    /// Adds bytes received from the printer.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Removes and returns the next complete reply, or `nil` when more bytes are needed.
    public mutating func next() -> PrinterReply? {
        guard let first = buffer.first else { return nil }
        if first == StatusCommands.informationBlockHeader || first == StatusCommands.typeInformationBlockHeader {
            guard let end = buffer.firstIndex(of: 0) else {
                if buffer.count > maximumBlockLength { return .unknown(buffer.removeFirst()) }
                return nil
            }
            let body = Array(buffer[1..<end])
            if first == StatusCommands.informationBlockHeader {
                // Information is ASCII text; a block with other bytes is not one, and only its first byte goes.
                guard body.allSatisfy({ (0x20...0x7E).contains($0) }) else { return .unknown(buffer.removeFirst()) }
                buffer.removeSubrange(0...end)
                return .information(String(decoding: body, as: UTF8.self))
            }
            buffer.removeSubrange(0...end)
            return .typeInformation(body.first == 0x21 ? Array(body.dropFirst()) : body)
        }
        if first == StatusCommands.processIDResponseHeader[0] {
            let length = StatusCommands.processIDResponse([0, 0, 0, 0]).count
            guard buffer.count >= length else {
                // Wait for the rest only while what arrived can still be a process ID response.
                if buffer.count >= 2 && buffer[1] != StatusCommands.processIDResponseHeader[1] {
                    return .unknown(buffer.removeFirst())
                }
                return nil
            }
            let id = Array(buffer[2..<6])
            if buffer[1] == StatusCommands.processIDResponseHeader[1], buffer[6] == 0,
                id.allSatisfy(StatusCommands.processIDByteRange.contains)
            {
                buffer.removeFirst(length)
                return .processID(id)
            }
            return .unknown(buffer.removeFirst())
        }
        if first & StatusCommands.realTimeReplyMask == StatusCommands.automaticStatusBackPattern {
            guard buffer.count >= 4 else { return nil }
            let block = Array(buffer[0..<4])
            if PrinterStatus.isAutomaticStatusBack(block) {
                buffer.removeFirst(4)
                return .automaticStatusBack(block)
            }
            return .unknown(buffer.removeFirst())
        }
        buffer.removeFirst()
        if PrinterStatus.isRealTimeReply(first) { return .realTimeStatus(first) }
        if first & 0x90 == 0 { return .byte(first) }
        return .unknown(first)
    }
}

extension PrinterReply {
    /// The reply's bytes in hex, for error messages.
    var byteDescription: String {
        switch self {
        case .realTimeStatus(let byte), .byte(let byte), .unknown(let byte): return "byte 0x\(Hex.byte(byte))"
        case .automaticStatusBack(let bytes): return "bytes " + bytes.map(Hex.byte).joined(separator: " ")
        case .processID(let id): return "a process ID response for ID " + id.map(Hex.byte).joined(separator: " ")
        case .information(let text): return "an information block of \(text.utf8.count) bytes"
        case .typeInformation(let bytes): return "a type-information block of \(bytes.count) bytes"
        }
    }
}
