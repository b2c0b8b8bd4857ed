import EscPos

/// Finds status requests in a job while its bytes are still arriving, so they can be answered at once
/// (a client waits for the reply to `DLE EOT` before it sends more).
///
/// Decodes only the bytes after the last complete command; a command cut off by the end of what has
/// arrived so far is decoded again when more bytes come.
struct StatusRequestScanner {
    let decoder: CommandDecoder
    private(set) var scannedCount = 0

    init(profile: PrinterProfile) {
        decoder = CommandDecoder(profile: profile)
    }

    /// The status requests among the complete commands of `bytes` not seen before.
    mutating func scan(_ bytes: [UInt8]) -> [Command] {
        guard scannedCount < bytes.count else { return [] }
        var requests: [Command] = []
        for decoded in decoder.decode(Array(bytes[scannedCount...])) {
            if case .truncated = decoded.command { break }
            scannedCount += decoded.bytes.count
            switch decoded.command {
            case .realTimeStatus, .automaticStatusBack, .transmitStatus, .transmitPrinterID:
                requests.append(decoded.command)
            default:
                continue
            }
        }
        return requests
    }
}
