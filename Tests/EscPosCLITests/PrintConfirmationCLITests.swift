import EscPosTestSupport
import Foundation
import Testing

/// `escpos print` says "printed" only when the printer confirmed the job: against the real virtual printer
/// (`escpos emulate`) over TCP, and against a listener that never answers.
@Suite(.timeLimit(.minutes(2))) struct PrintConfirmationCLITests {
    /// Starts `escpos emulate` on a free port; returns it with its port and job folder.
    static func emulator(_ arguments: [String]) async throws -> (CLI.Running, Int, URL) {
        let out = try CLI.temporaryDirectory()
        let emulator = try CLI.start(["emulate", "--port", "0", "--out", out.path] + arguments)
        let portText = try await emulator.waitForStandardError(matching: "listening on 127\\.0\\.0\\.1:([0-9]+)")
        let port = try #require(portText.flatMap { Int($0) }, "\(emulator.standardError)")
        return (emulator, port, out)
    }

    @Test(arguments: [
        ("generic-80mm", "a status round trip after the job (DLE EOT)"),
        ("epson-tm-t88vi", "the printer's process ID response (GS ( H)"),
    ])
    func aJobTheVirtualPrinterPrintedIsReportedAsPrinted(profile: String, confirmation: String) async throws {
        let (emulator, port, out) = try await Self.emulator(["--profile", profile, "--jobs", "1"])
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CLI.run([
            "print", "--sample", "--profile", profile, "--printer", "tcp://127.0.0.1:\(port)", "--timeout", "5",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.output.hasPrefix("printed 1 copy"), "\(result.output)")
        #expect(result.output.contains("confirmed by \(confirmation)"), "\(result.output)")
        #expect(try await emulator.exitStatus() == 0, "--jobs 1: the virtual printer printed one job")
        let text = try String(contentsOf: out.appendingPathComponent("job-0001.txt"), encoding: .utf8)
        #expect(text.contains("CORNER CAFÉ"), "the virtual printer rendered the receipt")
    }

    @Test(arguments: ["generic-80mm", "epson-tm-t88vi"])
    func aJobAPaperOutVirtualPrinterRefusedIsNotPrinted(profile: String) async throws {
        let (emulator, port, out) = try await Self.emulator(["--profile", profile, "--paper-out"])
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CLI.run([
            "print", "--sample", "--profile", profile, "--printer", "tcp://127.0.0.1:\(port)", "--timeout", "2",
        ])
        emulator.process.terminate()
        _ = try await emulator.exitStatus()
        #expect(result.status == 75, "\(result.output) \(result.standardError)")
        #expect(result.standardError.contains("not printed"), "\(result.standardError)")
        #expect(result.standardError.contains("paper out"), "\(result.standardError)")
        #expect(!result.output.contains("printed"), "\(result.output)")
    }

    @Test func aJobToAPrinterThatNeverAnswersIsOnlySent() async throws {
        var silent = FakeNetworkPrinter.StatusReplies.ready
        silent.noise = []
        let printer = try await FakeNetworkPrinter.start(replies: silent)
        let result = try CLI.run([
            "print", "--sample", "--printer", "tcp://127.0.0.1:\(printer.port)", "--timeout", "1",
        ])
        await printer.stop()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.output.hasPrefix("sent 1 copy"), "\(result.output)")
        #expect(result.output.contains("did not confirm"), "\(result.output)")
        #expect(!printer.job.isEmpty)
    }

    @Test func noConfirmSendsTheJobAloneAndSaysSent() async throws {
        let printer = try await FakeNetworkPrinter.start(replies: .ready)
        let result = try CLI.run([
            "print", "--sample", "--profile", "epson-tm-t88vi", "--printer", "tcp://127.0.0.1:\(printer.port)",
            "--no-confirm",
        ])
        await printer.stop()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.output.contains("--no-confirm"), "\(result.output)")
        #expect(!printer.bytes.contains(0x28) || !printer.bytes.suffix(11).starts(with: [0x1D, 0x28, 0x48]))
    }
}
