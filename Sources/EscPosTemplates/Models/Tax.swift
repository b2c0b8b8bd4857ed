/// A tax line: VAT included in the prices, or sales tax added on top.
///
/// The sender computes the amount (tax rules differ too much to guess), and the receipt checks it when
/// it can: with a ``rate`` and a ``taxable`` amount, ``amount`` must equal the rate applied to the
/// taxable amount, rounded half away from zero to a minor unit.
///
/// ```json
/// {"name": "VAT 20%", "rate": "20", "taxable": 1240, "amount": 207, "included": true}
/// ```
public struct Tax: Hashable, Sendable, Codable {
    /// The line's label, as printed (`"VAT 20%"`, `"Sales tax 8.875%"`).
    public var name: String
    /// The rate in percent, as an exact decimal (`"8.875"`), when it should be checked.
    public var rate: Percentage?
    /// The amount the rate applies to (gross for included taxes, net for added ones), in minor units.
    public var taxable: Money?
    /// The tax, in minor units.
    public var amount: Money
    /// Whether the tax is already in the prices (VAT) rather than added to the total (US sales tax).
    public var included: Bool

    /// Creates a tax line.
    public init(_ name: String, rate: Percentage? = nil, taxable: Money? = nil, amount: Money, included: Bool = false) {
        self.name = name
        self.rate = rate
        self.taxable = taxable
        self.amount = amount
        self.included = included
    }

    private enum CodingKeys: String, CodingKey {
        case name, rate, taxable, amount, included
    }

    /// Decodes a tax line; `included` defaults to `false`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try container.decode(String.self, forKey: .name),
            rate: try container.decodeIfPresent(Percentage.self, forKey: .rate),
            taxable: try container.decodeIfPresent(Money.self, forKey: .taxable),
            amount: try container.decode(Money.self, forKey: .amount),
            included: try container.decode(Bool.self, forKey: .included, default: false)
        )
    }

    /// The tax that ``rate`` gives on ``taxable``, rounded half away from zero; `nil` without both.
    ///
    /// For an included tax that is `taxable × rate / (100 + rate)`, otherwise `taxable × rate / 100`.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/amountOutOfRange`` on overflow.
    public func expectedAmount(at path: DocumentPath = .root) throws -> Money? {
        guard let rate, let taxable else { return nil }
        let (hundred, overflowScale) = 100.multipliedReportingOverflow(by: rate.scale)
        let (denominator, overflowSum) =
            included ? hundred.addingReportingOverflow(rate.scaledValue) : (hundred, false)
        let (numerator, overflowProduct) = taxable.minorUnits.multipliedReportingOverflow(by: rate.scaledValue)
        if overflowScale || overflowSum || overflowProduct || denominator == 0 { throw Money.overflow(at: path) }
        return Money(minorUnits: Self.divideRoundingHalfAwayFromZero(numerator, denominator))
    }

    static func divideRoundingHalfAwayFromZero(_ numerator: Int, _ denominator: Int) -> Int {
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        guard remainder.magnitude * 2 >= denominator.magnitude else { return quotient }
        return (numerator < 0) != (denominator < 0) ? quotient - 1 : quotient + 1
    }
}

/// An exact decimal percentage such as 20 or 8.875, kept as an integer and a power-of-ten scale.
///
/// In JSON it is a string (`"8.875"`) or an integer (`20`), never a binary floating-point number.
public struct Percentage: Hashable, Sendable, Codable, CustomStringConvertible, LosslessStringConvertible {
    /// The digits without the decimal point: 8875 for 8.875.
    public let scaledValue: Int
    /// The power of ten the digits are divided by: 1000 for 8.875.
    public let scale: Int

    /// Parses `"20"`, `"8.875"` or `"0.5"`; `nil` for anything else (signs, exponents, more than 6 decimals).
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
            whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber), whole.count <= 6
        else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= 6, fraction.allSatisfy(\.isASCII), fraction.allSatisfy(\.isNumber),
            parts.count == 1 || !fraction.isEmpty, let value = Int(whole + fraction)
        else { return nil }
        var scale = 1
        for _ in 0..<fraction.count { scale *= 10 }
        self.scaledValue = value
        self.scale = scale
    }

    /// The percentage as written, without trailing zeros: `"8.875"`.
    public var description: String {
        let whole = scaledValue / scale
        var fraction = String(scaledValue % scale)
        let places = String(scale).count - 1
        guard places > 0 else { return "\(whole)" }
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
    }

    /// Decodes a decimal string or an integer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int.self), integer >= 0 {
            self.scaledValue = integer
            self.scale = 1
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = Percentage(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription:
                    "\"\(text)\" is not a percentage; write it as a decimal string such as \"20\" or \"8.875\"."
            )
        }
        self = parsed
    }

    /// Encodes the decimal string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
