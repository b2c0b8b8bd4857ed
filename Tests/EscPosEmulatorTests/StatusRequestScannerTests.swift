import EscPos
import EscPosTemplates
import EscPosTestSupport
import Testing

@testable import EscPosEmulator

/// The incremental status scanner finds exactly the status requests the command decoder sees, however the
/// job is split into chunks.
@Suite struct StatusRequestScannerTests {
    static func isRequest(_ command: Command) -> Bool {
        switch command {
        case .realTimeStatus, .automaticStatusBack, .transmitStatus, .transmitPrinterID: return true
        default: return false
        }
    }

    /// The requests among the decoder's complete commands.
    static func decodedRequests(_ bytes: [UInt8]) -> [Command] {
        CommandDecoder().decode(bytes).map(\.command).filter(isRequest)
    }

    static func scannedRequests(_ bytes: [UInt8], chunkSize: Int) -> [Command] {
        var scanner = StatusRequestScanner()
        var requests: [Command] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunkSize)
            requests += scanner.scan(bytes[offset..<end])
            offset = end
        }
        #expect(scanner.scannedCount == bytes.count)
        return requests
    }

    /// Bytes drawn mostly from command prefixes, status codes, lengths and terminators, so that commands
    /// of every framing (fixed, length-prefixed, NUL-terminated, unknown) follow each other closely.
    static func commandSoup(count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededRandomNumberGenerator(seed: seed)
        let alphabet: [UInt8] = [
            0x1B, 0x1D, 0x10, 0x1C, 0x04, 0x05, 0x14, 0x61, 0x49, 0x72, 0x44, 0x00, 0x01, 0x02, 0x03, 0x28, 0x6B,
            0x2A, 0x38, 0x4C, 0x56, 0x41, 0x0A, 0x20, 0x40, 0x21, 0x74, 0x63, 0x30, 0x31, 0x70, 0x42,
        ]
        return (0..<count).map { _ in alphabet[Int.random(in: alphabet.indices, using: &generator)] }
    }

    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func findsTheDecodersStatusRequestsInAnyChunking(_ chunkSize: Int) throws {
        let receipt = try ReceiptCompiler(profile: .generic80mm).compile(
            Receipt {
                Text("Hello")
                Cut()
            }
        ).bytes
        let streams: [[UInt8]] =
            [
                [0x10, 0x04, 0x01] + receipt + [0x1D, 0x61, 0x0F, 0x1D, 0x72, 0x01, 0x1D, 0x49, 0x43],
                // Requests hidden inside parameter data are data, not requests.
                [0x1B, 0x44, 0x10, 0x04, 0x01, 0x00, 0x10, 0x04, 0x02],
                [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x10, 0x04, 0x01, 0x10, 0x04, 0x03],
                [0x1B, 0x1D, 0x10, 0x04, 0x04, 0x1B, 0x99, 0x10, 0x04, 0x01],
                try ReceiptCompiler(profile: .epsonTMT88VI).compile(Receipt { SampleReceipt() }).bytes + [
                    0x10, 0x04, 0x02,
                ],
            ] + (1...40).map { Self.commandSoup(count: 600, seed: UInt64($0)) }
        for stream in streams {
            #expect(Self.scannedRequests(stream, chunkSize: chunkSize) == Self.decodedRequests(stream), "\(stream)")
        }
    }

    @Test func anUnterminatedTabCommandIsOnePassOfData() {
        // The reproducer of the quadratic scanner: `ESC D` with no NUL for megabytes. Scanned in 64 KiB
        // chunks, nothing is a request until the NUL, and the request after it is found.
        var scanner = StatusRequestScanner()
        var requests = scanner.scan([0x1B, 0x44])
        let chunk = [UInt8](repeating: 0x10, count: 64 * 1024)
        for _ in 0..<64 { requests += scanner.scan(chunk) }
        requests += scanner.scan([0x04, 0x01, 0x00, 0x10, 0x04, 0x04])
        #expect(requests == [.realTimeStatus(4)])
        #expect(scanner.scannedCount == 2 + 64 * chunk.count + 6)
    }

    @Test func hugeDeclaredLengthsAreSkippedByCounting() {
        var scanner = StatusRequestScanner()
        // GS 8 L with a 4-GiB length: the rest of this job is its data.
        #expect(scanner.scan([0x1D, 0x38, 0x4C, 0xFF, 0xFF, 0xFF, 0xFF, 0x10, 0x04, 0x01]).isEmpty)
        var other = StatusRequestScanner()
        // GS ( k with 3 data bytes, then a request.
        #expect(other.scan([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x41, 0x00, 0x10, 0x04, 0x01]) == [.realTimeStatus(1)])
    }
}
