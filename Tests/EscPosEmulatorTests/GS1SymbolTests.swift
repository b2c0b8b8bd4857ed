import EscPos
import EscPosImaging
import Foundation
import Testing

@testable import EscPosEmulator

/// GS1-128, GS1 DataBar and MaxiCode: compiled, drawn by the virtual printer from their command data, and
/// read back.
@Suite struct GS1SymbolTests {
    /// Compiles `block` for `profile` and renders the bytes; returns both.
    static func printed(_ block: Block, on profile: PrinterProfile) throws -> (bytes: [UInt8], receipt: RenderedReceipt)
    {
        let receipt = Receipt(profile: profile.id, blocks: [.feed(Feed(lines: 2)), block, .feed(Feed(lines: 2))])
        let bytes = try ReceiptCompiler(profile: profile).compile(receipt).bytes
        return (bytes, ReceiptRenderer(profile: profile).render(bytes))
    }

    /// Whether `bytes` hold a `GS k` command with function `system`.
    static func contains(_ bytes: [UInt8], barcodeFunction system: UInt8) -> Bool {
        bytes.indices.dropLast(2).contains { bytes[$0] == 0x1D && bytes[$0 + 1] == 0x6B && bytes[$0 + 2] == system }
    }

    static func barcode(_ data: String, _ symbology: Barcode.Symbology) -> Barcode {
        var barcode = Barcode(data, symbology: symbology)
        barcode.moduleWidth = 2
        barcode.allowsNarrowerModules = true
        return barcode
    }

    @Test func gs1DataSentAsCode128WithFNC1ReadsBackAsElements() {
        // FNC1, then 01 + GTIN (fixed), 17 + date (fixed), 10 + batch (variable) FNC1, 21 + serial.
        let data: [UInt8] =
            Array("{C{1".utf8) + [1, 09, 50, 11, 01, 53, 00, 03, 17, 26, 12, 31] + Array("{B10AB*{1{C".utf8) + [21]
            + Array("{B7".utf8)
        let barcode = BarcodeDataReader.barcode(system: 73, data: data)
        #expect(barcode?.symbology == .gs1128)
        #expect(barcode?.data == "(01)09501101530003(17)261231(10)AB*(21)7")
        #expect(
            BarcodeDataReader.humanReadableText(system: 73, data: data) == "(01)09501101530003(17)261231(10)AB*(21)7"
        )
        // Four-digit (3103) and three-digit (400) AIs.
        let weights = BarcodeDataReader.code128Items(Array("{1310300150040012{121X".utf8)) ?? []
        #expect(BarcodeDataReader.gs1Bracketed(fnc1Separated: weights.dropFirst()) == "(3103)001500(400)12(21)X")
        // An element cut short is not guessed at.
        #expect(BarcodeDataReader.barcode(system: 73, data: Array("{1010950".utf8)) == nil)
    }

    @Test func escPosGS1DataLosesItsEscapes() {
        #expect(
            BarcodeDataReader.gs1Bracketed(escPosData: Array("(01)09501101530003(10)A{*B{1(21)7".utf8))
                == "(01)09501101530003(10)A*B(21)7"
        )
        #expect(BarcodeDataReader.gs1Bracketed(escPosData: Array("(10)A{2".utf8)) == nil)
        // DataBar: the 13 digits sent, shown with AI 01 and the check digit the printer adds.
        #expect(
            BarcodeDataReader.humanReadableText(system: 75, data: Array("0950110153000".utf8)) == "(01)09501101530003"
        )
    }

    @Test func maxiCodeModesTwoAndThreeStayPlaceholders() {
        let drawing = ZintSymbolDrawing()
        #expect(drawing.draw(.maxiCode(MaxiCode("X", mode: 2)), moduleSize: 1, height: 0) == nil)
        #expect(drawing.draw(.maxiCode(MaxiCode("X", mode: 4)), moduleSize: 1, height: 0) != nil)
    }

    @Test func dataBarLimitedIsDrawnAtLibzintsWidth() throws {
        let (bytes, printed) = try Self.printed(
            .barcode(Self.barcode("09501101530003", .gs1DataBarLimited)),
            on: .epsonTMT88VI
        )
        #expect(Self.contains(bytes, barcodeFunction: 77))
        let symbol = try #require(printed.symbols.first)
        #expect(symbol.isDrawn && symbol.symbology == "DATABAR-LIMITED")
        #expect(!printed.notes.contains { $0.kind == .symbolNotDrawn })
        // libzint draws DataBar Limited 79 modules wide; the bars are as high as GS h says.
        #expect(symbol.width == 79 * 2 && symbol.height == 80)
        let region = printed.page.cropped(x: symbol.x, y: symbol.y, width: symbol.width, height: symbol.height)
        #expect(region.printedDotCount > symbol.width * symbol.height / 4)
    }

    @Test func maxiCodeIsDrawnAtLibzintsSize() throws {
        let (bytes, printed) = try Self.printed(.maxiCode(MaxiCode("PARCEL 1Z999 0042", mode: 4)), on: .epsonTMT88VI)
        // GS ( k cn 50 fn 81: print the stored MaxiCode.
        #expect(bytes.indices.dropLast().contains { bytes[$0] == 0x32 && bytes[$0 + 1] == 0x51 })
        #expect(printed.symbols.count == 1)
        let symbol = try #require(printed.symbols.first)
        #expect(symbol.isDrawn && symbol.symbology == "MAXICODE")
        #expect(!printed.notes.contains { $0.kind == .symbolNotDrawn })
        // libzint's MaxiCode raster at half scale is 149 × 133 pixels whatever the data.
        #expect(symbol.width == 149 && symbol.height == 133)
        let region = printed.page.cropped(x: symbol.x, y: symbol.y, width: symbol.width, height: symbol.height)
        #expect(region.printedDotCount > 149 * 133 / 5)
    }
}

@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zbarimg"), "needs zbar-tools"))
struct GS1SymbolDecodeBackTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var barcode: Barcode
        var profile: PrinterProfile
        var function: UInt8
        var data: String
        var hri: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "GS1-128 via GS k 74",
            barcode: GS1SymbolTests.barcode("(01)09501101530003(10)AB*1(21)7", .gs1128),
            profile: .epsonTMT88VI,
            function: 74,
            data: "0109501101530003" + "10AB*1\u{1D}217",
            hri: "(01)09501101530003(10)AB*1(21)7"
        ),
        Case(
            name: "GS1-128 via Code 128 and FNC1",
            barcode: GS1SymbolTests.barcode("(01)09501101530003(10)AB*1(21)7", .gs1128),
            profile: .generic80mm,
            function: 73,
            data: "0109501101530003" + "10AB*1\u{1D}217",
            hri: "(01)09501101530003(10)AB*1(21)7"
        ),
        Case(
            name: "DataBar Omnidirectional",
            barcode: GS1SymbolTests.barcode("09501101530003", .gs1DataBarOmnidirectional),
            profile: .epsonTMT88VI,
            function: 75,
            data: "0109501101530003",
            hri: "(01)09501101530003"
        ),
        Case(
            name: "DataBar Truncated",
            barcode: GS1SymbolTests.barcode("09501101530003", .gs1DataBarTruncated),
            profile: .epsonTMT88VI,
            function: 76,
            data: "0109501101530003",
            hri: "(01)09501101530003"
        ),
        Case(
            name: "DataBar Expanded",
            barcode: GS1SymbolTests.barcode("(01)09501101530003(10)AB12", .gs1DataBarExpanded),
            profile: .epsonTMT88VI,
            function: 78,
            data: "010950110153000310AB12",
            hri: "(01)09501101530003(10)AB12"
        ),
    ]

    @Test(arguments: cases)
    func gs1SymbolsOnThePageDecodeToTheirData(_ symbolCase: Case) throws {
        let (bytes, printed) = try GS1SymbolTests.printed(.barcode(symbolCase.barcode), on: symbolCase.profile)
        #expect(GS1SymbolTests.contains(bytes, barcodeFunction: symbolCase.function))
        #expect(printed.symbols.count == 1)
        #expect(printed.symbols.first?.isDrawn == true, "\(printed.notes)")
        #expect(try zbarRead(printed.page.pngData()) == [symbolCase.data])
        #expect(
            BarcodeDataReader.humanReadableText(
                system: symbolCase.function,
                data: try #require(printed.symbols.first).data
            )
                == symbolCase.hri
        )
    }
}
