import EscPosTemplates
import EscPosTestSupport
import Testing

@testable import EscPos

/// The compiler prints lines of printable ASCII that fit straight from the strings' bytes. These tests
/// prove that shortcut gives exactly the bytes of the general layout, on random documents.
@Suite struct ASCIIFastPathTests {
    func bothWays(_ receipt: Receipt, _ profile: PrinterProfile) throws -> (fast: [UInt8], general: [UInt8]) {
        var general = ReceiptCompiler(profile: profile)
        general.usesASCIIFastPath = false
        return (try ReceiptCompiler(profile: profile).compile(receipt).bytes, try general.compile(receipt).bytes)
    }

    @Test(arguments: [PrinterProfile.generic58mm, .epsonTMT20III, .starTSP650])
    func sampleReceiptMatchesTheGeneralLayout(profile: PrinterProfile) throws {
        let (fast, general) = try bothWays(Receipt { SampleReceipt() }, profile)
        #expect(fast == general)
    }

    @Test func randomDocumentsMatchTheGeneralLayout() throws {
        var random = SeededRandomNumberGenerator(seed: 0xFA57)
        let words = [
            "", " ", "a", "Tea", "  lead", "trail  ", "x y", "1.00", "-0.50", "Espresso",
            "a very long item name that wraps",
        ]
        func text() -> String {
            (0..<Int(random.next() % 3)).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(
                separator: " "
            )
        }
        let alignments: [TextStyle.Alignment] = [.left, .center, .right]
        for round in 0..<300 {
            let receipt = Receipt {
                Text(text()).size(width: Int(random.next() % 2) + 1, height: 1)
                Columns(spacing: Int(random.next() % 3)) {
                    Column(
                        text(),
                        width: .flexible(weight: Int(random.next() % 3) + 1),
                        alignment: alignments[Int(random.next() % 3)]
                    )
                    Column(
                        text(),
                        width: .fixed(Int(random.next() % 8) + 4),
                        alignment: alignments[Int(random.next() % 3)]
                    )
                }
                KeyValue(text(), text(), leader: random.next() % 2 == 0 ? "." : " ")
                if round % 5 == 0 { Text("Café €") }  // leaves the printer on another page: fast path must step aside
                Text(text())
            }
            let profile = [PrinterProfile.generic58mm, .generic80mm, .epsonTMT88VI][round % 3]
            let (fast, general) = try bothWays(receipt, profile)
            if fast != general {
                Issue.record("round \(round): fast path differs\n\(GoldenFixtureDiff.describe(fast, general, profile))")
                return
            }
        }
    }
}

enum GoldenFixtureDiff {
    static func describe(_ fast: [UInt8], _ general: [UInt8], _ profile: PrinterProfile) -> String {
        let decoder = CommandDecoder(profile: profile)
        return
            "fast:\n\(CommandListing(decoder.decode(fast)).text)general:\n\(CommandListing(decoder.decode(general)).text)"
    }
}
