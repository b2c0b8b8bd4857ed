/// Everything a sales receipt prints: the store, the items, discounts, taxes, payments and a footer.
///
/// Amounts are whole minor units of ``currency`` (see ``Money``). The receipt computes every total
/// itself; the totals the sender states in ``totals`` are checked against them, so a receipt whose
/// numbers do not add up is an error (``validate()``) rather than a wrong piece of paper.
///
/// ```json
/// {
///   "store": {"name": "Corner Café"},
///   "number": "A-1042",
///   "currency": "EUR",
///   "items": [{"name": "Cappuccino", "quantity": 2, "unitPrice": 420}],
///   "taxes": [{"name": "VAT 20%", "rate": "20", "taxable": 840, "amount": 140, "included": true}],
///   "payments": [{"method": "Cash", "amount": 1000}],
///   "totals": {"total": 840, "change": 160}
/// }
/// ```
public struct Order: Hashable, Sendable, Codable {
    /// The business.
    public var store: Store
    /// The receipt or order number, as printed.
    public var number: String
    /// The currency of every amount.
    public var currency: Currency
    /// When the sale happened, already formatted for print (`"2026-11-30 12:03"`).
    public var createdAt: String?
    /// Who served, as printed.
    public var cashier: String?
    /// The table, for restaurants.
    public var table: String?
    /// What was sold; at least one item.
    public var items: [LineItem]
    /// Discounts on the whole order, taken off the subtotal.
    public var discounts: [Discount]
    /// Tax lines.
    public var taxes: [Tax]
    /// Payments; leave empty for an unpaid bill.
    public var payments: [Payment]
    /// Totals as the sender computed them; each one given must match.
    public var totals: StatedTotals?
    /// What ends the receipt.
    public var footer: Footer?

    /// Creates an order.
    public init(
        store: Store,
        number: String,
        currency: Currency,
        createdAt: String? = nil,
        cashier: String? = nil,
        table: String? = nil,
        items: [LineItem],
        discounts: [Discount] = [],
        taxes: [Tax] = [],
        payments: [Payment] = [],
        totals: StatedTotals? = nil,
        footer: Footer? = nil
    ) {
        self.store = store
        self.number = number
        self.currency = currency
        self.createdAt = createdAt
        self.cashier = cashier
        self.table = table
        self.items = items
        self.discounts = discounts
        self.taxes = taxes
        self.payments = payments
        self.totals = totals
        self.footer = footer
    }

    private enum CodingKeys: String, CodingKey {
        case store, number, currency, createdAt, cashier, table, items, discounts, taxes, payments, totals, footer
    }

    /// Decodes an order; `store`, `number`, `currency` and `items` are required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            store: try container.decode(Store.self, forKey: .store),
            number: try container.decode(String.self, forKey: .number),
            currency: try container.decode(Currency.self, forKey: .currency),
            createdAt: try container.decodeIfPresent(String.self, forKey: .createdAt),
            cashier: try container.decodeIfPresent(String.self, forKey: .cashier),
            table: try container.decodeIfPresent(String.self, forKey: .table),
            items: try container.decode([LineItem].self, forKey: .items),
            discounts: try container.decode([Discount].self, forKey: .discounts, default: []),
            taxes: try container.decode([Tax].self, forKey: .taxes, default: []),
            payments: try container.decode([Payment].self, forKey: .payments, default: []),
            totals: try container.decodeIfPresent(StatedTotals.self, forKey: .totals),
            footer: try container.decodeIfPresent(Footer.self, forKey: .footer)
        )
    }

    /// Encodes an order, leaving out empty fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(store, forKey: .store)
        try container.encode(number, forKey: .number)
        try container.encode(currency, forKey: .currency)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(cashier, forKey: .cashier)
        try container.encodeIfPresent(table, forKey: .table)
        try container.encode(items, forKey: .items)
        try container.encodeUnlessEmpty(discounts, forKey: .discounts)
        try container.encodeUnlessEmpty(taxes, forKey: .taxes)
        try container.encodeUnlessEmpty(payments, forKey: .payments)
        try container.encodeIfPresent(totals, forKey: .totals)
        try container.encodeIfPresent(footer, forKey: .footer)
    }
}

/// Totals as the sender computed them. Every field is optional; each one given is checked against the
/// receipt's own arithmetic.
public struct StatedTotals: Hashable, Sendable, Codable {
    /// The sum of the lines after line discounts.
    public var subtotal: Money?
    /// The order discounts.
    public var discount: Money?
    /// The taxes added on top (included taxes are not part of this).
    public var tax: Money?
    /// What the customer owes.
    public var total: Money?
    /// The sum of the payments.
    public var paid: Money?
    /// Cash returned.
    public var change: Money?

    /// Creates stated totals.
    public init(
        subtotal: Money? = nil,
        discount: Money? = nil,
        tax: Money? = nil,
        total: Money? = nil,
        paid: Money? = nil,
        change: Money? = nil
    ) {
        self.subtotal = subtotal
        self.discount = discount
        self.tax = tax
        self.total = total
        self.paid = paid
        self.change = change
    }
}

/// The end of a sales receipt: thank-you lines and a code to scan (a link to the e-receipt, a
/// return reference).
public struct Footer: Hashable, Sendable, Codable {
    /// Lines printed centred.
    public var lines: [String]
    /// Data printed as a QR code (typically a URL).
    public var qrCode: String?
    /// Data printed as a Code 128 barcode (typically the receipt number, for returns).
    public var barcode: String?

    /// Creates a footer.
    public init(lines: [String] = [], qrCode: String? = nil, barcode: String? = nil) {
        self.lines = lines
        self.qrCode = qrCode
        self.barcode = barcode
    }

    private enum CodingKeys: String, CodingKey {
        case lines, qrCode, barcode
    }

    /// Decodes a footer; every field is optional.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            lines: try container.decode([String].self, forKey: .lines, default: []),
            qrCode: try container.decodeIfPresent(String.self, forKey: .qrCode),
            barcode: try container.decodeIfPresent(String.self, forKey: .barcode)
        )
    }
}
