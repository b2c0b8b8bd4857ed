import EscPosSymbolRendering
import Foundation
import Testing

@testable import EscPos

#if canImport(FoundationEssentials)
import FoundationEssentials
#endif

/// Renders symbols with libzint and reads them back with zbar's `zbarimg`, an independent decoder.
@Suite struct ZintSymbolRendererTests {
    let renderer = ZintSymbolRenderer()

    /// Where `zbarimg` is, or nil when zbar-tools is not installed (CI installs it; see `.ci/run`).
    static let zbarimg: String? = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg", "/opt/homebrew/bin/zbarimg"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Decode-back tests run wherever zbarimg is installed, and always under CI, where a missing zbarimg is
    /// a failure rather than a skip.
    static let decodeBackEnabled = zbarimg != nil || ProcessInfo.processInfo.environment["CI"] == "true"

    /// Writes `bitmap` as a binary PBM with a white quiet zone of `margin` dots, runs zbarimg on it with only
    /// `symbology` enabled, and returns the decoded bytes.
    static func decode(_ bitmap: MonochromeBitmap, symbology: String, margin: Int = 40) throws -> [UInt8] {
        let zbarimg = try #require(Self.zbarimg, "zbarimg is missing: apt-get install zbar-tools")
        var framed = MonochromeBitmap(width: bitmap.width + 2 * margin, height: bitmap.height + 2 * margin)
        for y in 0..<bitmap.height {
            for x in 0..<bitmap.width where bitmap[x, y] {
                framed[x + margin, y + margin] = true
            }
        }
        let directory = FileManager.default.temporaryDirectory
        let file = directory.appendingPathComponent("escpos-symbol-\(UUID().uuidString).pbm")
        defer { try? FileManager.default.removeItem(at: file) }
        let header = Array("P4\n\(framed.width) \(framed.height)\n".utf8)
        try Data(header + framed.bits).write(to: file)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg)
        // zbar decodes UPC-A and UPC-E inside its EAN-13 decoder, so "upca" also enables "ean13".
        let enabled = symbology.split(separator: "+").map { "-S\($0).enable" }
        process.arguments = ["--quiet", "--raw", "-Sdisable"] + enabled + [file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var bytes = [UInt8](data)
        if bytes.last == 0x0A { bytes.removeLast() }
        return bytes
    }

    /// 1D barcodes: the data zbar should read back (check digits included, GS1 AIs without brackets).
    static let linear: [(Barcode, String, String)] = [
        (Barcode("590123412345", symbology: .ean13), "ean13", "5901234123457"),
        (Barcode("9638507", symbology: .ean8), "ean8", "96385074"),
        (Barcode("03600029145", symbology: .upcA), "ean13+upca", "036000291452"),
        (Barcode("0123456", symbology: .upcE), "ean13+upce", "01234565"),
        (Barcode("CODE 39-$", symbology: .code39), "code39", "CODE 39-$"),
        (Barcode("12345678", symbology: .itf), "i25", "12345678"),
        (Barcode("1540014128876", symbology: .itf14), "i25", "15400141288763"),
        (Barcode("A40156B", symbology: .codabar), "codabar", "A40156B"),
        (Barcode("Code 93 mixed", symbology: .code93), "code93", "Code 93 mixed"),
        (Barcode("No.{12345678}x", symbology: .code128), "code128", "No.{12345678}x"),
        (
            Barcode(gs1: [.gtin("0950110153000"), .batch("LOT42"), .serial("7")]), "code128",
            "0109501101530003" + "10LOT42\u{1D}217"
        ),
        (Barcode("0950110153000", symbology: .gs1DataBarOmnidirectional), "databar", "0109501101530003"),
        (
            Barcode(gs1: [.gtin("0950110153000"), .batch("AB12")], symbology: .gs1DataBarExpanded), "databar-exp",
            "010950110153000310AB12"
        ),
    ]

    @Test(.enabled(if: decodeBackEnabled), arguments: linear)
    func linearSymbolsDecodeBackToTheirData(barcode: Barcode, symbology: String, expected: String) throws {
        let validated = try barcode.validated()
        var normalized = barcode
        normalized.data = validated.normalizedData
        let bitmap = try renderer.render(.barcode(normalized), moduleSize: 3, height: 90)
        #expect(bitmap.height == 90)
        let decoded = try Self.decode(bitmap, symbology: symbology)
        // zbar may report GS1 data with a leading FNC1 as GS; the meaning is the same.
        let text = String(decoding: decoded.drop { $0 == 0x1D }, as: UTF8.self)
        #expect(text == expected)
    }

    /// Our width model (used for the fits-on-paper check) against libzint's symbol, module for module, for
    /// the single-width symbologies.
    static let singleWidth: [Barcode] = [
        Barcode("5901234123457", symbology: .ean13), Barcode("96385074", symbology: .ean8),
        Barcode("036000291452", symbology: .upcA), Barcode("01234565", symbology: .upcE),
        Barcode("ABC-abc", symbology: .code93), Barcode("Hello, World", symbology: .code128),
        Barcode("AB12345678CD", symbology: .code128), Barcode("12345", symbology: .code128),
        Barcode("a\tb", symbology: .code128), Barcode("(01)09501101530003(10)AB", symbology: .gs1128),
        Barcode("0950110153000", symbology: .gs1DataBarOmnidirectional),
        Barcode("0950110153000", symbology: .gs1DataBarLimited),
    ]

    @Test(arguments: singleWidth)
    func widthModelMatchesLibzint(barcode: Barcode) throws {
        let validated = try barcode.validated()
        var normalized = barcode
        normalized.data = validated.normalizedData
        let bitmap = try renderer.render(.barcode(normalized), moduleSize: 1, height: 10)
        #expect(validated.widths.wide == 0)
        #expect(validated.widths.narrow == bitmap.width, "\(barcode.symbology) \(barcode.data)")
    }

    /// DataBar Expanded's width is estimated (its encodation has many modes); the estimate must never be
    /// narrower than the real symbol, or a too-wide barcode could slip through, and should stay close.
    @Test(arguments: [
        [GS1Element.gtin("0950110153000")],
        [.gtin("0950110153000"), .batch("AB12")],
        [.gtin("0950110153000"), .expiry(year: 27, month: 12, day: 31), .batch("LOT-42/a")],
        [.batch("ABCDEFGHIJ"), .serial("1234567890")],
        [.sscc("00950110153000001"), .count(12)],
    ])
    func dataBarExpandedEstimateIsAnUpperBound(elements: [GS1Element]) throws {
        let barcode = Barcode(gs1: elements, symbology: .gs1DataBarExpanded)
        let validated = try barcode.validated()
        var normalized = barcode
        normalized.data = validated.normalizedData
        let bitmap = try renderer.render(.barcode(normalized), moduleSize: 1, height: 10)
        #expect(validated.widths.narrow >= bitmap.width)
        #expect(
            Double(validated.widths.narrow) <= Double(bitmap.width) * 1.5,
            "estimate \(validated.widths.narrow), real \(bitmap.width)"
        )
    }

    @Test(
        .enabled(if: decodeBackEnabled),
        arguments: [
            ("1234", QRCode.ErrorCorrection.low), ("https://example.com/r/8812?x=1", .medium),
            ("Grüße, €100 — ok", .quartile), (String(repeating: "0123456789", count: 30), .high),
        ]
    )
    func qrCodesDecodeBackToTheirUTF8Bytes(text: String, level: QRCode.ErrorCorrection) throws {
        let qr = QRCode(text).errorCorrection(level)
        let bitmap = try renderer.render(.qrCode(qr), moduleSize: 4, height: 0)
        let modules = try SymbolCommandEncoder(
            capabilities: .init(printableWidth: 10_000, barcodes: [], twoDimensionalCodes: [])
        ).qrSymbolModules(qr)
        #expect(bitmap.width == bitmap.height)
        #expect(bitmap.width <= modules * 4, "libzint may mix modes and choose a smaller version than our bound")
        #expect(try Self.decode(bitmap, symbology: "qrcode") == Array(text.utf8))
    }

    @Test func renderedModulesAreExactDotSquares() throws {
        // A version 1 QR code is 21 × 21 modules; its top-left finder pattern's first row is 7 dark modules.
        let bitmap = try renderer.render(.qrCode(QRCode("1")), moduleSize: 5, height: 0)
        #expect(bitmap.width == 21 * 5 && bitmap.height == 21 * 5)
        #expect((0..<35).allSatisfy { bitmap[$0, 0] })
        #expect(!bitmap[35, 0])
        #expect((0..<35).allSatisfy { bitmap[0, $0] })
    }

    /// zbar does not read PDF417, Data Matrix, Aztec, MaxiCode or Micro QR; for those the tests check what
    /// can be checked: libzint accepted the data, and the symbol has the size the standard gives.
    @Test func symbolsZbarCannotReadHaveTheirStandardSizes() throws {
        let dataMatrix = try renderer.render(.dataMatrix(DataMatrix("AB")), moduleSize: 3, height: 0)
        #expect(dataMatrix.width == 10 * 3 && dataMatrix.height == 10 * 3)
        let rectangle = try renderer.render(
            .dataMatrix(DataMatrix("AB").shape(.rectangle, rows: 8, columns: 18)),
            moduleSize: 2,
            height: 0
        )
        #expect(rectangle.width == 18 * 2 && rectangle.height == 8 * 2)
        let aztec = try renderer.render(
            .aztecCode(AztecCode("AB").format(.compact, layers: 1)),
            moduleSize: 2,
            height: 0
        )
        #expect(aztec.width == 15 * 2 && aztec.height == 15 * 2)
        let fullAztec = try renderer.render(
            .aztecCode(AztecCode("AB").format(.fullRange, layers: 5)),
            moduleSize: 1,
            height: 0
        )
        #expect(fullAztec.width == 37)
        let pdf = try renderer.render(
            .pdf417(PDF417("PDF417 test").columns(3).moduleWidth(2, rowHeight: 3)),
            moduleSize: 2,
            height: 0
        )
        #expect(pdf.width == (17 * 3 + 69) * 2)
        #expect(pdf.height % (3 * 2) == 0)
        let truncated = try renderer.render(
            .pdf417(PDF417("PDF417 test").columns(3).truncated()),
            moduleSize: 1,
            height: 0
        )
        #expect(truncated.width == 17 * 3 + 35)
        let micro = try renderer.render(.qrCode(QRCode("12345").model(.micro)), moduleSize: 2, height: 0)
        #expect(micro.width == 11 * 2)
        let maxi = try renderer.render(.maxiCode(MaxiCode("PARCEL 42", mode: 4)), moduleSize: 2, height: 0)
        #expect(maxi.width > 50 && maxi.height > 50 && maxi.printedDotCount > 0)
    }

    @Test func libzintRejectionsBecomeTypedErrors() throws {
        let tooLong = QRCode(bytes: [UInt8](repeating: 0xFF, count: 3000))
        let error = try #require(throws: EscPosError.self) {
            try renderer.render(.qrCode(tooLong), moduleSize: 1, height: 0)
        }
        #expect(error.code == .dataTooLong)
        #expect(error.message.contains("libzint"))
        let unsupported = try #require(throws: EscPosError.self) {
            try renderer.render(.maxiCode(MaxiCode("x", mode: 2)), moduleSize: 1, height: 0)
        }
        #expect(unsupported.code == .unsupportedByProfile)
    }
}
