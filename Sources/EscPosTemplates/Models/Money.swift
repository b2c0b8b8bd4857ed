/// An amount of money as a whole number of the currency's minor units (cents, pence, yen).
///
/// Receipts must add up to the cent, so amounts are integers, never binary floating point:
/// `Money(minorUnits: 480)` is 4.80 in a two-decimal currency. In JSON an amount is a bare integer
/// (`"unitPrice": 480`); a fractional number such as `4.8` is rejected when decoding.
///
/// Arithmetic that could overflow is checked and throws instead of wrapping.
///
/// ```swift
/// let line = try Money(minorUnits: 480).times(3)   // 14.40
/// Currency.euro.format(line)                        // "14.40"
/// ```
public struct Money: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The amount in minor units; negative for refunds and credits.
    public var minorUnits: Int

    /// Creates an amount from minor units.
    public init(minorUnits: Int) {
        self.minorUnits = minorUnits
    }

    /// No money.
    public static let zero = Money(minorUnits: 0)

    /// The amount in minor units, for logs (format with ``Currency/format(_:)`` for print).
    public var description: String { "\(minorUnits) minor units" }

    /// Orders amounts by value.
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }

    /// Decodes a bare integer of minor units.
    ///
    /// - Throws: `DecodingError.dataCorrupted` at the amount's coding path for anything else
    ///   (a fraction such as `4.8`, a string, a number beyond `Int`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let value = try? container.decode(Int.self) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription:
                    "an amount must be a whole number of the currency's minor units, such as 480 for 4.80 EUR."
            )
        }
        self.minorUnits = value
    }

    /// Encodes a bare integer of minor units.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(minorUnits)
    }

    /// Returns the sum, or throws when it does not fit in an `Int`.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/amountOutOfRange``.
    public func plus(_ other: Money, at path: DocumentPath = .root) throws -> Money {
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        if overflow { throw Self.overflow(at: path) }
        return Money(minorUnits: sum)
    }

    /// Returns the difference, or throws when it does not fit in an `Int`.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/amountOutOfRange``.
    public func minus(_ other: Money, at path: DocumentPath = .root) throws -> Money {
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        if overflow { throw Self.overflow(at: path) }
        return Money(minorUnits: difference)
    }

    /// Returns the amount multiplied by a whole quantity, or throws when it does not fit in an `Int`.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/amountOutOfRange``.
    public func times(_ quantity: Int, at path: DocumentPath = .root) throws -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: quantity)
        if overflow { throw Self.overflow(at: path) }
        return Money(minorUnits: product)
    }

    /// Adds up amounts with overflow checks.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/amountOutOfRange``.
    public static func sum(_ amounts: some Sequence<Money>, at path: DocumentPath = .root) throws -> Money {
        try amounts.reduce(Money.zero) { try $0.plus($1, at: path) }
    }

    static func overflow(at path: DocumentPath) -> EscPosError {
        EscPosError(
            .amountOutOfRange,
            at: path,
            "the amount is too large to compute exactly; amounts are whole minor units and must stay within ±\(Int.max)."
        )
    }
}
