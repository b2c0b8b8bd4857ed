import EscPos
import EscPosTestSupport
import Foundation
import Testing

/// Documents written by an attacker or a buggy backend: every number has a range checked before a byte is
/// produced, no arithmetic on them can trap, and real-time commands cannot ride inside data (issue 10).
@Suite struct HostileDocumentTests {
    func compile(_ json: String, profile: PrinterProfile = .generic80mm, strict: Bool = false) throws -> CompiledReceipt
    {
        let receipt = try JSONDecoder().decode(Receipt.self, from: Data(json.utf8))
        return try ReceiptCompiler(profile: profile, options: CompileOptions(strict: strict)).compile(receipt)
    }

    func error(_ json: String, profile: PrinterProfile = .generic80mm, strict: Bool = false) -> EscPosError? {
        do {
            _ = try compile(json, profile: profile, strict: strict)
        } catch let error as EscPosError {
            return error
        } catch let error as DecodingError {
            return EscPosError(error)
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
        return nil
    }

    // MARK: Numbers

    /// The reproducer: this document trapped with an arithmetic overflow in the column layout.
    @Test func aHugeColumnWidthIsARangeErrorNotACrash() throws {
        let found = try #require(
            error(
                #"{"schemaVersion":1,"blocks":[{"type":"columns","columns":[{"text":"a","width":9223372036854775807},{"text":"b"}]}]}"#
            )
        )
        #expect(found.code == .valueOutOfRange)
        #expect(found.path.description == "blocks[0].columns[0].width")
        #expect(found.message.contains("use 1–4096"))
    }

    @Test func twoColumnWidthsOfTwoToTheSixtySecondAreARangeError() throws {
        let width = 1 << 62
        let found = try #require(
            error(
                #"{"schemaVersion":1,"blocks":[{"type":"columns","columns":[{"text":"a","width":\#(width)},{"text":"b","width":\#(width)}]}]}"#
            )
        )
        #expect(found.code == .valueOutOfRange)
    }

    @Test func theDSLGetsTheSameRangeCheck() throws {
        let receipt = Receipt {
            Columns {
                Column("a", width: .fixed(.max))
                Column("b", width: .fixed(.max))
            }
        }
        let found = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: .generic58mm).compile(receipt)
        }
        #expect(found.code == .valueOutOfRange)
    }

    @Test(arguments: [
        (#""dpi": 65536"#, "dpi"), (#""dpi": 9223372036854775807"#, "dpi"), (#""dpi": 0"#, "dpi"),
        (#""fonts": [{"font": "a", "cellWidth": 12, "cellHeight": 100000}]"#, "fonts[0]"),
        (
            #""limits": {"maxRasterBandHeight": 9223372036854775807, "receiveBufferBytes": 4096}"#,
            "limits.maxRasterBandHeight"
        ),
        (#""limits": {"maxRasterBandHeight": 24, "receiveBufferBytes": -1}"#, "limits.receiveBufferBytes"),
    ])
    func impossibleProfileNumbersAreRefused(field: String, path: String) throws {
        let json = #"{"id": "p", "dotWidth": 576, "codePages": [{"number": 0, "page": "cp437"}], \#(field)}"#
        let found = try #require(throws: EscPosError.self) {
            try JSONDecoder().decode(PrinterProfile.self, from: Data(json.utf8))
        }
        #expect(found.code == .invalidProfile)
        #expect(found.path.description == path)
    }

    /// Every number in every golden document and the sample, set in turn to each extreme, either compiles or
    /// is an ``EscPosError``: a trap here would end the whole test process.
    @Test(arguments: GoldenDocuments.names)
    func everyNumberOfAGoldenDocumentAtEveryExtremeIsHandled(name: String) throws {
        let result = try JSONValue.sweepNumbers(
            of: Data(try GoldenDocuments.json(name).utf8)
        ) { data in
            let receipt = try JSONDecoder().decode(Receipt.self, from: data)
            let profile = try receipt.profile.map { try PrinterProfile.named($0) } ?? .generic80mm
            _ = try ReceiptCompiler(profile: profile).compile(receipt)
        }
        let (cases, refused) = (result.cases, result.refused)
        #expect(cases > 0, "\(name) has no numbers to sweep")
        #expect(refused > 0, "no extreme value was refused in \(name): are the ranges checked?")
    }

    // MARK: Ambiguous data

    @Test func aQRCodeWithBothDataAndBytesIsRefused() throws {
        let found = try #require(
            error(#"{"schemaVersion":1,"blocks":[{"type":"qrCode","data":"hello","bytes":[1,2]}]}"#)
        )
        #expect(found.code == .invalidDocument)
        #expect(found.path.description == "blocks[0]")
        #expect(found.message.contains("not both"))
    }

    // MARK: Real-time commands inside data

    static let powerOff: [UInt8] = [0x10, 0x14, 0x02, 0x01, 0x08]
    static let drawerPulse: [UInt8] = [0x10, 0x14, 0x01, 0x00, 0x05]
    static let disable: [UInt8] = [0x1D, 0x28, 0x44, 0x05, 0x00, 0x14, 0x01, 0x00, 0x02, 0x00]
    static let restore: [UInt8] = [0x1D, 0x28, 0x44, 0x05, 0x00, 0x14, 0x01, 0x01, 0x02, 0x00]

    @Test func aPrinterWithGSParenDSwitchesRealTimeCommandsOffAroundQRData() throws {
        let qr = QRCode(bytes: [0x41] + Self.powerOff + Self.drawerPulse)
        let job = try ReceiptCompiler(profile: .epsonTMT88VI).compile(
            Receipt {
                Text("before")
                qr
                Text("after")
            }
        )
        #expect(job.warnings.isEmpty)
        let bytes = job.bytes
        let disableAt = try #require(bytes.firstRange(of: Self.disable)?.lowerBound)
        let storeAt = try #require(bytes.firstRange(of: [0x1D, 0x28, 0x6B])?.lowerBound)
        let dataAt = try #require(bytes.firstRange(of: Self.powerOff)?.lowerBound)
        let restoreAt = try #require(bytes.firstRange(of: Self.restore)?.lowerBound)
        #expect(disableAt < storeAt && storeAt < dataAt && dataAt < restoreAt)
        let afterAt = try #require(bytes.firstRange(of: Array("after".utf8))?.lowerBound)
        #expect(restoreAt < afterAt)
    }

    @Test func onlyTheCommandsFoundAreSwitchedOff() throws {
        let job = try ReceiptCompiler(profile: .epsonTMT88VI).compile(Receipt { QRCode(bytes: Self.drawerPulse) })
        #expect(job.bytes.firstRange(of: [0x1D, 0x28, 0x44, 0x03, 0x00, 0x14, 0x01, 0x00]) != nil)
        #expect(job.bytes.firstRange(of: [0x1D, 0x28, 0x44, 0x03, 0x00, 0x14, 0x01, 0x01]) != nil)
    }

    @Test func aPrinterWithoutGSParenDWarnsAndStrictModeRefuses() throws {
        let receipt = Receipt { PDF417(bytes: Self.powerOff) }
        let job = try ReceiptCompiler(profile: .generic80mm).compile(receipt)
        let warning = try #require(job.warnings.first { $0.code == .realTimeCommandInData })
        #expect(warning.path.description == "blocks[0]")
        #expect(warning.message.contains("DLE DC4 2 (power off)"))
        #expect(job.bytes.firstRange(of: [0x1D, 0x28, 0x44]) == nil)
        let found = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: .generic80mm, options: CompileOptions(strict: true)).compile(receipt)
        }
        #expect(found.code == .realTimeCommandInData)
    }

    /// Image bits that spell `DLE DC4 1 0 5`: black dots where the bits are 1, on a 40-dot line.
    @Test func imageBitsThatSpellADrawerPulseAreGuardedToo() throws {
        var pixels: [UInt8] = []
        for byte in Self.drawerPulse {
            for bit in 0..<8 { pixels.append(byte & (0x80 >> UInt8(bit)) != 0 ? 0 : 255) }
        }
        let image = RasterImage(try GrayImage(width: 40, height: 1, pixels: pixels)).dithering(.threshold)
        let epson = try ReceiptCompiler(profile: .epsonTMT20III).compile(Receipt { image.command(.rasterBitImage) })
        #expect(epson.bytes.firstRange(of: Self.drawerPulse) != nil, "the image bits are sent unchanged")
        #expect(epson.bytes.firstRange(of: [0x1D, 0x28, 0x44, 0x03, 0x00, 0x14, 0x01, 0x00]) != nil)
        let star = try ReceiptCompiler(profile: .starTSP100).compile(Receipt { image })
        #expect(star.warnings.contains { $0.code == .realTimeCommandInData })
    }

    @Test func ordinaryImagesAndSymbolsAreSentWithoutSwitches() throws {
        let job = try ReceiptCompiler(profile: .epsonTMT88VI).compile(
            Receipt {
                QRCode("https://example.com/\u{10}\u{14}")
                Barcode("5901234123457", symbology: .ean13)
            }
        )
        #expect(job.bytes.firstRange(of: [0x1D, 0x28, 0x44]) == nil)
        #expect(job.warnings.isEmpty)
    }

    @Test func aRawBlockIsTheSendersOwnChoiceAndLeftAlone() throws {
        let job = try ReceiptCompiler(profile: .epsonTMT88VI).compile(Receipt { RawBytes(unchecked: Self.drawerPulse) })
        #expect(job.bytes.firstRange(of: [0x1D, 0x28, 0x44]) == nil)
        #expect(job.warnings.isEmpty)
    }
}

/// The golden JSON documents (`Fixtures/*.json`) and the example receipt, for sweeps over real documents.
enum GoldenDocuments {
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: GoldenFixture.directory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted() + ["Examples/receipts/sample.json"]
    }()

    static func json(_ name: String) throws -> String {
        let url =
            name.hasPrefix("Examples/")
            ? GoldenFixtureLocation.repository.appendingPathComponent(name)
            : GoldenFixture.directory.appendingPathComponent(name)
        return try String(contentsOf: url, encoding: .utf8)
    }
}
