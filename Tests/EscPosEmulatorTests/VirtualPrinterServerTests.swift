import EscPos
import EscPosEmulator
import EscPosTemplates
import Foundation
import NIOCore
import NIOPosix
import Testing

/// Connects to `port` on loopback, sends `bytes`, and reads until `count` bytes came back.
func exchange(port: Int, _ bytes: [UInt8], replyCount count: Int) async throws -> [UInt8] {
    let client = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
    return try await client.executeThenClose { inbound, outbound in
        try await outbound.write(ByteBuffer(bytes: bytes))
        var received: [UInt8] = []
        if count > 0 {
            for try await buffer in inbound {
                received += buffer.readableBytesView
                if received.count >= count { break }
            }
        }
        return received
    }
}

/// Runs `body` with a server on free loopback ports, then shuts it down.
func withServer(
    _ configuration: VirtualPrinterServer.Configuration,
    _ body: (VirtualPrinterServer) async throws -> Void
) async throws {
    let server = try await VirtualPrinterServer.start(configuration)
    let running = Task { try await server.run() }
    do {
        try await body(server)
    } catch {
        await server.shutdown()
        _ = await running.result
        throw error
    }
    await server.shutdown()
    _ = await running.result
}

/// Waits until the server has recorded `count` jobs (jobs finish just after their connection closes).
func waitForJobs(_ server: VirtualPrinterServer, count: Int) async throws -> [VirtualPrinterServer.Job] {
    for _ in 0..<500 where server.jobs.count < count {
        try await Task.sleep(for: .milliseconds(10))
    }
    return server.jobs
}

struct ConditionCase: Sendable, CustomTestStringConvertible {
    var name: String
    var condition: PrinterCondition
    /// Replies to DLE EOT 1, 2, 3, 4, from the reference's bit tables.
    var realTime: [UInt8]
    /// The Automatic Status Back block.
    var statusBack: [UInt8]
    var prints: Bool

    var testDescription: String { name }

    static let all = [
        ConditionCase(
            name: "ready",
            condition: PrinterCondition(),
            realTime: [0x12, 0x12, 0x12, 0x12],
            statusBack: [0x10, 0x00, 0x00, 0x00],
            prints: true
        ),
        ConditionCase(
            name: "paper near end",
            condition: PrinterCondition(paperNearEnd: true),
            realTime: [0x12, 0x12, 0x12, 0x1E],
            statusBack: [0x10, 0x00, 0x03, 0x00],
            prints: true
        ),
        ConditionCase(
            name: "paper out",
            condition: PrinterCondition(paperOut: true),
            realTime: [0x1A, 0x32, 0x12, 0x7E],
            statusBack: [0x18, 0x00, 0x0F, 0x00],
            prints: false
        ),
        ConditionCase(
            name: "cover open",
            condition: PrinterCondition(coverOpen: true),
            realTime: [0x1A, 0x16, 0x12, 0x12],
            statusBack: [0x38, 0x00, 0x00, 0x00],
            prints: false
        ),
        ConditionCase(
            name: "offline",
            condition: PrinterCondition(offline: true),
            realTime: [0x1A, 0x12, 0x12, 0x12],
            statusBack: [0x18, 0x00, 0x00, 0x00],
            prints: false
        ),
    ]
}

@Suite(.timeLimit(.minutes(1))) struct VirtualPrinterServerTests {
    static let dleEOT: [UInt8] = [0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04]

    @Test(arguments: ConditionCase.all)
    func answersStatusAndPrintsOnlyWhenReady(_ state: ConditionCase) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "escpos-emulator-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withServer(.init(port: 0, outputDirectory: directory, condition: state.condition)) { server in
            let realTime = try await exchange(port: server.port, Self.dleEOT, replyCount: 4)
            #expect(realTime == state.realTime)
            #expect(realTime.allSatisfy { $0 & 0x93 == 0x12 })
            let statusBack = try await exchange(port: server.port, [0x1D, 0x61, 0xFF], replyCount: 4)
            #expect(statusBack == state.statusBack)
            #expect(server.jobs.isEmpty, "status-only connections are not jobs")

            let receipt = try ReceiptCompiler(profile: .generic80mm).compile(Receipt { Text("Hello, printer") }).bytes
            // A transport asks for status first, then sends the job on the same connection.
            let reply = try await exchange(port: server.port, [0x10, 0x04, 0x04] + receipt, replyCount: 1)
            #expect(reply == [state.realTime[3]])
            let jobs = try await waitForJobs(server, count: 1)
            let job = try #require(jobs.first)
            #expect(job.byteCount == receipt.count + 3)
            if state.prints {
                #expect(job.refusalReason == nil)
                #expect(job.text == "Hello, printer\n")
                #expect(
                    job.files.map { ($0 as NSString).lastPathComponent }.sorted() == [
                        "job-0001.bin", "job-0001.listing.txt", "job-0001.png", "job-0001.txt",
                    ]
                )
                let written = try Data(contentsOf: URL(fileURLWithPath: directory + "/job-0001.bin"))
                #expect([UInt8](written) == [0x10, 0x04, 0x04] + receipt)
            } else {
                #expect(job.refusalReason != nil)
                #expect(job.files.isEmpty)
                #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
            }
        }
    }

    @Test func transmitsPrinterIDs() async throws {
        try await withServer(.init(port: 0, profile: .epsonTMT88VI)) { server in
            let model = try await exchange(
                port: server.port,
                [0x1D, 0x49, 0x43],
                replyCount: 1 + PrinterProfile.epsonTMT88VI.name.utf8.count + 1
            )
            #expect(model == [0x5F] + Array(PrinterProfile.epsonTMT88VI.name.utf8) + [0x00])
            let type = try await exchange(port: server.port, [0x1D, 0x49, 0x02], replyCount: 1)
            #expect(type == [0x02])  // autocutter
        }
    }

    @Test func statusBackIsSentAgainWhenTheConditionChanges() async throws {
        try await withServer(.init(port: 0)) { server in
            let client = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: server.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            try await client.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(bytes: [0x1D, 0x61, 0xFF]))
                var iterator = inbound.makeAsyncIterator()
                var received: [UInt8] = []
                while received.count < 4, let buffer = try await iterator.next() {
                    received += buffer.readableBytesView
                }
                #expect(received == [0x10, 0x00, 0x00, 0x00])
                server.setCondition(PrinterCondition(coverOpen: true))
                received = []
                while received.count < 4, let buffer = try await iterator.next() {
                    received += buffer.readableBytesView
                }
                #expect(received == [0x38, 0x00, 0x00, 0x00])
            }
        }
    }

    @Test func controlPortChangesTheCondition() async throws {
        try await withServer(.init(port: 0, controlPort: 0)) { server in
            let controlPort = try #require(server.controlPort)
            let set = try await exchange(port: controlPort, Array("set paper-out on\n".utf8), replyCount: 10)
            #expect(String(decoding: set, as: UTF8.self).hasPrefix("ok paper-near-end=off paper-out=on"))
            #expect(server.condition == PrinterCondition(paperOut: true))
            let status = try await exchange(port: server.port, [0x10, 0x04, 0x04], replyCount: 1)
            #expect(status == [0x7E])
            let wrong = try await exchange(port: controlPort, Array("set paper-jam on\n".utf8), replyCount: 6)
            #expect(String(decoding: wrong, as: UTF8.self).hasPrefix("error:"))
            _ = try await exchange(port: controlPort, Array("clear\n".utf8), replyCount: 3)
            #expect(server.condition == PrinterCondition())
        }
    }

    @Test func jobsArriveInOrderOneConnectionAtATime() async throws {
        try await withServer(.init(port: 0)) { server in
            for number in 1...3 {
                _ = try await exchange(port: server.port, Array("job \(number)\n".utf8), replyCount: 0)
            }
            let jobs = try await waitForJobs(server, count: 3)
            #expect(jobs.map(\.number) == [1, 2, 3])
            #expect(jobs.map(\.text) == ["job 1\n", "job 2\n", "job 3\n"])
        }
    }
}

extension VirtualPrinterServerTests {
    @Test func stopsAfterThePrintedJobLimit() async throws {
        let server = try await VirtualPrinterServer.start(.init(port: 0, printedJobLimit: 1))
        let running = Task { try await server.run() }
        _ = try await exchange(port: server.port, [0x10, 0x04, 0x01], replyCount: 1)  // status only: not a job
        _ = try await exchange(port: server.port, Array("once\n".utf8), replyCount: 0)
        try await running.value  // returns by itself after the first printed job
        #expect(server.jobs.map(\.text) == ["once\n"])
    }
}
