import EscPos
import EscPosImaging
import Foundation
import Testing

@testable import EscPosEmulator

/// Draws every symbol as a fixed pattern, to check where the renderer puts what a drawing returns.
struct StripesDrawing: SymbolDrawing {
    static let barcode: MonochromeBitmap = {
        var bitmap = MonochromeBitmap(width: 40, height: 20)
        for y in 0..<20 { for x in stride(from: 0, to: 40, by: 4) { bitmap[x, y] = true } }
        return bitmap
    }()

    func draw(_ symbol: Symbol, moduleSize: Int, height: Int) -> MonochromeBitmap? {
        // `GS k 73 {B123`, read back by the decoder.
        guard case .barcode(let barcode) = symbol else { return nil }
        return barcode.symbology == .code128 && barcode.data == "123" ? Self.barcode : nil
    }
}

@Suite struct SymbolTests {
    /// `qr("1234", native=True)` as python-escpos sends it (shared/reference E.1).
    static let qrBytes: [UInt8] = [
        0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00, 0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x03,
        0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x30, 0x1D, 0x28, 0x6B, 0x07, 0x00, 0x31, 0x50, 0x30, 0x31, 0x32,
        0x33,
        0x34, 0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30,
    ]
    /// `GS k 73 5 {B123`: Code 128, code set B.
    static let code128Bytes: [UInt8] = [0x1D, 0x6B, 0x49, 0x05, 0x7B, 0x42, 0x31, 0x32, 0x33]

    @Test func symbolsWithoutADrawingArePlaceholdersInTheReport() {
        let receipt = ReceiptRenderer(profile: .generic80mm, symbolDrawing: nil).render(
            Self.qrBytes + Self.code128Bytes
        )
        #expect(receipt.symbols.map(\.symbology) == ["QR", "CODE128"])
        #expect(receipt.symbols.allSatisfy { !$0.isDrawn })
        #expect(receipt.symbols.first?.data == Array("1234".utf8))
        #expect(receipt.text == "[QR \"1234\"]\n[barcode CODE128 \"{B123\"]\n")
        #expect(receipt.notes.filter { $0.kind == .symbolNotDrawn }.count == 2)
        #expect(receipt.page.printedDotCount > 0)
    }

    @Test func drawnSymbolsLandOnThePageWithTheirText() throws {
        let renderer = ReceiptRenderer(profile: .generic80mm, symbolDrawing: StripesDrawing())
        // Centred, HRI below.
        let receipt = renderer.render([0x1B, 0x61, 0x01, 0x1D, 0x48, 0x02] + Self.code128Bytes)
        let symbol = try #require(receipt.symbols.first)
        #expect(symbol.isDrawn)
        #expect(symbol.x == (576 - 40) / 2 && symbol.width == 40 && symbol.height == 20)
        #expect(receipt.page.cropped(x: symbol.x, y: symbol.y, width: 40, height: 20) == StripesDrawing.barcode)
        // The human-readable text "123" (without the {B code set) is printed under the bars, centred.
        let below = receipt.page.cropped(
            x: 0,
            y: symbol.y + 20,
            width: 576,
            height: receipt.page.height - symbol.y - 20
        )
        let inked = inkedColumns(below)
        #expect(below.printedDotCount > 0)
        #expect(try #require(inked.last) - (try #require(inked.first)) < 3 * 9)  // three font B characters
        #expect(!receipt.notes.contains { $0.kind == .symbolNotDrawn })
    }

    @Test func code128DataIsReadInItsCodeSets() {
        #expect(BarcodeDataReader.code128Text(Array("{BAb-1".utf8)) == "Ab-1")
        #expect(BarcodeDataReader.code128Text([0x7B, 0x43, 12, 34, 5, 0x7B, 0x42, 0x58]) == "123405X")
        #expect(BarcodeDataReader.code128Text(Array("{B{{x".utf8)) == "{x")
        #expect(BarcodeDataReader.code128Text(Array("{Bab{S\tc".utf8)) == "ab\tc")  // SHIFT to code set A for a tab
        // FNC1: GS1 data, which barcode(system:data:) reads
        #expect(BarcodeDataReader.code128Text(Array("{1123".utf8)) == nil)
    }
}

/// Reads every symbol in a PNG file with zbarimg (Debian's zbar-tools), an independent decoder.
func zbarRead(_ png: [UInt8]) throws -> [String] {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("escpos-emulator-\(UUID().uuidString).png")
        .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data(png).write(to: URL(fileURLWithPath: path))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
    process.arguments = ["--quiet", "--raw", path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
}

@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zbarimg"), "needs zbar-tools"))
struct SymbolDecodeBackTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var block: Block
        var data: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "QR",
            block: .qrCode(QRCode("https://example.com/r/42?total=82.40")),
            data: "https://example.com/r/42?total=82.40"
        ),
        Case(name: "Code 128", block: .barcode(Barcode("ORDER-0042", symbology: .code128)), data: "ORDER-0042"),
        Case(name: "Code 128 digits", block: .barcode(Barcode("1234567890", symbology: .code128)), data: "1234567890"),
        Case(name: "EAN-13", block: .barcode(Barcode("5901234123457", symbology: .ean13)), data: "5901234123457"),
        Case(name: "Code 39", block: .barcode(Barcode("ABC-123", symbology: .code39)), data: "ABC-123"),
    ]

    @Test(arguments: cases)
    func symbolsOnThePageDecodeToTheirData(_ symbolCase: Case) throws {
        let profile = PrinterProfile.epsonTMT88VI
        let receipt = Receipt(
            profile: profile.id,
            blocks: [.feed(Feed(lines: 2)), symbolCase.block, .feed(Feed(lines: 2))]
        )
        let bytes = try ReceiptCompiler(profile: profile).compile(receipt).bytes
        let printed = ReceiptRenderer(profile: profile).render(bytes)
        #expect(printed.symbols.count == 1)
        #expect(printed.symbols.first?.isDrawn == true, "\(printed.notes)")
        #expect(try zbarRead(printed.page.pngData()) == [symbolCase.data])
    }
}
