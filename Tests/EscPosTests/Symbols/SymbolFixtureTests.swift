import EscPos
import EscPosTestSupport
import Foundation
import Testing

/// Golden fixtures for barcodes and 2D codes: the DSL document, its JSON twin, the bytes and the listing.
@Suite struct SymbolFixtureTests {
    struct Fixture: CustomTestStringConvertible, Sendable {
        let name: String
        let profile: PrinterProfile
        let receipt: Receipt
        let header: [String]
        var testDescription: String { name }
    }

    static let reference =
        "Bytes checked by hand against the Epson ESC/POS Command Reference: GS H/f/h/w and GS k function B "
        + "(m 65–78, length byte), GS ( k cn 48 PDF417 (fn 65–70, 80, 81), cn 49 QR (fn 65, 67, 69, 80, 81), "
        + "cn 50 MaxiCode, cn 53 Aztec, cn 54 DataMatrix (shared/reference/escpos.md §E.1, E.2, E.9)."

    static let fixtures: [Fixture] = [
        Fixture(
            name: "symbols-barcodes-epson-tm-t88vi",
            profile: .epsonTMT88VI,
            receipt: Receipt {
                Barcode("590123412345", symbology: .ean13)
                Barcode("9638507", symbology: .ean8).hriPosition(.above, font: .b)
                Barcode("03600029145", symbology: .upcA).hriPosition(.none)
                Barcode("0123456", symbology: .upcE).hriPosition(.both)
                Barcode("CODE-39 $", symbology: .code39).moduleWidth(2).height(40)
                Barcode("12345678", symbology: .itf)
                Barcode("1540014128876", symbology: .itf14).moduleWidth(2)
                Barcode("A40156B", symbology: .codabar)
                Barcode("Code93", symbology: .code93)
                Barcode("No.{12345678}", symbology: .code128).alignment(.center)
                Barcode(gs1: [.gtin("0950110153000"), .batch("LOT42"), .serial("7")]).moduleWidth(2)
                Barcode("0950110153000", symbology: .gs1DataBarOmnidirectional)
                Barcode("0950110153000", symbology: .gs1DataBarTruncated)
                Barcode("0950110153000", symbology: .gs1DataBarLimited)
                Barcode(gs1: [.gtin("0950110153000"), .batch("AB")], symbology: .gs1DataBarExpanded).moduleWidth(2)
                Group {
                    Barcode("RIGHT", symbology: .code128).height(120).moduleWidth(4)
                }
                .alignment(.right)
                Barcode(String(repeating: "Ab", count: 10), symbology: .code128).moduleWidth(6, allowingNarrower: true)
            },
            header: [
                "Every 1D symbology and option family (HRI position and font, height, module width, alignment, narrowing) "
                    + "on an Epson TM-T88VI (512 dots). Check digits completed, UPC-E sent in its UPC-A form, Code 128 "
                    + "code sets chosen for the shortest symbol, GS1-128 with bracketed AIs and {1 after a variable field.",
                reference,
            ]
        ),
        Fixture(
            name: "symbols-2d-epson-tm-t88vi",
            profile: .epsonTMT88VI,
            receipt: Receipt {
                QRCode("1234")
                QRCode("https://example.com/r/8812").errorCorrection(.medium).moduleSize(.auto).alignment(.center)
                QRCode("Grüße").errorCorrection(.high).moduleSize(.dots(6))
                PDF417("PDF417 ticket").columns(4).rows(0).moduleWidth(2, rowHeight: 4).errorCorrection(.level(3))
                PDF417("ratio").errorCorrection(.ratio(2)).truncated()
                DataMatrix("LOT42-0001").moduleSize(4)
                DataMatrix("AB").shape(.rectangle, rows: 12, columns: 26)
                AztecCode("BOARDING 12F").errorCorrectionPercent(33).alignment(.center)
                AztecCode("compact").format(.compact, layers: 3).moduleSize(4)
                MaxiCode("PARCEL 1Z999", mode: 4)
            },
            header: [
                "QR (the reference vector first), PDF417 with level and ratio error correction, DataMatrix square and "
                    + "rectangular, Aztec full-range and compact, MaxiCode, on an Epson TM-T88VI.",
                reference,
            ]
        ),
    ]

    @Test(arguments: fixtures)
    func fixtureMatches(_ fixture: Fixture) throws {
        let result = try GoldenFixture.expectDocument(
            fixture.receipt,
            named: fixture.name,
            profile: fixture.profile,
            header: fixture.header
        )
        #expect(result.warnings.isEmpty)
    }
}
