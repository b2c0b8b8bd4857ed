import EscPos
import EscPosImaging
import EscPosSymbolRendering
import EscPosTemplates
import EscPosTestSupport
import Foundation
import Testing

/// Golden fixtures for every template on a 58 mm and an 80 mm printer. The input data is
/// `Examples/receipts/<template>-order.json`, also used by the CLI and the README.
@Suite struct TemplateFixtureTests {
    struct Fixture: CustomTestStringConvertible, Sendable {
        let name: String
        let profile: PrinterProfile
        let header: [String]
        let make: @Sendable () throws -> Receipt
        var testDescription: String { name }
    }

    static let reference =
        "Text, style, cut and code-page bytes are the core compiler's, checked against the Epson ESC/POS Command Reference in Tests/EscPosTests/ReferenceBytesTests.swift; this fixture pins the template's layout."

    /// The example orders as receipts; building a template validates its data, so this throws.
    @Sendable static func salesReceipt() throws -> Receipt {
        let template = try SalesReceipt(TemplateData.salesOrder)
        return Receipt { template }
    }

    @Sendable static func kitchenTicket() throws -> Receipt {
        let template = try KitchenTicket(TemplateData.kitchenOrder)
        return Receipt { template }
    }

    static let profiles: [(String, PrinterProfile)] = [("58mm", .generic58mm), ("80mm", .epsonTMT20III)]

    static let fixtures: [Fixture] = profiles.flatMap { suffix, profile in
        [
            Fixture(
                name: "template-sales-receipt-\(suffix)",
                profile: profile,
                header: [
                    "SalesReceipt with Examples/receipts/sales-order.json on \(profile.name), \(profile.columns(for: .a) ?? 0) columns.",
                    reference,
                ],
                make: salesReceipt
            ),
            Fixture(
                name: "template-kitchen-ticket-\(suffix)",
                profile: profile,
                header: [
                    "KitchenTicket with Examples/receipts/kitchen-order.json on \(profile.name), \(profile.columns(for: .a) ?? 0) columns.",
                    reference,
                ],
                make: kitchenTicket
            ),
            Fixture(
                name: "template-test-page-\(suffix)",
                profile: profile,
                header: [
                    "TestPage for \(profile.name): every code page selected explicitly (ESC t n) with sample bytes.",
                    reference,
                ],
                make: { Receipt { TestPage(profile: profile) } }
            ),
        ]
    }

    @Test(arguments: fixtures)
    func templateMatchesFixture(_ fixture: Fixture) throws {
        let receipt = try fixture.make()
        let options = CompileOptions(imageDecoder: ImageDecoder(), symbolRenderer: ZintSymbolRenderer())
        let result = try ReceiptCompiler(profile: fixture.profile, options: options).compile(receipt)
        GoldenFixture.expect(result.bytes, named: fixture.name, profile: fixture.profile, header: fixture.header)
        // The only acceptable warning is the cut on a printer without a cutter: no character is replaced.
        let unexpected = result.warnings.filter {
            !(fixture.profile.capabilities.cutter == nil && $0.code == .unsupportedByProfile)
        }
        #expect(unexpected.isEmpty, "unexpected warnings: \(unexpected)")
        #expect(!result.warnings.contains { $0.code == .unencodableCharacter })
    }

    @Test(arguments: profiles.map(\.1))
    func printedLinesNeverExceedTheColumns(_ profile: PrinterProfile) throws {
        let columns = try #require(profile.columns(for: .a))
        for receipt in [try Self.salesReceipt(), try Self.kitchenTicket()] {
            let options = CompileOptions(imageDecoder: ImageDecoder(), symbolRenderer: ZintSymbolRenderer())
            let bytes = try ReceiptCompiler(profile: profile, options: options).compile(receipt).bytes
            for line in TextLines.printedLines(bytes, profile: profile) {
                #expect(
                    line.columns <= columns,
                    "\"\(line.text)\" takes \(line.columns) columns; \(profile.id) has \(columns)"
                )
            }
        }
    }

    @Test func longItemNamesWrapInsteadOfBeingCut() throws {
        let receipt = try Self.salesReceipt()
        let options = CompileOptions(imageDecoder: ImageDecoder(), symbolRenderer: ZintSymbolRenderer())
        let bytes = try ReceiptCompiler(profile: .generic58mm, options: options).compile(receipt).bytes
        let text = TextLines.printedLines(bytes, profile: .generic58mm).map(\.text).joined(separator: " ")
        let words = "Avocado toast on sourdough with chili flakes and a poached egg".split(separator: " ")
        for word in words { #expect(text.contains(word), "\(word) is missing from the printed text") }
    }
}

/// The text a byte stream prints, line by line, measured in normal-width columns (a double-width
/// character counts twice), taken from the decoder's listing.
enum TextLines {
    struct Line {
        var text: String
        var columns: Int
    }

    static func printedLines(_ bytes: [UInt8], profile: PrinterProfile) -> [Line] {
        var lines: [Line] = []
        var current = ""
        var width = 1
        var currentColumns = 0
        for command in CommandDecoder(profile: profile).decode(bytes) {
            switch command.command {
            case .text(let text):
                current += text
                currentColumns += CharacterWidth.columns(of: text) * width
            case .lineFeed:
                lines.append(Line(text: current, columns: currentColumns))
                current = ""
                currentColumns = 0
            case .characterSize(let sizeWidth, _):
                width = sizeWidth
            case .initialize:
                width = 1
            default:
                break
            }
        }
        return lines
    }
}
