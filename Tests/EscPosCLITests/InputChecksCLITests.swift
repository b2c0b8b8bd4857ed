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

    @Test(arguments: [
        ("Examples/receipts/sales-order.json", "--template sales-receipt --data"),
        ("Examples/receipts/kitchen-order.json", "--template kitchen-ticket --data"),
    ])
    func orderDataGivenAsADocumentSaysWhichTemplateTakesIt(_ file: String, _ hint: String) throws {
        let path = CLI.repository.appendingPathComponent(file).path
        let result = try CLI.run(["render", path, "--output", "/dev/null"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("this is order data for a template"), "\(result.standardError)")
        #expect(result.standardError.contains(hint + " " + path), "\(result.standardError)")
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

/// `--json` on `status` and `print`: a program reads a result, or on failure an error object, never nothing.
@Suite(.timeLimit(.minutes(1))) struct JSONOutputCLITests {
    static func object(_ output: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
    }

    @Test func statusJSONSaysReadyAndTheProblems() async throws {
        let printer = try await FakeNetworkPrinter.start(replies: .paperOut)
        let result = try CLI.run(["status", "--printer", printer.uri, "--json"])
        await printer.stop()
        #expect(result.status == 75)
        let object = try Self.object(result.output)
        #expect(object["ready"] as? Bool == false)
        #expect((object["problems"] as? [String])?.contains("paperOut") == true)
        #expect(object["uri"] as? String == "tcp://127.0.0.1:\(printer.port)")
        #expect((object["status"] as? [String: Any])?["isPaperOut"] as? Bool == true)
    }

    @Test func printJSONReportsTheConfirmedResult() async throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let emulator = try CLI.start(["emulate", "--port", "0", "--out", out.path, "--jobs", "1"])
        let portText = try await emulator.waitForStandardError(matching: "listening on 127\\.0\\.0\\.1:([0-9]+)")
        let port = try #require(portText.flatMap { Int($0) }, "\(emulator.standardError)")
        let result = try CLI.run(["print", "--sample", "--printer", "tcp://127.0.0.1:\(port)", "--json"])
        _ = try await emulator.exitStatus()
        #expect(result.status == 0, "\(result.standardError)")
        let object = try Self.object(result.output)
        #expect(object["result"] as? String == "printed")
        #expect(object["confirmations"] as? [String] == ["statusRoundTrip"])
        #expect((object["bytes"] as? Int ?? 0) > 100)
        #expect(object["warnings"] as? [Any] != nil)
    }

    @Test func aFailureWithJSONPrintsTheErrorObject() throws {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let result = try CLI.run(["print", "--sample", "--printer", "tcp://127.0.0.1:1", "--json", "--timeout", "2"])
        #expect(result.status == 69, "\(result.standardError)")
        let object = try Self.object(result.output)
        #expect(object["exitCode"] as? Int == 69)
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["kind"] as? String == "printer")
        #expect(error["code"] as? String == "connectionRefused")
        #expect((error["message"] as? String)?.isEmpty == false)
    }
}

/// The quick forms build a receipt from the command line, as python-escpos's do.
@Suite(.timeLimit(.minutes(1))) struct QuickFormCLITests {
    @Test func textQRBarcodeAndCutRenderAsTheirCommands() throws {
        let result = try CLI.run([
            "render", "--text", "Hello", "--text", "World", "--qr", "https://example.com",
            "--barcode", "ean13:5901234123457", "--cut", "--listing",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let listing = result.output
        #expect(listing.contains("\"Hello\""), "\(listing)")
        #expect(listing.contains("\"World\""))
        #expect(listing.contains("GS ( k"), "a native QR code")
        #expect(listing.contains("GS k"), "a native barcode")
        #expect(listing.contains("GS V"), "the cut")
    }

    @Test func aQuickFormPrints() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.bin").path
        let result = try CLI.run(["print", "--text", "Quick form", "--cut", "--printer", "file://\(path)"])
        #expect(result.status == 0, "\(result.standardError)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.starts(with: [0x1B, 0x40]))
        #expect(String(decoding: bytes, as: UTF8.self).contains("Quick form"))
        #expect(bytes.suffix(8).contains(0x56), "ends with the cut (GS V)")
    }

    @Test(arguments: [
        (["render", "--barcode", "5901234123457"], "SYMBOLOGY:DATA"),
        (["render", "--sample", "--text", "x"], "exactly one of"),
        (["render", "--barcode", "ean14:123"], "ean14"),
    ])
    func aBadQuickFormIsRefusedWithTheFix(_ arguments: [String], _ message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status != 0)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }
}

/// What `print` does with a file depends on what the file is: text is encoded, images are printed, only
/// `.bin` (or `--raw`) goes out unchanged; `-` reads standard input.
@Suite(.timeLimit(.minutes(1))) struct FileKindCLITests {
    static func printed(_ arguments: [String], input: URL? = nil) throws -> (CLI.Result, [UInt8]) {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.bin").path
        let result = try CLI.run(["print"] + arguments + ["--printer", "file://\(path)"], input: input)
        let bytes = (try? Data(contentsOf: URL(fileURLWithPath: path))).map { [UInt8]($0) } ?? []
        return (result, bytes)
    }

    @Test func aTextFileIsEncodedThroughTheCodePages() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("note.txt")
        try Data("Café au lait\nDone\n".utf8).write(to: text)
        let (result, bytes) = try Self.printed([text.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(bytes.starts(with: [0x1B, 0x40]))
        // "é" in CP437 is 0x82; the UTF-8 bytes C3 A9 never reach the printer.
        #expect(bytes.contains(0x82))
        #expect(!bytes.contains(0xC3))
    }

    @Test func anImageFileIsPrintedAsAnImage() throws {
        let png = CLI.repository.appendingPathComponent("Tests/EscPosImagingTests/Fixtures/gray1.png")
        try #require(FileManager.default.fileExists(atPath: png.path), "the PNG fixture")
        let (result, bytes) = try Self.printed([png.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(bytes.starts(with: [0x1B, 0x40]))
        let header: [UInt8] = [0x1D, 0x76, 0x30]  // GS v 0
        #expect(bytes.indices.contains { bytes[$0...].starts(with: header) }, "a raster image")
        #expect(!bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not the file's bytes")
    }

    @Test func anUnknownFileTypeIsAUsageError() throws {
        let result = try CLI.run(["print", "receipt.escpos", "--printer", "file:///tmp/x"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("unknown file type"), "\(result.standardError)")
    }

    @Test func standardInputCarriesADocumentOrRawBytes() throws {
        let document = CLI.repository.appendingPathComponent("Examples/receipts/sample.json")
        let (json, jsonBytes) = try Self.printed(["-"], input: document)
        #expect(json.status == 0, "\(json.standardError)")
        #expect(jsonBytes.starts(with: [0x1B, 0x40]))
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rawInput = folder.appendingPathComponent("raw")
        try Data([0x41, 0x42, 0x0A]).write(to: rawInput)
        let (raw, rawBytes) = try Self.printed(["-", "--raw"], input: rawInput)
        #expect(raw.status == 0, "\(raw.standardError)")
        #expect(rawBytes == [0x41, 0x42, 0x0A])
    }
}

/// Error messages are words for people: no stable codes, NIO internals or Foundation domains in the text.
@Suite(.timeLimit(.minutes(1))) struct MessageCLITests {
    @Test func aRefusedConnectionIsSaidInWords() throws {
        let result = try CLI.run(["print", "--sample", "--printer", "tcp://127.0.0.1:1", "--timeout", "2"])
        #expect(result.status == 69)
        let text = result.standardError
        #expect(text.hasPrefix("error: nothing accepts connections on that port"), "\(text)")
        #expect(text.contains("(tcp://127.0.0.1:1)"))
        for leak in ["connectionRefused", "errno", "error set", "NSCocoaErrorDomain", "[cause"] {
            #expect(!text.contains(leak), "\(leak) in \(text)")
        }
    }

    @Test func aFolderThatDoesNotExistIsNamed() throws {
        let result = try CLI.run(["render", "--sample", "--output", "/nonexistent-escpos-folder/receipt.bin"])
        #expect(result.status == 74)
        #expect(result.standardError.contains("the folder /nonexistent-escpos-folder does not exist"))
        #expect(!result.standardError.contains("The operation could not be completed"))
    }
}

/// `--json` on `render`, `decode` and `profiles`.
@Suite(.timeLimit(.minutes(1))) struct MoreJSONOutputCLITests {
    @Test func renderJSONCarriesTheBytesAndWarnings() throws {
        let result = try CLI.run(["render", "--sample", "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try JSONOutputCLITests.object(result.output)
        let bytes = try #require((object["bytes"] as? String).flatMap { Data(base64Encoded: $0) })
        #expect(bytes.count == object["byteCount"] as? Int)
        #expect(bytes.starts(with: [0x1B, 0x40]))
        #expect(object["profile"] as? String == "generic-80mm")
        #expect(object["warnings"] as? [Any] != nil)
    }

    @Test func decodeJSONIsOneObjectPerCommand() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("job.bin")
        try Data([0x1B, 0x40, 0x41, 0x0A, 0x1D, 0x56, 0x42, 0x00]).write(to: file)
        let result = try CLI.run(["decode", file.path, "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.output.split(separator: "\n")
        let objects = try lines.map { try JSONOutputCLITests.object(String($0)) }
        #expect(objects.map { $0["offset"] as? Int } == [0, 2, 3, 4])
        #expect(objects.map { $0["length"] as? Int } == [2, 1, 1, 4])
        #expect((objects.first?["command"] as? String)?.contains("ESC @") == true)
    }

    @Test func decodeSaysWhichCodePageNumberingItAssumed() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("job.bin")
        try Data([0x1B, 0x40]).write(to: file)
        let assumed = try CLI.run(["decode", file.path])
        #expect(assumed.standardError.contains("Epson's code-page numbering"), "\(assumed.standardError)")
        let given = try CLI.run(["decode", file.path, "--profile", "star-tsp100"])
        #expect(!given.standardError.contains("numbering"), "\(given.standardError)")
    }

    @Test func profilesJSONListsEveryBuiltInProfile() throws {
        let result = try CLI.run(["profiles", "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let array = try #require(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
        #expect(array.count >= 10)
        #expect(array.contains { $0["id"] as? String == "epson-tm-t88vi" })
    }
}

/// Shell completion knows the profile names and the file kinds, not only `--template`.
@Suite struct CompletionCLITests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func theCompletionScriptOffersProfilesAndDocumentFiles(_ shell: String) throws {
        let result = try CLI.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.output.contains("epson-tm-t88vi"), "the profile names")
        #expect(result.output.contains("sales-receipt"), "the template names")
        #expect(result.output.contains("png"), "image files for DOCUMENT and --image")
    }
}
