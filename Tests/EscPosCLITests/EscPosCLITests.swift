import EscPosTestSupport
import Foundation
import Testing

/// The `escpos` tool end to end: the built executable, its arguments, exit codes and output files.
@Suite(.timeLimit(.minutes(1))) struct EscPosCLITests {
    static let salesOrder = "Examples/receipts/sales-order.json"
    static let kitchenOrder = "Examples/receipts/kitchen-order.json"

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: GoldenFixture.url(name, "bin"))
    }

    @Test func helpListsEveryCommandTheExitCodesAndExamples() throws {
        let result = try CLI.run(["--help"])
        #expect(result.status == 0)
        for word in ["render", "print", "status", "discover", "decode", "profiles", "Exit codes", "75", "Examples"] {
            #expect(result.output.contains(word), "--help lacks \(word)")
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func generatesShellCompletions(_ shell: String) throws {
        let result = try CLI.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.output.contains("escpos"))
        #expect(result.output.contains("discover"))
    }

    @Test(arguments: ["render", "print", "status", "discover"])
    func subcommandHelpHasExamples(_ command: String) throws {
        let result = try CLI.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("Examples:"))
        #expect(result.output.contains("escpos \(command)"))
    }

    @Test(arguments: [
        ("sales-receipt", salesOrder, "generic-58mm", "template-sales-receipt-58mm"),
        ("sales-receipt", salesOrder, "epson-tm-t20iii", "template-sales-receipt-80mm"),
        ("kitchen-ticket", kitchenOrder, "generic-58mm", "template-kitchen-ticket-58mm"),
        ("kitchen-ticket", kitchenOrder, "epson-tm-t20iii", "template-kitchen-ticket-80mm"),
    ])
    func renderWritesTheTemplatesBytes(_ template: String, _ data: String, _ profile: String, _ fixture: String) throws
    {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.bin")
        let result = try CLI.run([
            "render", "--template", template, "--data", data, "--profile", profile, "-o", output.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try Data(contentsOf: output) == Self.fixture(fixture))
    }

    @Test func renderTestPageToStandardOutput() throws {
        let result = try CLI.run(["render", "--template", "test-page", "--profile", "58mm"])
        #expect(result.status == 0)
        #expect(result.standardOutput == (try Self.fixture("template-test-page-58mm")))
        // The generic 58 mm profile has no cutter: the warning goes to standard error, not into the bytes.
        #expect(result.standardError.contains("warning:"))
    }

    @Test func renderListingShowsDecodedCommands() throws {
        let result = try CLI.run(["render", "--template", "test-page", "--profile", "epson-tm-t88vi", "--listing"])
        #expect(result.status == 0)
        #expect(result.output.contains("\"TEST PAGE\""))
        #expect(result.output.contains("ESC t"))
    }

    @Test(arguments: [
        (["render", "--template", "sales-receipt"], Int32(64), "needs --data"),
        (["render", "--template", "test-page", "--data", salesOrder], 64, "takes no --data"),
        (["render", "--sample", "--template", "test-page"], 64, "exactly one"),
        (["render", "--template", "menu", "--data", salesOrder], 64, "menu"),
        (["render", "--template", "sales-receipt", "--data", "missing.json"], 66, "no such file: missing.json"),
        (["render", "--template", "kitchen-ticket", "--data", salesOrder], 65, "orderNumber"),
        (["render", "--sample", "--profile", "tm-t99"], 65, "no built-in printer profile"),
        (["print", "--sample"], 64, "--printer"),
        (["print", "--sample", "--printer", "bogus://x"], 64, "not a valid printer URI"),
        (["print", "--sample", "--printer", "tcp://127.0.0.1:1", "--timeout", "2"], 69, "nothing accepts connections"),
        (["status", "--printer", "bogus://x"], 64, "bogus"),
        (["decode", "missing.bin"], 66, "no such file"),
    ])
    func errorsExitWithTheDocumentedCode(_ arguments: [String], _ status: Int32, _ message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == status, "\(arguments): \(result.standardError)")
        #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
    }

    @Test func aDocumentsOwnProfileIsUsedWithoutProfileOption() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var document =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: GoldenFixture.url("sample-receipt-generic-58mm", "json"))
            ) as? [String: Any] ?? [:]
        document["profile"] = "generic-58mm"
        let input = folder.appendingPathComponent("receipt.json")
        try JSONSerialization.data(withJSONObject: document).write(to: input)
        let result = try CLI.run(["render", input.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == (try Self.fixture("sample-receipt-generic-58mm")))
        // --profile still wins.
        let explicit = try CLI.run(["render", input.path, "--profile", "epson-tm-t20iii"])
        #expect(explicit.standardOutput == (try Self.fixture("sample-receipt-epson-tm-t20iii")))
    }

    @Test func orderThatDoesNotAddUpIsRejectedWithItsPath() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var order =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: CLI.repository.appendingPathComponent(Self.salesOrder))
            ) as? [String: Any] ?? [:]
        order["totals"] = ["total": 2500]
        let data = folder.appendingPathComponent("order.json")
        try JSONSerialization.data(withJSONObject: order).write(to: data)
        let output = folder.appendingPathComponent("out.bin")
        let result = try CLI.run(["render", "--template", "sales-receipt", "--data", data.path, "-o", output.path])
        #expect(result.status == 65)
        #expect(result.standardError.contains("totals.total"))
        #expect(result.standardError.contains("25.20"))
        #expect(!FileManager.default.fileExists(atPath: output.path), "nothing is written for an invalid order")
    }

    @Test func printSendsCopiesAndTheDrawerPulseToAFilePrinter() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let device = folder.appendingPathComponent("printer")
        _ = FileManager.default.createFile(atPath: device.path, contents: nil)
        let result = try CLI.run([
            "print", "--template", "sales-receipt", "--data", Self.salesOrder, "--profile", "epson-tm-t20iii",
            "--printer", "file://\(device.path)", "--copies", "2", "--open-drawer", "--progress",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.output.contains("sent 2 copies"))
        #expect(result.standardError.contains("100%"))
        let receipt = try Self.fixture("template-sales-receipt-80mm")
        let drawer = Data([0x1B, 0x40, 0x1B, 0x70, 0x00, 0x32, 0x64])  // ESC @, ESC p 0 on 100 ms off 200 ms
        // Two copies, and the drawer opens once, after the last.
        #expect(try Data(contentsOf: device) == receipt + receipt + drawer)
    }

    @Test func printSendsARawFileUnchanged() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let device = folder.appendingPathComponent("printer")
        _ = FileManager.default.createFile(atPath: device.path, contents: nil)
        let raw = GoldenFixture.url("template-kitchen-ticket-58mm", "bin")
        let result = try CLI.run(["print", raw.path, "--printer", "file://\(device.path)"], environment: [:])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try Data(contentsOf: device) == Data(contentsOf: raw))
    }

    @Test func printUsesTheESCPOSPrinterEnvironmentVariable() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let device = folder.appendingPathComponent("printer")
        _ = FileManager.default.createFile(atPath: device.path, contents: nil)
        let result = try CLI.run(
            ["print", "--template", "test-page", "--profile", "58mm", "--verbose"],
            environment: ["ESCPOS_PRINTER": "file://\(device.path)"]
        )
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try Data(contentsOf: device) == Self.fixture("template-test-page-58mm"))
        #expect(result.standardError.contains("debug"), "--verbose logs through swift-log at debug level")
    }

    @Test func decodeListsAFixtureLikeItsListing() throws {
        let result = try CLI.run(["decode", GoldenFixture.url("template-sales-receipt-58mm", "bin").path])
        #expect(result.status == 0)
        let listing = try String(contentsOf: GoldenFixture.url("template-sales-receipt-58mm", "txt"), encoding: .utf8)
        let body = listing.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }
            .joined(separator: "\n")
        #expect(result.output == body)
    }
}

/// `print` and `status` over TCP against a listener that acts as a network printer.
@Suite(.timeLimit(.minutes(1))) struct EscPosCLINetworkTests {
    @Test func printOverTCPDeliversTheCompiledJob() async throws {
        let printer = try await FakeNetworkPrinter.start(replies: .ready)
        let result = try CLI.run([
            "print", "--template", "kitchen-ticket", "--data", EscPosCLITests.kitchenOrder, "--profile",
            "epson-tm-t20iii",
            "--printer", "tcp://127.0.0.1:\(printer.port)", "--check-status", "--timeout", "2",
        ])
        await printer.stop()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(printer.bytes.starts(with: [0x10, 0x04, 0x01]), "the status is asked before the job")
        // The job, then the process ID request (the TM-T20III has it), which this fake printer never answers:
        // after it, a status round trip shows the printer ready, but the job is only "sent".
        let fixture = [UInt8](try EscPosCLITests.fixture("template-kitchen-ticket-80mm"))
        #expect(printer.job.starts(with: fixture))
        #expect(printer.job.dropFirst(fixture.count).starts(with: [0x1D, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30]))
        #expect(printer.job.count == fixture.count + 11)
        #expect(result.output.hasPrefix("sent 1 copy"), "\(result.output)")
    }

    @Test func printRefusesWhenThePrinterIsOutOfPaper() async throws {
        let printer = try await FakeNetworkPrinter.start(replies: .paperOut)
        let result = try CLI.run([
            "print", "--sample", "--printer", "tcp://127.0.0.1:\(printer.port)", "--check-status",
        ])
        await printer.stop()
        #expect(result.status == 75, "\(result.standardError)")
        #expect(result.standardError.contains("paper out"))
        #expect(printer.job.isEmpty, "nothing but status requests was sent")
    }

    @Test(arguments: [(FakeNetworkPrinter.StatusReplies.ready, Int32(0), "ready"), (.paperOut, 75, "NOT READY")])
    func statusShowsTheDecodedStatusAndExitCode(
        _ replies: FakeNetworkPrinter.StatusReplies,
        _ status: Int32,
        _ headline: String
    ) async throws {
        let printer = try await FakeNetworkPrinter.start(replies: replies)
        let result = try CLI.run(["status", "--printer", "tcp://127.0.0.1:\(printer.port)"])
        await printer.stop()
        #expect(result.status == status, "\(result.standardError)")
        #expect(result.output.contains(headline))
        #expect(result.output.contains("paper out"))
    }
}
