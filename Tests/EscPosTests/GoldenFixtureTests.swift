import EscPos
import EscPosTemplates
import EscPosTestSupport
import Foundation
import Testing

/// Every golden fixture: the DSL document, its JSON twin in `Fixtures/<name>.json`, the bytes in
/// `Fixtures/<name>.bin` and the listing in `Fixtures/<name>.txt`. See Fixtures/README.md for recording.
@Suite struct GoldenFixtureTests {
    struct Fixture: CustomTestStringConvertible, Sendable {
        let name: String
        let profile: PrinterProfile
        let receipt: Receipt
        let header: [String]
        var testDescription: String { name }
    }

    static let reference =
        "Bytes checked against the Epson ESC/POS Command Reference (summarised in shared/reference/escpos.md §E.4, E.5, E.9); the per-command byte layouts are asserted independently in Tests/EscPosTests/ReferenceBytesTests.swift."

    static let fixtures: [Fixture] = [
        Fixture(
            name: "sample-receipt-epson-tm-t20iii",
            profile: .epsonTMT20III,
            receipt: Receipt { SampleReceipt() },
            header: [
                "The sample receipt (Examples/receipts/sample.json) on an Epson TM-T20III, 48 columns.", reference,
            ]
        ),
        Fixture(
            name: "sample-receipt-generic-58mm",
            profile: .generic58mm,
            receipt: Receipt { SampleReceipt() },
            header: [
                "The sample receipt on a generic 58 mm printer, 32 columns, no cutter (the cut is left out with a warning).",
                reference,
            ]
        ),
        Fixture(
            name: "text-styles",
            profile: .epsonTMm30,
            receipt: Receipt {
                Text("bold").bold()
                Text("underline 1").underline(.single)
                Text("underline 2").underline(.double)
                Text("double-strike").doubleStrike()
                Text("reverse").reverse()
                Text("upside-down").upsideDown()
                Text("rotated").rotated()
                Text("font B").font(.b)
                Text("font C").font(.c)
                Text("2x1").size(width: 2, height: 1)
                Text("1x3").size(width: 1, height: 3)
                Text("centre").alignment(.center)
                Text("right").alignment(.right)
                Text("spacing 50").lineSpacing(50)
                Text("margin 48, width 240").leftMargin(48).printAreaWidth(240)
                Group {
                    Text("group bold")
                    Text("child not bold").bold(false)
                }
                .bold()
                Text("plain again")
            },
            header: ["Every text style, each scoped to its block and undone after it, on an Epson TM-m30.", reference]
        ),
        Fixture(
            name: "paper-and-device",
            profile: .xprinterXP80,
            receipt: Receipt {
                Text("feeds")
                Feed(lines: 2)
                Feed(dots: 30)
                Cut(.full, feed: false)
                Cut(.partial, feed: false)
                Cut(.full)
                Cut(.partial)
                DrawerPulse(pin: .pin2)
                DrawerPulse(pin: .pin5, onMilliseconds: 50, offMilliseconds: 500)
                Buzzer(times: 2, duration: 3)
                RawBytes(unchecked: [0x1B, 0x21, 0x00])
                Text("after raw bytes").bold()
            },
            header: [
                "Feeds, the four cut forms, drawer pulses on both pins, the buzzer and raw bytes on an Xprinter XP-80 (FS . after ESC @).",
                reference,
            ]
        ),
        Fixture(
            name: "code-pages-epson",
            profile: .epsonTMT88VI,
            receipt: Receipt {
                Text("Café crème €3.50 – Ünïcödé Straße")
                Text("Привет, мир")
                Text("Ђурђевак")
                Text("Γειά σου κόσμε")
                Text("Zażółć gęślą jaźń")
                Text("שלום")
                Text("ｱﾘｶﾞﾄｳ")
                Text("日本")
            },
            header: [
                "Automatic code-page selection with Epson's ESC t numbers; 日本 is in no page and prints as ????, with a warning.",
                reference,
            ]
        ),
        Fixture(
            name: "code-pages-star",
            profile: .starTSP650,
            receipt: Receipt {
                Text("Café crème €3.50")
                Text("Привет")
            },
            header: [
                "Star in ESC/POS emulation selects pages with ESC GS t and Star's numbers (WPC1252 = 32, CP866 = 10).",
                reference,
            ]
        ),
        Fixture(
            name: "layout",
            profile: .generic80mm,
            receipt: Receipt {
                Rule()
                Columns {
                    Column("Qty", width: .fixed(4))
                    Column("Description that is long enough to wrap onto a second line")
                    Column("Price", width: .fixed(8), alignment: .right)
                }
                KeyValue("Subtotal", "10.00")
                KeyValue("Discount for loyal customers who visit every single day", "-1.00")
                Rule("=").size(width: 2, height: 1)
                Text("中文 counts two columns per character")
            },
            header: [
                "Rules, three columns with wrapping, key/value leaders and East Asian width on a generic 80 mm printer.",
                reference,
            ]
        ),
    ]

    @Test(arguments: fixtures)
    func fixtureMatches(_ fixture: Fixture) throws {
        try GoldenFixture.expectDocument(
            fixture.receipt,
            named: fixture.name,
            profile: fixture.profile,
            header: fixture.header
        )
    }

    @Test func samplesJSONIsTheFixtureDocument() throws {
        let sample = try Data(
            contentsOf: GoldenFixtureLocation.repository.appendingPathComponent("Examples/receipts/sample.json")
        )
        let fixture = try Data(contentsOf: GoldenFixture.url("sample-receipt-epson-tm-t20iii", "json"))
        #expect(
            try JSONDecoder().decode(Receipt.self, from: sample) == JSONDecoder().decode(Receipt.self, from: fixture)
        )
    }

    @Test func mismatchReportShowsCommandLevelDiffAndOffset() {
        let expected: [UInt8] = [0x1B, 0x40, 0x1B, 0x45, 0x01, 0x41, 0x0A]
        let actual: [UInt8] = [0x1B, 0x40, 0x1B, 0x45, 0x00, 0x41, 0x0A]
        let report = GoldenFixture.mismatchReport(expected: expected, actual: actual, profile: .generic80mm, name: "x")
        #expect(report.contains("first difference at offset 4"))
        #expect(report.contains("- 000002  1B 45 01"))
        #expect(report.contains("+ 000002  1B 45 00"))
        #expect(report.contains("bold off"))
    }
}
