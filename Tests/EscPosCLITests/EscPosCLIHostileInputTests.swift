import EscPosTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

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
        let printer = try await FakeNetworkPrinter.start(.neverRead, replies: .ready)
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
        let printer = try await FakeNetworkPrinter.start(replies: replies)
        let result = try CLI.run(["status", "--printer", "tcp://127.0.0.1:\(printer.port)", "--timeout", "1"])
        await printer.stop()
        #expect(result.status == 74, "\(result.output) \(result.standardError)")
        #expect(result.standardError.contains("is not a status reply"))
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

        // The clients run on a thread of their own with blocking sockets: a busy Swift concurrency pool
        // (other tests block it) must not stall them between connecting and sending.
        let (idleClosed, cut) = await onThread { () -> (Bool, Bool) in
            // 1: sends a line and falls silent; the printer closes the connection after --idle-timeout.
            let idle = BlockingClient(port: port)
            _ = idle.send("idle\n")
            let idleClosed = idle.waitForClose()
            // 2: a byte every 50 ms is never idle, and would take 3 s; --job-timeout cuts it. (The idle
            // timeout is the longer one here, so a stall cannot make it an idle cut.)
            let trickle = BlockingClient(port: port)
            var cut = false
            for _ in 0..<60 {
                guard trickle.send("A") else {
                    cut = true
                    break
                }
                usleep(50_000)
            }
            // 3: an ordinary job; the third printed job ends the emulator (--jobs 3).
            let last = BlockingClient(port: port)
            _ = last.send("last\n")
            return (idleClosed, cut)
        }
        #expect(idleClosed, "the printer closed the silent connection")
        #expect(cut, "the printer closed the trickling connection")
        #expect(try await emulator.exitStatus() == 0, "\(emulator.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files.filter { $0.hasSuffix(".bin") } == ["job-0002.bin", "job-0003.bin"], "--keep-jobs 2")
        #expect(files.count == 8)
        let trickled = try Data(contentsOf: out.appendingPathComponent("job-0002.bin"))
        #expect(trickled.count > 0 && trickled.count < 60)
        #expect(try Data(contentsOf: out.appendingPathComponent("job-0003.bin")) == Data("last\n".utf8))
    }

}

/// Runs `body` on a thread of its own (not Swift's cooperative pool) and returns its result.
func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}

/// A blocking loopback TCP client; closed when released.
final class BlockingClient {
    let descriptor: Int32

    init(port: Int) {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    deinit {
        close(descriptor)
    }

    /// Sends the text; `false` once the printer has closed the connection.
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        return sent == bytes.count
    }

    /// Reads until the printer closes the connection (end of stream or reset); `false` after 30 s.
    func waitForClose() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while poll(&entry, 1, 30_000) > 0 {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return true }
        }
        return false
    }
}
