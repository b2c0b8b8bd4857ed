import EscPosTestSupport
import Foundation
import Testing

/// Wrong command lines are usage errors (exit 64) with the fix in the message, not silent surprises.
@Suite(.timeLimit(.minutes(1))) struct InputChecksCLITests {
    @Test(arguments: [
        (["emulate", "--port", "70000", "--out", "/tmp"], "--port must be 0–65535"),
        (["emulate", "--port", "0", "--control-port", "99999", "--out", "/tmp"], "--control-port must be 0–65535"),
        (["emulate", "--port", "0", "--jobs", "0", "--out", "/tmp"], "--jobs must be at least 1"),
        (["discover", "--no-usb", "--no-cups"], "leave nothing to search"),
        (["print", "--sample", "--printer", "tpc://127.0.0.1"], "did you mean tcp://127.0.0.1?"),
        (["print", "--sample", "--printer", "192.168.1.50"], "did you mean tcp://192.168.1.50?"),
        (["print", "--sample", "--printer", "/dev/usb/lp0"], "did you mean file:///dev/usb/lp0?"),
    ])
    func aWrongCommandLineIsAUsageErrorThatSaysWhatToWrite(_ arguments: [String], _ message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test func printToANewFileCreatesItAndSaysSent() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("receipt.bin").path
        let result = try CLI.run(["print", "--sample", "--printer", "file://\(path)"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.output.hasPrefix("sent 1 copy"), "a file cannot confirm a job: \(result.output)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.starts(with: [0x1B, 0x40]), "the file holds the job")
    }
}

/// `escpos emulate` says what happened to each job, and tells scripts its port.
@Suite(.timeLimit(.minutes(1))) struct EmulatorOutputCLITests {
    @Test func theEmulatorPrintsALinePerJobAndWritesItsPortToAFile() async throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let portFile = out.appendingPathComponent("port").path
        let emulator = try CLI.start([
            "emulate", "--port", "0", "--out", out.path, "--port-file", portFile, "--jobs", "1",
        ])
        let portText = try await emulator.waitForStandardError(matching: "listening on 127\\.0\\.0\\.1:([0-9]+)")
        let port = try #require(portText.flatMap { Int($0) }, "\(emulator.standardError)")
        let written = try String(contentsOfFile: portFile, encoding: .utf8)
        #expect(written == "\(port)\n")
        let result = try CLI.run(["print", "--sample", "--printer", "tcp://127.0.0.1:\(port)", "--timeout", "5"])
        #expect(result.status == 0, "\(result.standardError)")
        let line = try #require(
            try await emulator.waitForStandardError(matching: "(job 1: [^\n]*)"),
            "\(emulator.standardError)"
        )
        #expect(try await emulator.exitStatus() == 0)
        #expect(line.contains("printed"))
        #expect(line.contains("job-0001.png"))
    }

    @Test func aRefusedJobsLineSaysWhy() async throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let emulator = try CLI.start(["emulate", "--port", "0", "--out", out.path, "--cover-open"])
        let portText = try await emulator.waitForStandardError(matching: "listening on 127\\.0\\.0\\.1:([0-9]+)")
        let port = try #require(portText.flatMap { Int($0) }, "\(emulator.standardError)")
        _ = try CLI.run(["print", "--sample", "--printer", "tcp://127.0.0.1:\(port)", "--no-confirm"])
        let line = try await emulator.waitForStandardError(matching: "(job 1: refused \\([^)]*\\))")
        emulator.process.terminate()
        _ = try await emulator.exitStatus()
        #expect(line == "job 1: refused (the cover is open)", "\(emulator.standardError)")
    }
}
