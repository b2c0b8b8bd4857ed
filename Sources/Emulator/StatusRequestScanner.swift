import EscPos

/// Finds status requests in a job while its bytes are still arriving, so they can be answered at once
/// (a client waits for the reply to `DLE EOT` before it sends more).
///
/// An incremental state machine over the chunks as they arrive: it frames commands the way
/// ``CommandDecoder`` does (a command's length, or its NUL terminator), skips parameter data by counting
/// and never looks at a byte twice, so its time is linear in the job however the bytes are split — an
/// unterminated `ESC D` or a huge `GS 8 L` length costs one pass, not one pass per chunk. It keeps at most
/// the 8 bytes of one command header, whatever the job's size.
struct StatusRequestScanner: Sendable {
    private enum State: Sendable {
        /// Between commands.
        case boundary
        /// Inside a command header (``header``), not yet long enough to know the command's length.
        case header
        /// Inside a command's parameter data: this many bytes remain.
        case skipping(Int)
        /// Inside parameter data that ends with a NUL (`ESC D`, `GS k` function A).
        case untilNUL
    }

    /// How a command header resolves.
    private enum Frame {
        case needMore
        /// The command's total length in bytes.
        case length(Int)
        /// The parameters run up to and including the next NUL.
        case untilNUL
        /// A complete status request (the header is the whole command).
        case request(Command)
    }

    private var state = State.boundary
    private var header: [UInt8] = []
    /// How many bytes were scanned in all.
    private(set) var scannedCount = 0

    init() {
        header.reserveCapacity(8)
    }

    /// The status requests completed by `bytes`, the next chunk of the job.
    mutating func scan<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> [Command] where Bytes.Index == Int {
        var requests: [Command] = []
        process(bytes, into: &requests)
        scannedCount += bytes.count
        return requests
    }

    private mutating func process<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes, into requests: inout [Command]
    ) where Bytes.Index == Int {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            switch state {
            case .skipping(let count):
                let step = min(count, bytes.endIndex - index)
                index += step
                state = step == count ? .boundary : .skipping(count - step)
            case .untilNUL:
                if let nul = bytes[index...].firstIndex(of: 0) {
                    index = nul + 1
                    state = .boundary
                } else {
                    index = bytes.endIndex
                }
            case .boundary:
                // Text, line feeds and unknown bytes are one-byte commands as far as framing goes.
                guard let prefix = bytes[index...].firstIndex(where: Self.startsCommand) else {
                    index = bytes.endIndex
                    break
                }
                header.append(bytes[prefix])
                state = .header
                index = prefix + 1
            case .header:
                header.append(bytes[index])
                index += 1
                resolveHeader(into: &requests)
            }
        }
    }

    private static func startsCommand(_ byte: UInt8) -> Bool {
        byte == 0x1B || byte == 0x1D || byte == 0x10 || byte == 0x1C
    }

    /// Moves on once the header says how long its command is; bytes of the header that turn out not to
    /// belong to the command (an unknown `ESC x` is one byte, `ESC GS` without `t` two) are scanned again.
    private mutating func resolveHeader(into requests: inout [Command]) {
        let leftover: [UInt8]
        switch Self.frame(header) {
        case .needMore:
            return
        case .request(let command):
            requests.append(command)
            state = .boundary
            leftover = []
        case .untilNUL:
            state = .untilNUL
            leftover = []
        case .length(let total) where total >= header.count:
            state = total == header.count ? .boundary : .skipping(total - header.count)
            leftover = []
        case .length(let total):
            state = .boundary
            leftover = Array(header[total...])
        }
        header.removeAll(keepingCapacity: true)
        if !leftover.isEmpty { process(leftover, into: &requests) }
    }

    /// The framing of `CommandDecoder` for a command header (at most 8 bytes, starting with ESC, GS, DLE
    /// or FS).
    private static func frame(_ header: [UInt8]) -> Frame {
        let count = header.count
        guard count >= 2 else { return .needMore }
        func word(_ at: Int) -> Int { Int(header[at]) | Int(header[at + 1]) << 8 }
        let code = header[1]
        switch header[0] {
        case 0x1B:
            switch code {
            case 0x40, 0x32, 0x4C, 0x53, 0x69, 0x6D: return .length(2)
            case 0x45, 0x2D, 0x47, 0x7B, 0x56, 0x4D, 0x21, 0x61, 0x33, 0x64, 0x4A, 0x74, 0x20, 0x25, 0x52, 0x3D,
                0x54:
                return .length(3)
            case 0x42, 0x24, 0x5C: return .length(4)
            case 0x63: return .length(4)
            case 0x70: return .length(5)
            case 0x1D:
                guard count >= 3 else { return .needMore }
                return .length(header[2] == 0x74 ? 4 : 2)
            case 0x2A:
                guard count >= 5 else { return .needMore }
                return .length(5 + (header[2] >= 32 ? word(3) * 3 : word(3)))
            case 0x44: return .untilNUL
            case 0x28:
                guard count >= 5 else { return .needMore }
                return .length(5 + word(3))
            default: return .length(1)
            }
        case 0x1D:
            switch code {
            case 0x61, 0x49, 0x72:
                guard count >= 3 else { return .needMore }
                let n = header[2]
                switch code {
                case 0x61: return .request(.automaticStatusBack(n))
                case 0x49: return .request(.transmitPrinterID(n))
                default: return .request(.transmitStatus(n))
                }
            case 0x21, 0x42, 0x68, 0x77, 0x48, 0x66, 0x2F: return .length(3)
            case 0x4C, 0x57, 0x50: return .length(4)
            case 0x3A: return .length(2)
            case 0x56:
                guard count >= 3 else { return .needMore }
                return .length([0x41, 0x42, 0x61, 0x62, 0x67, 0x68].contains(header[2]) ? 4 : 3)
            case 0x6B:
                guard count >= 3 else { return .needMore }
                if header[2] <= 6 { return .untilNUL }
                guard count >= 4 else { return .needMore }
                return .length(4 + Int(header[3]))
            case 0x28:
                guard count >= 5 else { return .needMore }
                if header[2] == 0x48, word(3) == 6 {
                    // GS ( H function 48: the process ID request, answered once what came before is printed.
                    let request = StatusCommands.processIDRequestPrefix
                    guard count >= request.count + 4 else { return .needMore }
                    if header.starts(with: request) {
                        return .request(.other(name: "GS ( H", parameters: Array(header[5...])))
                    }
                }
                return .length(5 + word(3))
            case 0x38:
                guard count >= 7 else { return .needMore }
                return .length(7 + (word(3) | word(5) << 16))
            case 0x76:
                // `GS v` other than `GS v 0` is no command the decoder knows; its GS is skipped as one byte.
                guard count >= 3 else { return .needMore }
                guard header[2] == 0x30 else { return .length(1) }
                guard count >= 8 else { return .needMore }
                return .length(8 + word(4) * word(6))
            case 0x2A:
                guard count >= 4 else { return .needMore }
                return .length(4 + Int(header[2]) * Int(header[3]) * 8)
            default: return .length(1)
            }
        case 0x10:
            switch code {
            case 0x04:
                guard count >= 3 else { return .needMore }
                return .request(.realTimeStatus(header[2]))
            case 0x05: return .length(3)
            case 0x14: return .length(5)
            default: return .length(1)
            }
        default:  // FS
            switch code {
            case 0x2E, 0x26: return .length(2)
            case 0x21, 0x2D, 0x43: return .length(3)
            case 0x28:
                guard count >= 5 else { return .needMore }
                return .length(5 + word(3))
            default: return .length(1)
            }
        }
    }
}
