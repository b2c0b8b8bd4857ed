public import EscPos

extension EscPosError.Code {
    /// Template data whose amounts do not add up: a stated subtotal, total or change differs from the
    /// one computed from the items, discounts, taxes and payments, or a tax differs from its rate.
    public static let totalsDoNotAddUp = Self(rawValue: "totalsDoNotAddUp")
    /// Payments that do not cover the total.
    public static let insufficientPayment = Self(rawValue: "insufficientPayment")
    /// An amount too large to compute exactly in whole minor units.
    public static let amountOutOfRange = Self(rawValue: "amountOutOfRange")
    /// A currency code whose number of minor units is not known; give `minorUnits` explicitly.
    public static let unknownCurrency = Self(rawValue: "unknownCurrency")
    /// Template data that is incomplete or contradictory (no items, a quantity of zero, a negative discount).
    public static let invalidOrder = Self(rawValue: "invalidOrder")
}
