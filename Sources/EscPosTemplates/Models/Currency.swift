/// A currency: its ISO 4217 code, how many decimal places its minor unit has, and how totals show it.
///
/// Amounts are ``Money`` values in minor units, so the currency says where the decimal point goes:
/// 480 is 4.80 EUR, 480 JPY and 0.480 KWD. The common ISO 4217 currencies are known by code; give
/// ``minorUnits`` yourself for any other.
///
/// In JSON a currency is either its code (`"currency": "EUR"`) or an object
/// (`"currency": {"code": "XTS", "minorUnits": 2, "symbol": "¤"}`).
///
/// ```swift
/// Currency.euro.format(Money(minorUnits: -150))   // "-1.50"
/// Currency(code: "JPY").format(Money(minorUnits: 480))  // "480"
/// ```
public struct Currency: Hashable, Sendable, Codable {
    /// The ISO 4217 code, such as `"EUR"`.
    public var code: String
    /// Decimal places of the minor unit: 2 for EUR and USD, 0 for JPY, 3 for KWD. 0–4.
    public var minorUnits: Int
    /// What totals print before the amount (`"€"`); the ``code`` when `nil`.
    public var symbol: String?
    /// The character between whole and minor units (`"."` or `","`).
    public var decimalSeparator: String

    /// Creates a currency. When `minorUnits` is `nil` it is looked up from the ISO 4217 code; an
    /// unknown code without `minorUnits` is reported by ``Order/validate()``.
    public init(code: String, minorUnits: Int? = nil, symbol: String? = nil, decimalSeparator: String = ".") {
        let upper = code.uppercased()
        self.code = upper
        self.minorUnits = minorUnits ?? Self.knownMinorUnits[upper] ?? Self.unknownMinorUnits
        self.symbol = symbol
        self.decimalSeparator = decimalSeparator
    }

    /// The euro, with the € symbol.
    public static let euro = Currency(code: "EUR", symbol: "€")
    /// The US dollar, with the $ symbol.
    public static let usDollar = Currency(code: "USD", symbol: "$")
    /// The pound sterling, with the £ symbol.
    public static let poundSterling = Currency(code: "GBP", symbol: "£")

    /// Marks a currency whose minor units are not known; validation rejects it.
    static let unknownMinorUnits = -1

    /// Minor units of ISO 4217 currencies that do not use two decimals, plus the common two-decimal ones.
    static let knownMinorUnits: [String: Int] = {
        var table: [String: Int] = [:]
        let twoDecimals = [
            "AED", "ARS", "AUD", "BGN", "BRL", "CAD", "CHF", "CNY", "COP", "CZK", "DKK", "EGP", "EUR", "GBP", "HKD",
            "HUF", "IDR", "ILS", "INR", "MAD", "MXN", "MYR", "NOK", "NZD", "PEN", "PHP", "PKR", "PLN", "RON", "RSD",
            "RUB", "SAR", "SEK", "SGD", "THB", "TRY", "TWD", "UAH", "USD", "ZAR",
        ]
        for code in twoDecimals { table[code] = 2 }
        for code in [
            "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF",
            "XPF",
        ] {
            table[code] = 0
        }
        for code in ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"] { table[code] = 3 }
        table["CLF"] = 4
        table["UYW"] = 4
        return table
    }()

    /// Formats an amount with exactly ``minorUnits`` decimals and no grouping: `"1234.50"`, `"-0.05"`.
    ///
    /// Pure integer arithmetic: no rounding ever happens.
    public func format(_ amount: Money) -> String {
        let places = max(0, min(minorUnits, 4))
        var divisor = 1
        for _ in 0..<places { divisor *= 10 }
        let magnitude = amount.minorUnits.magnitude
        let whole = magnitude / UInt(divisor)
        let fraction = magnitude % UInt(divisor)
        let sign = amount.minorUnits < 0 ? "-" : ""
        guard places > 0 else { return "\(sign)\(whole)" }
        let digits = String(fraction)
        let padded = String(repeating: "0", count: places - digits.count) + digits
        return "\(sign)\(whole)\(decimalSeparator)\(padded)"
    }

    /// Formats an amount with the symbol (or code) in front, for totals: `"€ 12.50"`, `"JPY 480"`.
    public func formatWithSymbol(_ amount: Money) -> String {
        "\(symbol ?? code) \(format(amount))"
    }

    private enum CodingKeys: String, CodingKey {
        case code, minorUnits, symbol, decimalSeparator
    }

    /// Decodes a code string or a currency object.
    public init(from decoder: any Decoder) throws {
        if let code = try? decoder.singleValueContainer().decode(String.self) {
            self.init(code: code)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try container.decode(String.self, forKey: .code),
            minorUnits: try container.decodeIfPresent(Int.self, forKey: .minorUnits),
            symbol: try container.decodeIfPresent(String.self, forKey: .symbol),
            decimalSeparator: try container.decodeIfPresent(String.self, forKey: .decimalSeparator) ?? "."
        )
    }

    /// Encodes the code alone when everything else is the default for it, else an object.
    public func encode(to encoder: any Encoder) throws {
        if symbol == nil, decimalSeparator == ".", Self.knownMinorUnits[code] == minorUnits {
            var container = encoder.singleValueContainer()
            try container.encode(code)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(minorUnits, forKey: .minorUnits)
        try container.encodeIfPresent(symbol, forKey: .symbol)
        if decimalSeparator != "." { try container.encode(decimalSeparator, forKey: .decimalSeparator) }
    }
}
