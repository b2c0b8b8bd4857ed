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
        _ bytes: Bytes,
        into requests: inout [Command]
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
        CommandFraming.startsCommand(byte)
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

    /// The frame of a command header (starting with ESC, GS, DLE or FS): a status request the printer
    /// answers at once, or the length ``CommandFraming`` gives.
    private static func frame(_ header: [UInt8]) -> Frame {
        let count = header.count
        guard count >= 2 else { return .needMore }
        switch (header[0], header[1]) {
        case (ControlCode.dle, DLEFunction.transmitStatus.rawValue):
            guard count >= 3 else { return .needMore }
            return .request(.realTimeStatus(header[2]))
        case (ControlCode.gs, GSFunction.automaticStatusBack.rawValue):
            guard count >= 3 else { return .needMore }
            return .request(.automaticStatusBack(header[2]))
        case (ControlCode.gs, GSFunction.transmitPrinterID.rawValue):
            guard count >= 3 else { return .needMore }
            return .request(.transmitPrinterID(header[2]))
        case (ControlCode.gs, GSFunction.transmitStatus.rawValue):
            guard count >= 3 else { return .needMore }
            return .request(.transmitStatus(header[2]))
        case (ControlCode.gs, GSFunction.extended.rawValue):
            // GS ( H function 48: the process ID request, answered once what came before is printed.
            let request = StatusCommands.processIDRequestPrefix
            let compared = min(count, request.count)
            if header.prefix(compared).elementsEqual(request.prefix(compared)) {
                guard count >= request.count + 4 else { return .needMore }
                return .request(
                    .other(name: GSExtendedFunction.responseRequest.mnemonic, parameters: Array(header[5...]))
                )
            }
        default:
            break
        }
        switch CommandFraming.frame(header) {
        case .needMore: return .needMore
        case .length(let length): return .length(length)
        case .untilNUL: return .untilNUL
        }
    }
}
