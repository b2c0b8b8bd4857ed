/// What a kitchen ticket prints: the order number, where it goes, the items by course, and allergies.
///
/// Prices play no part in the kitchen, so items here have none.
///
/// ```json
/// {
///   "orderNumber": "42", "table": "12", "orderedAt": "12:03",
///   "courses": ["Starters", "Mains"],
///   "items": [{"name": "Soup of the day", "course": "Starters", "allergies": ["celery"]}]
/// }
/// ```
public struct KitchenOrder: Hashable, Sendable, Codable {
    /// The order number, printed very large.
    public var orderNumber: String
    /// The table, for dine-in orders.
    public var table: String?
    /// The customer's name, for pick-up and take-away orders.
    public var pickupName: String?
    /// Who took the order.
    public var server: String?
    /// How many guests are at the table.
    public var guests: Int?
    /// The kitchen station the ticket is for (`"Grill"`), printed at the top.
    public var station: String?
    /// When the order was taken, already formatted (`"12:03"`).
    public var orderedAt: String?
    /// When the ticket was printed or fired, already formatted.
    public var printedAt: String?
    /// The order of the course headings; courses not listed follow in the order items first use them.
    public var courses: [String]
    /// What to cook.
    public var items: [Item]
    /// An allergy note for the whole order, printed in reverse.
    public var allergyNote: String?
    /// Other notes for the whole order.
    public var notes: [String]

    /// Creates a kitchen order.
    public init(
        orderNumber: String,
        table: String? = nil,
        pickupName: String? = nil,
        server: String? = nil,
        guests: Int? = nil,
        station: String? = nil,
        orderedAt: String? = nil,
        printedAt: String? = nil,
        courses: [String] = [],
        items: [Item],
        allergyNote: String? = nil,
        notes: [String] = []
    ) {
        self.orderNumber = orderNumber
        self.table = table
        self.pickupName = pickupName
        self.server = server
        self.guests = guests
        self.station = station
        self.orderedAt = orderedAt
        self.printedAt = printedAt
        self.courses = courses
        self.items = items
        self.allergyNote = allergyNote
        self.notes = notes
    }

    /// One dish on a kitchen ticket.
    public struct Item: Hashable, Sendable, Codable {
        /// The dish.
        public var name: String
        /// How many, 1 or more.
        public var quantity: Int
        /// The course it belongs to; items without one come first, under no heading.
        public var course: String?
        /// Options (`"no onions"`, `"medium rare"`).
        public var modifiers: [String]
        /// Free-text notes.
        public var notes: [String]
        /// Allergies, printed in reverse under the item.
        public var allergies: [String]

        /// Creates a kitchen item.
        public init(
            _ name: String,
            quantity: Int = 1,
            course: String? = nil,
            modifiers: [String] = [],
            notes: [String] = [],
            allergies: [String] = []
        ) {
            self.name = name
            self.quantity = quantity
            self.course = course
            self.modifiers = modifiers
            self.notes = notes
            self.allergies = allergies
        }

        private enum CodingKeys: String, CodingKey {
            case name, quantity, course, modifiers, notes, allergies
        }

        /// Decodes an item; only `name` is required.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                try container.decode(String.self, forKey: .name),
                quantity: try container.decode(Int.self, forKey: .quantity, default: 1),
                course: try container.decodeIfPresent(String.self, forKey: .course),
                modifiers: try container.decode([String].self, forKey: .modifiers, default: []),
                notes: try container.decode([String].self, forKey: .notes, default: []),
                allergies: try container.decode([String].self, forKey: .allergies, default: [])
            )
        }

        /// Encodes an item, leaving out empty fields.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(quantity, forKey: .quantity)
            try container.encodeIfPresent(course, forKey: .course)
            try container.encodeUnlessEmpty(modifiers, forKey: .modifiers)
            try container.encodeUnlessEmpty(notes, forKey: .notes)
            try container.encodeUnlessEmpty(allergies, forKey: .allergies)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case orderNumber, table, pickupName, server, guests, station, orderedAt, printedAt, courses, items
        case allergyNote, notes
    }

    /// Decodes a kitchen order; `orderNumber` and `items` are required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            orderNumber: try container.decode(String.self, forKey: .orderNumber),
            table: try container.decodeIfPresent(String.self, forKey: .table),
            pickupName: try container.decodeIfPresent(String.self, forKey: .pickupName),
            server: try container.decodeIfPresent(String.self, forKey: .server),
            guests: try container.decodeIfPresent(Int.self, forKey: .guests),
            station: try container.decodeIfPresent(String.self, forKey: .station),
            orderedAt: try container.decodeIfPresent(String.self, forKey: .orderedAt),
            printedAt: try container.decodeIfPresent(String.self, forKey: .printedAt),
            courses: try container.decode([String].self, forKey: .courses, default: []),
            items: try container.decode([Item].self, forKey: .items),
            allergyNote: try container.decodeIfPresent(String.self, forKey: .allergyNote),
            notes: try container.decode([String].self, forKey: .notes, default: [])
        )
    }

    /// Encodes a kitchen order, leaving out empty fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(orderNumber, forKey: .orderNumber)
        try container.encodeIfPresent(table, forKey: .table)
        try container.encodeIfPresent(pickupName, forKey: .pickupName)
        try container.encodeIfPresent(server, forKey: .server)
        try container.encodeIfPresent(guests, forKey: .guests)
        try container.encodeIfPresent(station, forKey: .station)
        try container.encodeIfPresent(orderedAt, forKey: .orderedAt)
        try container.encodeIfPresent(printedAt, forKey: .printedAt)
        try container.encodeUnlessEmpty(courses, forKey: .courses)
        try container.encode(items, forKey: .items)
        try container.encodeIfPresent(allergyNote, forKey: .allergyNote)
        try container.encodeUnlessEmpty(notes, forKey: .notes)
    }

    /// The items grouped by course: unnamed course first, then ``courses`` in order, then the rest in
    /// the order items first use them. Items keep their order within a course.
    public var itemsByCourse: [(course: String?, items: [Item])] {
        var order: [String?] = []
        if items.contains(where: { $0.course == nil }) { order.append(nil) }
        for course in courses where items.contains(where: { $0.course == course }) { order.append(course) }
        for item in items where !order.contains(item.course) { order.append(item.course) }
        return order.map { course in (course, items.filter { $0.course == course }) }
    }

    /// Checks the order: at least one item, quantities of 1 or more, a positive guest count.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidOrder`` and the offending field's path.
    public func validate() throws {
        guard !items.isEmpty else {
            throw EscPosError(
                .invalidOrder,
                at: DocumentPath.root.appending("items"),
                "a kitchen ticket needs at least one item."
            )
        }
        for (index, item) in items.enumerated() where item.quantity < 1 {
            throw EscPosError(
                .invalidOrder,
                at: DocumentPath.root.appending("items").appending(index: index).appending("quantity"),
                "the quantity is \(item.quantity); use 1 or more."
            )
        }
        if let guests, guests < 1 {
            throw EscPosError(
                .invalidOrder,
                at: DocumentPath.root.appending("guests"),
                "the guest count is \(guests); use 1 or more, or leave it out."
            )
        }
    }
}
