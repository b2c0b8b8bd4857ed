import EscPos
import EscPosTransports
import Testing

/// `Printer.status()` takes a byte for a status only when it has every fixed bit of a reply and nothing
/// but Automatic Status Back comes with it; noise is an `invalidReply` error, never a status.
@Suite struct StatusReplyValidationTests {
    /// A transport whose printer answers each `DLE EOT n` with scripted bytes; reading with nothing
    /// waiting times out at once.
    actor ScriptedTransport: PrinterTransport {
        nonisolated let uri: PrinterURI
        private let answer: @Sendable (UInt8) -> [UInt8]
        private var pending: [UInt8] = []

        init(answer: @escaping @Sendable (UInt8) -> [UInt8]) throws {
            self.uri = try PrinterURI("tcp://192.0.2.1")
            self.answer = answer
        }

        func write(_ bytes: [UInt8], timeout: Duration) async throws {
            if bytes.count == 3, bytes[0] == 0x10, bytes[1] == 0x04 { pending += answer(bytes[2]) }
        }

        func read(upTo maxCount: Int, timeout: Duration) async throws -> [UInt8] {
            guard !pending.isEmpty else { throw TransportError(.timeout, "nothing to read") }
            let bytes = Array(pending.prefix(maxCount))
            pending.removeFirst(bytes.count)
            return bytes
        }

        func close() async {}
    }

    static func status(answering answer: @escaping @Sendable (UInt8) -> [UInt8]) async throws -> PrinterStatus {
        let transport = try ScriptedTransport(answer: answer)
        return try await Printer(transport: transport, options: .init(replyTimeout: .milliseconds(300))).status()
    }

    @Test func everyByteWithoutTheFixedBitsIsRejected() async throws {
        for byte in (0...255).map(UInt8.init) {
            let result = await Result { try await Self.status(answering: { _ in [byte] }) }
            if byte & 0x93 == 0x12 {
                #expect((try? result.get()) != nil, "0x\(String(byte, radix: 16)) is a status reply")
            } else {
                // Rejected as malformed, or (an ASB or information block's first byte) waited on until the
                // timeout: either way never taken for a status.
                let error = try #require(result.failure as? TransportError, "0x\(String(byte, radix: 16))")
                #expect([.invalidReply, .timeout].contains(error.code))
            }
        }
    }

    @Test func aValidLookingByteFollowedByNoiseIsRejected() async throws {
        // The reproducer: 0x72 reads as "paper end" to DLE EOT 4, but a printer sends one byte per request.
        let error = await #expect(throws: TransportError.self) {
            try await Self.status(answering: { _ in [0x72, 0x72] })
        }
        #expect(error?.code == .invalidReply)
        #expect(error?.message.contains("0x72") == true)
    }

    @Test func noiseBeforeTheStatusByteIsRejected() async throws {
        let error = await #expect(throws: TransportError.self) {
            try await Self.status(answering: { _ in [0xFF, 0x12] })
        }
        #expect(error?.code == .invalidReply)
    }

    @Test func automaticStatusBackMayComeBeforeTheStatusByte() async throws {
        let status = try await Self.status(answering: { n in n == 2 ? [0x10, 0x00, 0x0C, 0x00, 0x12] : [0x12] })
        #expect(status.canPrint)
    }

    @Test func informationBlocksAreASCIIText() {
        var parser = PrinterReplyParser()
        parser.append([0x5F, 0xC3, 0xA9, 0x00, 0x5F, 0x54, 0x4D, 0x00])
        #expect(parser.next() == .unknown(0x5F), "not text: only the first byte is dropped")
        #expect(parser.next() == .unknown(0xC3))
        #expect(parser.next() == .unknown(0xA9))
        #expect(parser.next() == .byte(0x00))
        #expect(parser.next() == .information("TM"))
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }

    var failure: (any Error)? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
