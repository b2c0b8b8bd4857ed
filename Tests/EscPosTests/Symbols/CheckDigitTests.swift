import Testing

@testable import EscPos

@Suite struct CheckDigitTests {
    /// Published numbers with their check digits (GS1 examples, Wikipedia's EAN/UPC articles, ISBN 978-0-306-40615-7).
    static let published: [(Barcode.Symbology, String)] = [
        (.ean13, "5901234123457"), (.ean13, "4006381333931"), (.ean13, "9780306406157"),
        (.ean13, "9781234567897"), (.ean13, "5012345678900"), (.upcA, "036000291452"),
        (.upcA, "012345678905"), (.upcA, "042100005264"), (.ean8, "96385074"), (.ean8, "73513537"),
        (.ean8, "12345670"), (.itf14, "00012345678905"), (.itf14, "15400141288763"),
        (.gs1DataBarOmnidirectional, "09501101530003"),
    ]

    @Test(arguments: published)
    func checkDigitIsComputedWhenOmitted(symbology: Barcode.Symbology, number: String) throws {
        let validated = try Barcode(String(number.dropLast()), symbology: symbology).validated()
        #expect(validated.normalizedData.hasSuffix(number))
    }

    @Test(arguments: published)
    func correctCheckDigitIsAccepted(symbology: Barcode.Symbology, number: String) throws {
        let validated = try Barcode(number, symbology: symbology).validated()
        #expect(validated.normalizedData.hasSuffix(number))
    }

    @Test(arguments: published)
    func wrongCheckDigitIsRejected(symbology: Barcode.Symbology, number: String) throws {
        let last = number.last?.wholeNumberValue ?? 0
        let wrong = String(number.dropLast()) + String((last + 1) % 10)
        let error = try #require(throws: EscPosError.self) {
            try Barcode(wrong, symbology: symbology).validated(at: DocumentPath(parsing: "blocks[3].barcode"))
        }
        #expect(error.code == .invalidCheckDigit)
        #expect(error.path.description == "blocks[3].barcode.data")
        #expect(error.message.contains("check digit"))
    }

    /// UPC-E forms and the UPC-A numbers they expand to (zero-suppression rules 0–2, 3, 4 and 5–9).
    static let upcE: [(upcE: String, upcA: String)] = [
        ("01234565", "012345000065"), ("04252614", "042100005264"), ("01212309", "012000001239"),
        ("01234531", "012300000451"), ("01234446", "012340000046"), ("06543217", "065100004327"),
        ("01234572", "012345000072"), ("00000028", "000200000008"),
    ]

    @Test(arguments: upcE)
    func upcEAcceptsEveryFormOfTheSameNumber(upcE: String, upcA: String) throws {
        let forms = [String(upcE.dropFirst().prefix(6)), String(upcE.prefix(7)), upcE, String(upcA.prefix(11)), upcA]
        for form in forms {
            let validated = try Barcode(form, symbology: .upcE).validated()
            #expect(validated.normalizedData == upcE, "form \(form)")
            #expect(validated.nativeData == Array(upcA.utf8), "form \(form)")
        }
    }

    @Test func upcECompressionFindsTheCanonicalFormOfEveryExpansion() {
        let zero = UInt8(ascii: "0")
        var checked = 0
        for value in stride(from: 0, to: 1_000_000, by: 997) {
            var body = Array(String(value).utf8)
            body = [UInt8](repeating: zero, count: 6 - body.count) + body
            let expanded = UPCE.expand(body: body, numberSystem: zero)
            // Several bodies can expand to one number; compression must find one that expands back,
            // and compressing that again must give the same (canonical) body.
            let canonical = UPCE.compress(expanded)
            #expect(canonical.map { UPCE.expand(body: $0, numberSystem: zero) } == expanded)
            #expect(canonical.flatMap { UPCE.compress(UPCE.expand(body: $0, numberSystem: zero)) } == canonical)
            checked += 1
        }
        #expect(checked > 1000)
    }

    @Test(arguments: ["036000291452", "11234565", "012345678905", "12345", "0123456789"])
    func upcERejectsNumbersWithoutAZeroSuppressedForm(number: String) throws {
        let error = try #require(throws: EscPosError.self) { try Barcode(number, symbology: .upcE).validated() }
        #expect(error.code == .invalidBarcodeData || error.code == .invalidCheckDigit)
    }

    @Test func upcEWrongCheckDigitIsReportedAsSuch() throws {
        let error = try #require(throws: EscPosError.self) { try Barcode("01234566", symbology: .upcE).validated() }
        #expect(error.code == .invalidCheckDigit)
    }
}
