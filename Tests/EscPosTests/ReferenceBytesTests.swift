public import EscPos
public import Testing

/// Byte sequences written by hand from the Epson ESC/POS command reference (as summarised in
/// shared/reference/escpos.md, sections E.4, E.5 and E.9), not recorded from our own output. Each case
/// compiles a tiny document and expects the exact stream: `ESC @`, the commands, the text, and the
/// commands that return the printer to its power-on state.
@Suite struct ReferenceBytesTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let profile: PrinterProfile
        let receipt: Receipt
        let expected: [UInt8]
        var testDescription: String { name }

        init(
            _ name: String,
            profile: PrinterProfile = .generic80mm,
            expected: [UInt8],
            @ReceiptBuilder _ content: () -> [Block]
        ) {
            self.name = name
            self.profile = profile
            self.receipt = Receipt(blocks: content())
            self.expected = expected
        }
    }

    static let initialize: [UInt8] = [0x1B, 0x40]

    static let cases: [Case] = [
        Case("ESC E bold", expected: initialize + [0x1B, 0x45, 0x01, 0x41, 0x0A, 0x1B, 0x45, 0x00]) {
            Text("A").bold()
        },
        Case("ESC - underline 1 dot", expected: initialize + [0x1B, 0x2D, 0x01, 0x41, 0x0A, 0x1B, 0x2D, 0x00]) {
            Text("A").underline(.single)
        },
        Case("ESC - underline 2 dots", expected: initialize + [0x1B, 0x2D, 0x02, 0x41, 0x0A, 0x1B, 0x2D, 0x00]) {
            Text("A").underline(.double)
        },
        Case("ESC G double-strike", expected: initialize + [0x1B, 0x47, 0x01, 0x41, 0x0A, 0x1B, 0x47, 0x00]) {
            Text("A").doubleStrike()
        },
        Case("GS B reverse", expected: initialize + [0x1D, 0x42, 0x01, 0x41, 0x0A, 0x1D, 0x42, 0x00]) {
            Text("A").reverse()
        },
        Case("ESC { upside-down", expected: initialize + [0x1B, 0x7B, 0x01, 0x41, 0x0A, 0x1B, 0x7B, 0x00]) {
            Text("A").upsideDown()
        },
        Case("ESC V 90° rotation", expected: initialize + [0x1B, 0x56, 0x01, 0x41, 0x0A, 0x1B, 0x56, 0x00]) {
            Text("A").rotated()
        },
        Case("ESC M font B", expected: initialize + [0x1B, 0x4D, 0x01, 0x41, 0x0A, 0x1B, 0x4D, 0x00]) {
            Text("A").font(.b)
        },
        Case(
            "ESC M font C",
            profile: .epsonTMm30,
            expected: initialize + [0x1B, 0x4D, 0x02, 0x41, 0x0A, 0x1B, 0x4D, 0x00]
        ) {
            Text("A").font(.c)
        },
        // GS ! n: bits 4–6 width − 1, bits 0–2 height − 1; 3 wide × 2 high = 0x21.
        Case("GS ! size 3×2", expected: initialize + [0x1D, 0x21, 0x21, 0x41, 0x0A, 0x1D, 0x21, 0x00]) {
            Text("A").size(width: 3, height: 2)
        },
        Case("GS ! size 8×8", expected: initialize + [0x1D, 0x21, 0x77, 0x41, 0x0A, 0x1D, 0x21, 0x00]) {
            Text("A").size(width: 8, height: 8)
        },
        Case("ESC a centre", expected: initialize + [0x1B, 0x61, 0x01, 0x41, 0x0A, 0x1B, 0x61, 0x00]) {
            Text("A").alignment(.center)
        },
        Case("ESC a right", expected: initialize + [0x1B, 0x61, 0x02, 0x41, 0x0A, 0x1B, 0x61, 0x00]) {
            Text("A").alignment(.right)
        },
        Case("ESC 3 line spacing, ESC 2 default", expected: initialize + [0x1B, 0x33, 0x40, 0x41, 0x0A, 0x1B, 0x32]) {
            Text("A").lineSpacing(64)
        },
        // GS L nL nH: 300 dots = 0x012C. Restoring sends 0.
        Case("GS L left margin", expected: initialize + [0x1D, 0x4C, 0x2C, 0x01, 0x41, 0x0A, 0x1D, 0x4C, 0x00, 0x00]) {
            Text("A").leftMargin(300)
        },
        // GS W nL nH: 400 dots = 0x0190; restoring sends the full 576-dot width (0x0240).
        Case(
            "GS W print-area width",
            expected: initialize + [0x1D, 0x57, 0x90, 0x01, 0x41, 0x0A, 0x1D, 0x57, 0x40, 0x02]
        ) {
            Text("A").printAreaWidth(400)
        },
        Case("ESC d feed lines", expected: initialize + [0x1B, 0x64, 0x03]) { Feed(lines: 3) },
        Case("ESC d feeds above 255 lines split", expected: initialize + [0x1B, 0x64, 0xFF, 0x1B, 0x64, 0x2D]) {
            Feed(lines: 300)
        },
        Case("ESC J feed dots", expected: initialize + [0x1B, 0x4A, 0x28]) { Feed(dots: 40) },
        // E.4: GS V 66 n = feed to the cutting position (+ n) and partial cut; GS V 65 n the same, full.
        Case("GS V 66 0 partial cut after feed", expected: initialize + [0x1D, 0x56, 0x42, 0x00]) { Cut(.partial) },
        Case("GS V 65 0 full cut after feed", expected: initialize + [0x1D, 0x56, 0x41, 0x00]) { Cut(.full) },
        Case("GS V 1 partial cut without feed", expected: initialize + [0x1D, 0x56, 0x01]) {
            Cut(.partial, feed: false)
        },
        Case("GS V 0 full cut without feed", expected: initialize + [0x1D, 0x56, 0x00]) { Cut(.full, feed: false) },
        // ESC p m t1 t2 with both timing bytes (t × 2 ms): pin 2 → m 0, pin 5 → m 1.
        Case("ESC p drawer pin 2", expected: initialize + [0x1B, 0x70, 0x00, 0x32, 0x64]) { DrawerPulse(pin: .pin2) },
        Case("ESC p drawer pin 5", expected: initialize + [0x1B, 0x70, 0x01, 0x19, 0xFA]) {
            DrawerPulse(pin: .pin5, onMilliseconds: 50, offMilliseconds: 500)
        },
        Case("ESC B buzzer", profile: .xprinterXP80, expected: initialize + [0x1C, 0x2E, 0x1B, 0x42, 0x03, 0x02]) {
            Buzzer(times: 3, duration: 2)
        },
        // E.5: ESC t n with the vendor's number; ESC @ has already selected page 0, so none is sent for ASCII.
        Case(
            "ESC t WPC1252 (16) for the euro",
            expected: initialize + [0x1B, 0x74, 0x10, 0x80, 0x0A, 0x1B, 0x74, 0x00]
        ) {
            Text("€")
        },
        // "Ђ" (U+0402) is 0x80 in WPC1251 and absent from CP866, so WPC1251 is the page to select.
        Case(
            "ESC t WPC1251 is 46 on Epson",
            profile: .epsonTMT88VI,
            expected: initialize + [0x1B, 0x74, 0x2E, 0x80, 0x0A, 0x1B, 0x74, 0x00]
        ) {
            Text("Ђ")
        },
        Case(
            "ESC t WPC1251 is 23 on Xprinter",
            profile: .xprinterXP80,
            expected: initialize + [0x1C, 0x2E, 0x1B, 0x74, 0x17, 0x80, 0x0A, 0x1B, 0x74, 0x00]
        ) {
            Text("Ђ")
        },
        Case(
            "ESC t WPC1251 is 28 on Bixolon",
            profile: .bixolonSRP350III,
            expected: initialize + [0x1B, 0x74, 0x1C, 0x80, 0x0A, 0x1B, 0x74, 0x00]
        ) {
            Text("Ђ")
        },
        Case(
            "ESC t CP866 is 17 on Epson",
            profile: .epsonTMT88VI,
            expected: initialize + [0x1B, 0x74, 0x11, 0x86, 0x0A, 0x1B, 0x74, 0x00]
        ) {
            Text("Ж")
        },
        Case(
            "ESC t CP866 is 7 on Citizen",
            profile: .citizenCTS310II,
            expected: initialize + [0x1B, 0x74, 0x07, 0x86, 0x0A, 0x1B, 0x74, 0x00]
        ) {
            Text("Ж")
        },
        Case(
            "ESC t CP864 is 22 on Bixolon",
            profile: .bixolonSRP350III,
            expected: initialize + [0x1B, 0x74, 0x16, 0xA9, 0x0A, 0x1B, 0x74, 0x00]
        ) {
            Text("\u{FE8F}")  // ARABIC LETTER BEH ISOLATED FORM, 0xA9 in CP864 (Unicode's CP864.TXT)
        },
        Case(
            "ESC GS t on Star",
            profile: .starTSP650,
            expected: initialize + [0x1B, 0x1D, 0x74, 0x20, 0x80, 0x0A, 0x1B, 0x1D, 0x74, 0x00]
        ) {
            Text("€")
        },
        Case(
            "FS . after ESC @ on Kanji-mode clones",
            profile: .xprinterXP80,
            expected: initialize + [0x1C, 0x2E, 0x41, 0x0A]
        ) {
            Text("A")
        },
    ]

    @Test(arguments: cases)
    func compilesToReferenceBytes(_ testCase: Case) throws {
        let result = try ReceiptCompiler(profile: testCase.profile).compile(testCase.receipt)
        #expect(
            result.bytes == testCase.expected,
            """
            \(testCase.name)
            expected: \(hex(testCase.expected))
            actual:   \(hex(result.bytes))
            """
        )
        #expect(result.warnings.isEmpty)
    }
}

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let text = String(byte, radix: 16, uppercase: true)
        return text.count == 1 ? "0" + text : text
    }.joined(separator: " ")
}

extension PrinterProfile: CustomTestStringConvertible {
    public var testDescription: String { id }
}
