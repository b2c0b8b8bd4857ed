import EscPosTransports
import Foundation
import Testing

/// USB through the real libusb against an emulated printer (scripts/harness/usb/fakeprinter.py).
///
/// Each test runs the EscPosUSBHarness executable inside the emulated world and checks what it
/// reports, the bytes the "printer" captured from bulk OUT, and the ioctl events (detach, claim,
/// release, re-attach).
@Suite(
    .tags(.usb),
    .timeLimit(.minutes(1)),
    .enabled(
        if: USBHarness.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil,
        "needs umockdev, gir1.2-umockdev-1.0, python3-gi (scripts/system-packages.txt) and a built EscPosUSBHarness"
    )
)
struct USBTransportTests {
    static func payload(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    }

    @Test func printsByteExactInChunksAndGivesTheInterfaceBack() throws {
        let run = try USBHarness.run(["print", "usb://", "5000"])
        #expect(run.outcome.ok, "\(run.stdout) \(run.stderr)")
        #expect(run.captured == Self.payload(5000))
        let operations = run.events.compactMap { $0["op"] as? String }
        #expect(operations.contains("USBDEVFS_IOCTL"), "usblp must be detached (USBDEVFS_DISCONNECT)")
        let detached = run.events.contains {
            $0["sub"] as? String == "USBDEVFS_DISCONNECT" && $0["detached"] as? String == "usblp"
        }
        let reattached = run.events.contains {
            $0["sub"] as? String == "USBDEVFS_CONNECT" && $0["attached"] as? String == "usblp"
        }
        #expect(detached)
        #expect(reattached, "closing must give the printer back to usblp")
        #expect(operations.contains("USBDEVFS_CLAIMINTERFACE"))
        #expect(operations.contains("USBDEVFS_RELEASEINTERFACE"))
        let outs = run.events.filter { $0["op"] as? String == "bulk-out" }.compactMap { $0["length"] as? Int }
        #expect(outs.count == 5 && outs.allSatisfy { $0 <= 1024 }, "1024-byte chunks: \(outs)")
        let printer = try #require(run.outcome.printer)
        #expect(printer.vendorID == 0x0416 && printer.productID == 0x5011)
        #expect(printer.serialNumber == "FP0001")
        #expect(printer.deviceID?.manufacturer == "FakePOS")
        #expect(printer.deviceID?.model == "TM-FAKE")
        #expect(printer.deviceID?.commandSets == ["ESC/POS"])
        #expect(printer.uri.description == "usb://0416:5011?serial=FP0001")
    }

    @Test func selectsByVendorProductAndSerial() throws {
        let run = try USBHarness.run(["print", "usb://0416:5011?serial=FP0001", "10"])
        #expect(run.outcome.ok)
        #expect(run.captured == Self.payload(10))
        let wrongSerial = try USBHarness.run(["print", "usb://0416:5011?serial=OTHER", "10"])
        #expect(wrongSerial.outcome.error?.code == .deviceNotFound)
        #expect(wrongSerial.outcome.error?.message.contains("usb://0416:5011?serial=FP0001") == true)
        let wrongID = try USBHarness.run(["print", "usb://04B8:0202", "10"])
        #expect(wrongID.outcome.error?.code == .deviceNotFound)
        #expect(wrongID.captured.isEmpty)
    }

    @Test func discoveryListsThePrinterWithMakeAndModel() throws {
        let run = try USBHarness.run(["discover"])
        let printers = try #require(run.outcome.printers)
        #expect(printers.count == 1)
        #expect(printers.first?.make == "FakePOS")
        #expect(printers.first?.model == "TM-FAKE")
        #expect(printers.first?.uri.description == "usb://0416:5011?serial=FP0001")
    }

    @Test func statusOverBulkIn() throws {
        // paper out on DLE EOT 4, cover open on DLE EOT 2
        let run = try USBHarness.run(["status", "usb://"], printer: ["--status", "4=0x72", "--status", "2=0x16"])
        let status = try #require(run.outcome.status, "\(run.stdout) \(run.stderr)")
        #expect(status.isPaperOut == true)
        #expect(status.isCoverOpen == true)
        #expect(status.isOnline == true)
        #expect(run.captured == [0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4])
    }

    @Test func silentPrinterTimesOutAndTheTransferIsCancelled() throws {
        let run = try USBHarness.run(["read", "usb://", "300"], printer: ["--no-auto-status"])
        #expect(run.outcome.error?.code == .timeout)
        #expect(
            run.events.contains { $0["op"] as? String == "USBDEVFS_DISCARDURB" },
            "the pending IN transfer must be discarded"
        )
    }

    @Test func unplugMidJobReportsExactlyTheBytesDelivered() throws {
        let run = try USBHarness.run(["print", "usb://", "20000"], printer: ["--disconnect-after", "6000"])
        let error = try #require(run.outcome.error, "\(run.stdout)")
        #expect(error.code == .disconnected)
        #expect(error.bytesDelivered == run.captured.count)
        #expect(run.captured == Self.payload(run.captured.count))
        #expect(run.captured.count <= 6000)
    }

    @Test func printerThatStopsTakingDataTimesOut() throws {
        let run = try USBHarness.run(["print", "usb://", "5000", "800"], printer: ["--stall-out-after", "2048"])
        let error = try #require(run.outcome.error, "\(run.stdout)")
        #expect(error.code == .timeout)
        #expect(error.bytesDelivered == 2048)
        #expect(run.captured == Self.payload(2048))
        #expect(
            run.events.contains { $0["op"] as? String == "USBDEVFS_DISCARDURB" },
            "the stalled transfer is discarded"
        )
        #expect(
            run.events.contains { $0["sub"] as? String == "USBDEVFS_CONNECT" },
            "the interface goes back to usblp after a failure too"
        )
    }

    @Test func cancellationStopsAStalledJob() throws {
        // 16 KiB chunks (the default); the printer stops taking data after two of them.
        let run = try USBHarness.run(["cancel", "usb://", "200000", "300"], printer: ["--stall-out-after", "32768"])
        let error = try #require(run.outcome.error, "\(run.stdout)")
        #expect(error.code == .cancelled)
        #expect(error.bytesDelivered == 32768)
        #expect(run.captured == Self.payload(32768))
    }
}

/// Runs EscPosUSBHarness under the emulated printer and collects what happened.
enum USBHarness {
    struct Outcome: Decodable {
        var ok: Bool
        var printers: [USBPrinter]?
        var status: PrinterStatus?
        var bytes: [UInt8]?
        var printer: USBPrinter?
        var error: TransportError?
    }

    struct Run {
        var outcome: Outcome
        var captured: [UInt8]
        var events: [[String: Any]]
        var stdout: String
        var stderr: String
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = repositoryRoot.appendingPathComponent("scripts/harness/usb/fakeprinter.py")

    /// The harness executable, built by `swift build` / `swift test` next to the test bundle.
    static var executable: URL? {
        let testBinary = URL(
            fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        )
        var directory = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("EscPosUSBHarness")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    static var isAvailable: Bool {
        let preload = ["x86_64-linux-gnu", "aarch64-linux-gnu"].contains {
            FileManager.default.fileExists(atPath: "/usr/lib/\($0)/libumockdev-preload.so.0")
        }
        return executable != nil && preload && FileManager.default.fileExists(atPath: "/usr/bin/python3")
    }

    static func run(_ arguments: [String], printer options: [String] = []) throws -> Run {
        guard let executable else { throw HarnessError("EscPosUSBHarness was not built; run `swift build` first") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("escpos-usb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let capture = directory.appendingPathComponent("capture.bin")
        let events = directory.appendingPathComponent("events.jsonl")
        _ = FileManager.default.createFile(atPath: capture.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments =
            [script.path, "--capture", capture.path, "--events", events.path] + options + ["--", executable.path]
            + arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "LD_PRELOAD")
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let line = stdout.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
            let outcome = try? JSONDecoder().decode(Outcome.self, from: Data(line.utf8))
        else {
            throw HarnessError(
                "the USB harness printed no outcome (exit \(process.terminationStatus)): \(stdout) \(stderr)"
            )
        }
        let captured = [UInt8]((try? Data(contentsOf: capture)) ?? Data())
        let eventLines = ((try? String(contentsOf: events, encoding: .utf8)) ?? "").split(separator: "\n")
        let parsed = eventLines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        return Run(outcome: outcome, captured: captured, events: parsed, stdout: stdout, stderr: stderr)
    }
}
