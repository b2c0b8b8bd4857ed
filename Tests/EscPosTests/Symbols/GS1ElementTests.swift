import Testing

@testable import EscPos

@Suite struct GS1ElementTests {
    @Test func typedElementsBuildTheBracketedForm() {
        let barcode = Barcode(gs1: [
            .gtin("0950110153000"), .expiry(year: 27, month: 1, day: 5), .batch("L1"), .serial("S9"), .count(3),
            .netWeightKilograms("001250", decimals: 3), .sscc("00950110153000001"),
        ])
        #expect(barcode.symbology == .gs1128)
        #expect(barcode.data == "(01)0950110153000(17)270105(10)L1(21)S9(30)3(3103)001250(00)00950110153000001")
    }

    @Test func checkDigitsOfGTINAndSSCCAreCompletedAndSeparatorsPlaced() throws {
        let elements = try GS1ElementString.parse(
            "(01)0950110153000(10)L1(21)S9(00)00950110153000001",
            at: .root
        )
        #expect(elements.map(\.value) == ["09501101530003", "L1", "S9", "009501101530000014"])
        #expect(elements.map(\.isFixedLength) == [true, false, false, true])
        #expect(
            String(decoding: GS1ElementString.escPosData(elements), as: UTF8.self)
                == "(01)09501101530003(10)L1{1(21)S9{1(00)009501101530000014"
        )
        let items = GS1ElementString.code128Items(elements)
        #expect(items.first == .fnc1)
        #expect(items.filter { $0 == .fnc1 }.count == 3, "leading FNC1 plus one after each variable field but the last")
    }

    @Test(arguments: [
        ("", "empty"), ("01)123", "brackets"), ("(1)123", "2 to 4 digits"), ("(01)", "no value"),
        ("(01)123", "13 digits"), ("(11)2712", "exactly 6 digits"), ("(3103)12", "exactly 6 digits"),
        ("(31)001250", "should have 4 digits"), ("(10)A#B", "letters, digits"), ("(30)12a", "digits only"),
        ("(21)" + String(repeating: "x", count: 21), "at most 20"),
    ])
    func malformedElementStringsAreExplained(data: String, messagePart: String) throws {
        let error = try #require(throws: EscPosError.self) { try GS1ElementString.parse(data, at: .root) }
        #expect(error.code == .invalidBarcodeData)
        #expect(error.message.contains(messagePart), "\(error.message)")
    }
}
