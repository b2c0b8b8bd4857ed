import EscPos
import EscPosTemplates
import Foundation
import Testing

@Suite struct MoneyTests {
    @Test(
        arguments: zip(
            [
                (Currency.euro, 0), (.euro, 5), (.euro, 480), (.euro, -150), (.euro, 123_456),
                (Currency(code: "JPY"), 480), (Currency(code: "KWD"), 1250), (Currency(code: "kwd"), -5),
                (Currency(code: "CLF"), 12345), (Currency(code: "EUR", decimalSeparator: ","), 1999),
            ],
            ["0.00", "0.05", "4.80", "-1.50", "1234.56", "480", "1.250", "-0.005", "1.2345", "19,99"]
        )
    )
    func formatsWithTheCurrencysMinorUnits(_ input: (Currency, Int), expected: String) {
        #expect(input.0.format(Money(minorUnits: input.1)) == expected)
    }

    @Test func formatsTheLargestAmountsExactly() {
        #expect(Currency.euro.format(Money(minorUnits: Int.max)) == "92233720368547758.07")
        #expect(Currency.euro.format(Money(minorUnits: Int.min)) == "-92233720368547758.08")
    }

    @Test func tenTimesTenCentsIsExactlyOneEuro() throws {
        // 0.1 × 10 in binary floating point is not 1.0 at every step; in minor units it always is.
        var sum = Money.zero
        for _ in 0..<10 { sum = try sum.plus(Money(minorUnits: 10)) }
        #expect(sum == Money(minorUnits: 100))
        #expect(try Money(minorUnits: 10).times(10) == Money(minorUnits: 100))
    }

    @Test func arithmeticOverflowThrowsInsteadOfWrapping() throws {
        let error = try #require(throws: EscPosError.self) { try Money(minorUnits: Int.max).plus(Money(minorUnits: 1)) }
        #expect(error.code == .amountOutOfRange)
        #expect(throws: EscPosError.self) { try Money(minorUnits: Int.min).minus(Money(minorUnits: 1)) }
        #expect(throws: EscPosError.self) { try Money(minorUnits: Int.max / 2 + 1).times(2) }
    }

    @Test func decodesIntegersAndRejectsFractions() throws {
        #expect(try JSONDecoder().decode(Money.self, from: Data("480".utf8)) == Money(minorUnits: 480))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Money.self, from: Data("4.8".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Money.self, from: Data("\"4.80\"".utf8)) }
    }

    @Test func currencyDecodesFromCodeOrObjectAndRoundTrips() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(Currency.self, from: Data("\"jpy\"".utf8)) == Currency(code: "JPY"))
        let custom = try decoder.decode(Currency.self, from: Data(#"{"code":"XTS","minorUnits":3,"symbol":"¤"}"#.utf8))
        #expect(custom.minorUnits == 3)
        #expect(custom.formatWithSymbol(Money(minorUnits: 1500)) == "¤ 1.500")
        for currency in [Currency.euro, Currency(code: "USD"), custom] {
            #expect(try decoder.decode(Currency.self, from: JSONEncoder().encode(currency)) == currency)
        }
        #expect(String(decoding: try JSONEncoder().encode(Currency(code: "USD")), as: UTF8.self) == "\"USD\"")
    }

    @Test(arguments: zip(["20", "8.875", "0.5", "7.70"], [(20, 1), (8875, 1000), (5, 10), (770, 100)]))
    func percentagesParseExactly(_ text: String, expected: (Int, Int)) throws {
        let percentage = try #require(Percentage(text))
        #expect(percentage.scaledValue == expected.0)
        #expect(percentage.scale == expected.1)
    }

    @Test(arguments: ["", "-5", "1e2", "8.", ".5", "1.2.3", "12.3456789", "١٢"])
    func malformedPercentagesAreRejected(_ text: String) {
        #expect(Percentage(text) == nil)
    }

    @Test(arguments: [
        // (taxable, rate, included, expected amount)
        (2520, "20", true, 420), (1000, "8.875", false, 89), (1000, "19", true, 160), (50, "10", false, 5),
        (5, "10", false, 1), (4, "10", false, 0), (-5, "10", false, -1), (1999, "7.7", true, 143),
    ])
    func taxRatesRoundHalfAwayFromZero(_ taxable: Int, _ rate: String, _ included: Bool, _ expected: Int) throws {
        let tax = Tax(
            "t",
            rate: Percentage(rate),
            taxable: Money(minorUnits: taxable),
            amount: .zero,
            included: included
        )
        #expect(try tax.expectedAmount() == Money(minorUnits: expected))
    }
}
