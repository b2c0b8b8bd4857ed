import Dispatch
import EscPos
import Foundation
import NIOCore
import NIOPosix
import Testing

@testable import EscPosEmulator

/// A client connection held open by a test: send, receive, half-close, read to the end.
final class TestClient {
    // NIO's `next()` is `@concurrent`, so advancing a stored iterator "sends" it away from the caller. One
    // task uses a client at a time (`withClient`), so that send never races; `nonisolated(unsafe)` says so.
    nonisolated(unsafe) private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending: [UInt8] = []

    init(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>, _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
    }

    func send(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    /// Reads exactly `count` bytes (fewer only when the server closed the connection).
    func receive(_ count: Int) async throws -> [UInt8] {
        while pending.count < count, let buffer = try await inbound.next() { pending += buffer.readableBytesView }
        let taken = Array(pending.prefix(count))
        pending.removeFirst(taken.count)
        return taken
    }

    /// Closes the sending side: the printer takes the job as complete.
    func finish() {
        outbound.finish()
    }

    /// Everything until the server closes the connection; throws when it is reset.
    func readToEnd() async throws -> [UInt8] {
        while let buffer = try await inbound.next() { pending += buffer.readableBytesView }
        defer { pending = [] }
        return pending
    }
}

/// Connects to the printer on loopback and runs `body` with the open connection.
func withClient<T: Sendable>(port: Int, _ body: (TestClient) async throws -> T) async throws -> T {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                    wrappingChannelSynchronously: channel,
                    configuration: .init(isOutboundHalfClosureEnabled: true)
                )
            }
        }
    return try await channel.executeThenClose { inbound, outbound in
        try await body(TestClient(inbound, outbound))
    }
}

/// Waits until the server has recorded `count` jobs, for up to about `seconds`.
func waitForJobs(_ server: VirtualPrinterServer, count: Int, seconds: Int) async throws -> [VirtualPrinterServer.Job] {
    for _ in 0..<(seconds * 100) where server.jobs.count < count {
        try await Task.sleep(for: .milliseconds(10))
    }
    return server.jobs
}

/// The virtual printer under load and against clients that hold it: many at once, silent, trickling,
/// beyond the queue, and status requests while a job renders.
@Suite(.timeLimit(.minutes(2))) struct VirtualPrinterQueueTests {
    static let status: [UInt8] = [0x10, 0x04, 0x01]

    @Test func twoHundredSimultaneousClientsAreAllPrintedWithoutAReset() async throws {
        try await withServer(.init(port: 0)) { server in
            let failures = try await withThrowingTaskGroup(of: String?.self) { group in
                for number in 1...200 {
                    group.addTask {
                        do {
                            return try await withClient(port: server.port) { client in
                                try await client.send(Array("job \(number)\n".utf8))
                                client.finish()
                                _ = try await client.readToEnd()  // the printer closes once the job is taken
                                return nil
                            }
                        } catch {
                            return "client \(number): \(error)"
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { if let failure = $1 { $0.append(failure) } }
            }
            #expect(failures.isEmpty, "\(failures.count) clients failed: \(failures.prefix(3))")
            let jobs = try await waitForJobs(server, count: 200, seconds: 60)
            #expect(jobs.count == 200)
            #expect(Set(jobs.map(\.text)) == Set((1...200).map { "job \($0)\n" }))
            #expect(jobs.allSatisfy { $0.ending == .closedByClient })
        }
    }

    @Test func aStatusRequestIsAnsweredWhileAJobRenders() async throws {
        let (renders, started) = AsyncStream.makeStream(of: Int.self)
        let gate = DispatchSemaphore(value: 0)
        var configuration = VirtualPrinterServer.Configuration(port: 0)
        // The render of job 1 is held until the status reply came back: if rendering blocked the event loop
        // (or status waited for the render), the reply could never arrive.
        configuration.willRender = { number in
            started.yield(number)
            if number == 1 { gate.wait() }
        }
        try await withServer(configuration) { server in
            defer { gate.signal() }  // never leave the render held, even when an expectation throws
            let job = [UInt8]((0..<4096).map { "line \($0) of a large job\n" }.joined().utf8)
            _ = try await exchange(port: server.port, job, replyCount: 0)
            var iterator = renders.makeAsyncIterator()
            #expect(await iterator.next() == 1, "job 1 is rendering")
            let reply = try await exchange(port: server.port, Self.status, replyCount: 1)
            #expect(reply == [0x12])
            #expect(server.jobs.isEmpty, "the reply came while job 1 was still rendering")
            gate.signal()
            let jobs = try await waitForJobs(server, count: 1, seconds: 30)
            #expect(jobs.map(\.byteCount) == [job.count])
        }
    }

    @Test func clientsThatCloseWhileTheyWaitAreStillPrinted() async throws {
        let (renders, started) = AsyncStream.makeStream(of: Int.self)
        let gate = DispatchSemaphore(value: 0)
        var configuration = VirtualPrinterServer.Configuration(port: 0)
        configuration.willRender = { number in
            started.yield(number)
            if number == 1 { gate.wait() }
        }
        try await withServer(configuration) { server in
            defer { gate.signal() }
            _ = try await exchange(port: server.port, Array("first\n".utf8), replyCount: 0)
            var iterator = renders.makeAsyncIterator()
            #expect(await iterator.next() == 1)
            // While job 1 renders, clients send their job and close at once, like `nc` does.
            for number in 2...6 {
                _ = try await exchange(port: server.port, Array("job \(number)\n".utf8), replyCount: 0)
            }
            gate.signal()
            let jobs = try await waitForJobs(server, count: 6, seconds: 30)
            #expect(jobs.map(\.text) == ["first\n"] + (2...6).map { "job \($0)\n" })
        }
    }

    /// Runs `body` while the printer is busy — job "hold" renders (held) and job "filler" waits for the
    /// renderer — so new connections wait their turn, untimed, until `release` is called. Clients can then
    /// send their first bytes before any timeout runs, however slowly the test process is scheduled.
    func withBusyPrinter(
        _ configuration: VirtualPrinterServer.Configuration,
        _ body: (VirtualPrinterServer, @Sendable () -> Void) async throws -> Void
    ) async throws {
        let (renders, started) = AsyncStream.makeStream(of: Int.self)
        let gate = DispatchSemaphore(value: 0)
        var configuration = configuration
        configuration.willRender = { number in
            started.yield(number)
            if number == 1 { gate.wait() }
        }
        try await withServer(configuration) { server in
            defer { gate.signal() }
            _ = try await exchange(port: server.port, Array("hold\n".utf8), replyCount: 0)
            var iterator = renders.makeAsyncIterator()
            #expect(await iterator.next() == 1)
            _ = try await exchange(port: server.port, Array("filler\n".utf8), replyCount: 0)
            try await body(server, { gate.signal() })
        }
    }

    @Test func anIdleClientIsDroppedAndTheNextJobIsPrinted() async throws {
        // The idle client is the one being received while the others render and wait, so its idle time
        // runs from its connection on; 2 s leaves room for a loaded machine between connecting and sending.
        try await withBusyPrinter(.init(port: 0, idleTimeout: .seconds(2))) { server, release in
            try await withClient(port: server.port) { idle in
                try await idle.send(Array("idle\n".utf8) + Self.status)
                #expect(try await idle.receive(1) == [0x12], "the waiting client's bytes arrived")
                // A second client waits too; it is served once the idle one is dropped.
                try await withClient(port: server.port) { next in
                    try await next.send(Array("next\n".utf8))
                    next.finish()
                    release()
                    #expect(try await next.readToEnd() == [])
                }
                #expect(try await idle.readToEnd() == [], "the printer closed the silent connection")
            }
            let jobs = try await waitForJobs(server, count: 4, seconds: 10)
            #expect(jobs.map(\.text) == ["hold\n", "filler\n", "idle\n", "next\n"])
            #expect(jobs.map(\.ending) == [.closedByClient, .closedByClient, .idleTimeout, .closedByClient])
        }
    }

    @Test func aTricklingClientIsCutAtTheJobTimeout() async throws {
        let configuration = VirtualPrinterServer.Configuration(
            port: 0,
            idleTimeout: .seconds(5),
            jobTimeout: .milliseconds(600)
        )
        try await withBusyPrinter(configuration) { server, release in
            try await withClient(port: server.port) { client in
                try await client.send([0x41] + Self.status)
                #expect(try await client.receive(1) == [0x12])
                release()
                // One byte every 50 ms is never idle, and would take 10 s for all 200 bytes.
                for _ in 0..<200 {
                    do {
                        try await client.send([0x41])
                    } catch {
                        break  // the printer closed the connection
                    }
                    try await Task.sleep(for: .milliseconds(50))
                    if server.jobs.count == 3 { break }
                }
            }
            let jobs = try await waitForJobs(server, count: 3, seconds: 10)
            let job = try #require(jobs.last)
            #expect(job.ending == .jobTimeout)
            #expect(job.byteCount >= 4 && job.byteCount < 204)
        }
    }

    @Test func aConnectionBeyondTheQueueIsRefusedCleanlyAndTheQueuedOnesArePrinted() async throws {
        try await withServer(.init(port: 0, maximumQueuedConnections: 1)) { server in
            try await withClient(port: server.port) { first in
                try await first.send(Self.status)
                #expect(try await first.receive(1) == [0x12])  // served
                try await withClient(port: server.port) { second in
                    try await second.send(Self.status)
                    #expect(try await second.receive(1) == [0x12], "a waiting client's status is answered")
                    try await withClient(port: server.port) { third in
                        let received = try await third.readToEnd()
                        #expect(received == [], "refused: end of stream, not a reset")
                    }
                    try await second.send(Array("second\n".utf8))
                    second.finish()
                }
                try await first.send(Array("first\n".utf8))
                first.finish()
                _ = try await first.readToEnd()
            }
            let jobs = try await waitForJobs(server, count: 2, seconds: 10)
            #expect(jobs.map(\.text) == ["first\n", "second\n"])
        }
    }

    @Test func onlyTheLastKeptJobsStayOnDisk() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("escpos-keep-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withServer(.init(port: 0, outputDirectory: directory, keptJobCount: 2)) { server in
            for number in 1...4 {
                _ = try await exchange(port: server.port, Array("job \(number)\n".utf8), replyCount: 0)
                for _ in 0..<1000 where server.jobs.last?.number != number {
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            #expect(server.jobs.map(\.number) == [3, 4])
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            #expect(
                files == [
                    "job-0003.bin", "job-0003.listing.txt", "job-0003.png", "job-0003.txt",
                    "job-0004.bin", "job-0004.listing.txt", "job-0004.png", "job-0004.txt",
                ]
            )
        }
    }

    @Test func aStatusRequestAfterAMegabyteTabCommandIsAnswered() async throws {
        try await withServer(.init(port: 0)) { server in
            // The quadratic scanner's reproducer: an `ESC D` whose NUL comes 2 MiB later.
            let job = [0x1B, 0x44] + [UInt8](repeating: 0x01, count: 2 << 20) + [0x00] + Self.status
            let reply = try await exchange(port: server.port, job, replyCount: 1)
            #expect(reply == [0x12])
        }
    }
}
