import EscPos
import EscPosEmulator
import EscPosTestSupport
import Testing

@Suite struct RobustnessTests {
    @Test(arguments: 1...20)
    func randomBytesNeverCrashAndStayBounded(seed: UInt64) {
        var generator = SeededRandomNumberGenerator(seed: seed)
        // Bytes biased towards command introducers so many commands start.
        let alphabet: [UInt8] = [
            0x1B, 0x1D, 0x10, 0x1C, 0x0A, 0x21, 0x76, 0x30, 0x28, 0x4C, 0x6B, 0x2A, 0x56, 0xFF, 0x00, 0x41,
        ]
        let bytes = (0..<20_000).map { _ in
            Bool.random(using: &generator)
                ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
        }
        let renderer = ReceiptRenderer(profile: .generic58mm, maximumPageHeight: 4000, maximumNoteCount: 50)
        let receipt = renderer.render(bytes)
        #expect(receipt.page.height <= 4000)
        #expect(receipt.page.width == 384)
        #expect(receipt.notes.count <= 51)
    }

    @Test func endlessTextStopsAtThePageHeightLimit() {
        let bytes = [UInt8](repeating: 0x41, count: 200_000)  // 200 kB of "A", no line feeds
        let receipt = ReceiptRenderer(profile: .generic80mm, maximumPageHeight: 2000).render(bytes)
        #expect(receipt.page.height == 2000)
        #expect(receipt.notes.contains { $0.kind == .pageHeightLimit })
    }

    @Test func unknownAndTruncatedCommandsAreNoted() {
        let bytes: [UInt8] = [0x41, 0x0A, 0x07, 0x1B, 0x4C, 0x1D, 0x76, 0x30, 0x00, 0x10, 0x00]
        let receipt = ReceiptRenderer(profile: .generic80mm).render(bytes)
        let kinds = receipt.notes.map(\.kind)
        #expect(kinds == [.unknownCommand, .unsupportedCommand, .truncatedCommand])
        #expect(receipt.notes[0].offset == 2)
        #expect(receipt.text == "A\n")
    }

    @Test func missingFontDrawsBoxesAndSaysSo() {
        let receipt = ReceiptRenderer(profile: .generic80mm, font: nil).render(Array("Hi\n".utf8))
        #expect(receipt.notes.first?.kind == .fontUnavailable)
        #expect(receipt.page.printedDotCount > 0)
        #expect(receipt.text == "Hi\n")
    }

    @Test func aHexFontWithoutGlyphsIsRefused() {
        #expect(throws: EscPosError.self) { try UnifontFont(hexFile: Array("not a font\n".utf8)) }
        let font = try? UnifontFont(hexFile: Array("0041:0000000018242442427E424242420000\n".utf8))
        #expect(font?.glyphCount == 1)
        #expect(font?.glyph(for: "A")?.rows[4] == 0x1800)
    }
}
