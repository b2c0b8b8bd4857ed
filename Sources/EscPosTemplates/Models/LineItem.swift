/// One line of an order: something sold, how many, at what price, with its modifiers and notes.
///
/// The line's amount is `quantity × (unitPrice + every modifier's unitPrice)` minus the line's
/// discounts, all in whole minor units.
///
/// ```swift
/// LineItem("Cappuccino", quantity: 2, unitPrice: Money(minorUnits: 420),
///          modifiers: [Modifier("Oat milk", unitPrice: Money(minorUnits: 40))], notes: ["extra hot"])
/// ```
public struct LineItem: Hashable, Sendable, Codable {
    /// What was sold; long names wrap.
    public var name: String
    /// How many, 1 or more.
    public var quantity: Int
    /// The price of one, in minor units.
    public var unitPrice: Money
    /// Options chosen for this item (extra shot, no onions), each with a price per unit of the item.
    public var modifiers: [Modifier]
    /// Free-text notes printed under the item.
    public var notes: [String]
    /// Discounts on this line only.
    public var discounts: [Discount]
    /// The course a kitchen ticket groups the item under (`"Starters"`, `"Mains"`).
    public var course: String?
    /// Allergies a kitchen must know about for this item; printed in reverse on kitchen tickets.
    public var allergies: [String]

    /// Creates a line item.
    public init(
        _ name: String,
        quantity: Int = 1,
        unitPrice: Money,
        modifiers: [Modifier] = [],
        notes: [String] = [],
        discounts: [Discount] = [],
        course: String? = nil,
        allergies: [String] = []
    ) {
        self.name = name
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.modifiers = modifiers
        self.notes = notes
        self.discounts = discounts
        self.course = course
        self.allergies = allergies
    }

    private enum CodingKeys: String, CodingKey {
        case name, quantity, unitPrice, modifiers, notes, discounts, course, allergies
    }

    /// Decodes a line item; `name` and `unitPrice` are required, `quantity` defaults to 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try container.decode(String.self, forKey: .name),
            quantity: try container.decode(Int.self, forKey: .quantity, default: 1),
            unitPrice: try container.decode(Money.self, forKey: .unitPrice),
            modifiers: try container.decode([Modifier].self, forKey: .modifiers, default: []),
            notes: try container.decode([String].self, forKey: .notes, default: []),
            discounts: try container.decode([Discount].self, forKey: .discounts, default: []),
            course: try container.decodeIfPresent(String.self, forKey: .course),
            allergies: try container.decode([String].self, forKey: .allergies, default: [])
        )
    }

    /// Encodes a line item, leaving out empty fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(unitPrice, forKey: .unitPrice)
        try container.encodeUnlessEmpty(modifiers, forKey: .modifiers)
        try container.encodeUnlessEmpty(notes, forKey: .notes)
        try container.encodeUnlessEmpty(discounts, forKey: .discounts)
        try container.encodeIfPresent(course, forKey: .course)
        try container.encodeUnlessEmpty(allergies, forKey: .allergies)
    }
}

/// An option chosen for a line item, such as "Extra shot" or "No onions".
public struct Modifier: Hashable, Sendable, Codable {
    /// What was chosen.
    public var name: String
    /// The extra price per unit of the item (zero for free options; negative for "no cheese −0.50").
    public var unitPrice: Money

    /// Creates a modifier.
    public init(_ name: String, unitPrice: Money = .zero) {
        self.name = name
        self.unitPrice = unitPrice
    }

    private enum CodingKeys: String, CodingKey {
        case name, unitPrice
    }

    /// Decodes a modifier; `unitPrice` defaults to zero.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try container.decode(String.self, forKey: .name),
            unitPrice: try container.decode(Money.self, forKey: .unitPrice, default: .zero)
        )
    }

    /// Encodes a modifier, leaving out a zero price.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        if unitPrice != .zero { try container.encode(unitPrice, forKey: .unitPrice) }
    }
}

/// An amount taken off a line or the whole order, such as "Happy hour" or "10% loyalty".
///
/// The sender computes percentage discounts; the receipt prints the name and checks the amount.
public struct Discount: Hashable, Sendable, Codable {
    /// What the discount is, as printed.
    public var name: String
    /// How much is taken off, in minor units; zero or more.
    public var amount: Money

    /// Creates a discount.
    public init(_ name: String, amount: Money) {
        self.name = name
        self.amount = amount
    }
}
