/// A payment towards an order: cash, card, voucher.
///
/// Cash may exceed the total; the difference is printed as change.
public struct Payment: Hashable, Sendable, Codable {
    /// How it was paid, as printed (`"Cash"`, `"Visa"`).
    public var method: String
    /// The amount tendered, in minor units; more than zero.
    public var amount: Money
    /// A reference printed under the payment, such as a masked card number or an authorisation code.
    public var reference: String?

    /// Creates a payment.
    public init(_ method: String, amount: Money, reference: String? = nil) {
        self.method = method
        self.amount = amount
        self.reference = reference
    }
}
