import Foundation
import NIOCore
import NIOPosix
import Testing

/// The `escpos` tool against hostile inputs and peers: endless standard input, FIFOs and devices as files,
/// a printer that never reads, a device that answers noise, and clients that hold the virtual printer.
@Suite(.timeLimit(.minutes(1))) struct EscPosCLIHostileInputTests {
    /// A sparse file of zeros, `size` bytes long, taking no disk space.
    static func zeros(_ size: UInt64, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("zeros.bin")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: size)
        try handle.close()
        return url
    }

    @Test func decodeStopsReadingStandardInputAtTheLimit() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try Self.zeros(65 << 20, in: folder)
        let result = try CLI.run(["decode", "-"], input: input)
        #expect(result.status == 65, "\(result.standardError)")
        #expect(result.standardError.contains("standard input: more than 64 MiB"))
        #expect(result.standardOutput.isEmpty, "nothing is decoded from an input over the limit")
    }

    @Test(arguments: ["fifo", "/dev/zero", "/tmp"])
    func templateDataThatIsNoRegularFileIsRefused(_ kind: String) throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var path = kind
        if kind == "fifo" {
            path = folder.appendingPathComponent("order.json").path
            #expect(mkfifo(path, 0o600) == 0)
        }
        let result = try CLI.run(["render", "--template", "sales-receipt", "--data", path])
        #expect(result.status == 74, "\(result.standardError)")
        #expect(result.standardError.contains("not a regular file"), "\(result.standardError)")
        #expect(!result.standardError.contains("permission"))
    }

    @Test func aJobThatFailsWhileSendingExits74AndSaysWhatWasHandedOver() async throws {
        let printer = try await FakeNetworkPrinter(replies: .ready, reads: false)
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // More than the socket buffers on both sides hold, to a printer that reads nothing.
        let job = try Self.zeros(48 << 20, in: folder)
        let result = try CLI.run(["print", job.path, "--printer", "tcp://127.0.0.1:\(printer.port)", "--timeout", "1"])
        await printer.stop()
        #expect(result.status == 74, "\(result.standardError)")
        #expect(result.standardError.contains("failed while sending"))
        #expect(result.standardError.contains("handed to the connection"))
        #expect(!result.standardError.contains("delivered"))
    }

    @Test(arguments: [[UInt8(0x7E), 0x93, 0xFF, 0x5F, 0x20], [0xA5], [0x72, 0x72]])
    func aDeviceAnsweringNoiseIsNotReportedAsAStatus(_ noise: [UInt8]) async throws {
        var replies = FakeNetworkPrinter.StatusReplies.ready
        replies.noise = noise
        let printer = try await FakeNetworkPrinter(replies: replies)
        let result = try CLI.run(["status", "--printer", "tcp://127.0.0.1:\(printer.port)", "--timeout", "1"])
        await printer.stop()
        #expect(result.status == 74, "\(result.output) \(result.standardError)")
        #expect(result.standardError.contains("invalidReply"))
        #expect(!result.output.contains("NOT READY"))
    }

    @Test func emulateDropsIdleClientsCutsTricklingOnesAndKeepsTheLastJobs() async throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let emulator = try CLI.start([
            "emulate", "--port", "0", "--out", out.path, "--idle-timeout", "1", "--job-timeout", "0.8",
            "--keep-jobs", "2", "--jobs", "3",
        ])
        let portText = try await emulator.waitForStandardError(matching: "listening on 127\\.0\\.0\\.1:([0-9]+)")
        let port = try #require(portText.flatMap { Int($0) }, "\(emulator.standardError)")

        // 1: sends a line and falls silent; the printer closes the connection after --idle-timeout.
        try await step("idle client") {
            try await connect(port) { inbound, outbound in
                try await outbound.write(ByteBuffer(string: "idle\n"))
                for try await _ in inbound {}
            }
        }
        // 2: a byte every 50 ms is never idle, and would take 3 s; --job-timeout cuts it. (The idle timeout is
        // the longer one here, so a stall of the test process cannot make it an idle cut.)
        let cut = try await step("trickling client") { try await connect(port) { _, outbound in
            for _ in 0..<60 {
                do {
                    try await outbound.write(ByteBuffer(string: "A"))
                } catch {
                    return true
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            return false
        } }
        #expect(cut, "the printer closed the trickling connection")
        // 3: an ordinary job; the third printed job ends the emulator (--jobs 3).
        try await step("last client") {
            try await connect(port) { _, outbound in
                try await outbound.write(ByteBuffer(string: "last\n"))
            }
        }
        #expect(try await emulator.exitStatus() == 0, "\(emulator.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files.filter { $0.hasSuffix(".bin") } == ["job-0002.bin", "job-0003.bin"], "--keep-jobs 2")
        #expect(files.count == 8)
        let trickled = try Data(contentsOf: out.appendingPathComponent("job-0002.bin"))
        #expect(trickled.count > 0 && trickled.count < 60)
        #expect(try Data(contentsOf: out.appendingPathComponent("job-0003.bin")) == Data("last\n".utf8))
    }

    /// Runs one step of a scenario, naming it in the error.
    private func step<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw StepFailure(description: "\(name): \(error)")
        }
    }

    struct StepFailure: Error, CustomStringConvertible {
        var description: String
    }

    private func connect<T: Sendable>(
        _ port: Int,
        _ body: (NIOAsyncChannelInboundStream<ByteBuffer>, NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws -> T
    ) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in try await body(inbound, outbound) }
    }
}
