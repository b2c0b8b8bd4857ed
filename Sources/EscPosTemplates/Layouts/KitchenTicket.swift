/// A kitchen ticket laid out from a ``KitchenOrder``: a very large order number, the table or pick-up
/// name, times, then the items grouped by course with their modifiers and notes, and allergies in
/// reverse print so nobody misses them.
///
/// Items print double height so they read at arm's length; everything wraps at the profile's columns,
/// on 58 mm and 80 mm paper alike.
///
/// ```swift
/// let ticket = try KitchenTicket(KitchenOrder(orderNumber: "42", table: "12", items: [.init("Soup")]))
/// let receipt = Receipt { ticket }
/// ```
public struct KitchenTicket: ReceiptComponent, Hashable, Sendable {
    /// The validated order.
    public let order: KitchenOrder

    /// Validates `order` and lays out its ticket.
    ///
    /// - Throws: ``EscPosError`` from ``KitchenOrder/validate()``.
    public init(_ order: KitchenOrder) throws {
        try order.validate()
        self.order = order
    }

    /// The ticket's blocks.
    public var body: [Block] {
        let quantityWidth = order.items.map { "\($0.quantity)x".count }.max() ?? 2
        if let station = order.station {
            Text(station.uppercased()).bold().alignment(.center)
        }
        Text("#\(order.orderNumber)").bold().size(width: 3, height: 3).alignment(.center)
        Group {
            if let table = order.table { Text("TABLE \(table)") }
            if let pickupName = order.pickupName { Text("PICKUP \(pickupName)") }
        }
        .bold()
        .size(width: 2, height: 2)
        .alignment(.center)
        Feed(lines: 1)
        if let server = order.server { KeyValue("Server", server, leader: " ") }
        if let guests = order.guests { KeyValue("Guests", "\(guests)", leader: " ") }
        if let orderedAt = order.orderedAt { KeyValue("Ordered", orderedAt, leader: " ") }
        if let printedAt = order.printedAt { KeyValue("Printed", printedAt, leader: " ") }
        Rule("=")
        for (course, items) in order.itemsByCourse {
            if let course {
                Text("-- \(course.uppercased()) --").bold().alignment(.center)
            }
            for item in items {
                Columns(style: TextStyle(bold: true, size: TextStyle.CharacterSize(width: 1, height: 2))) {
                    Column("\(item.quantity)x", width: .fixed(quantityWidth))
                    Column(item.name)
                }
                for modifier in item.modifiers { KitchenDetail(text: "+ \(modifier)", indent: quantityWidth) }
                for note in item.notes { KitchenDetail(text: "> \(note)", indent: quantityWidth) }
                if !item.allergies.isEmpty {
                    Text(" ALLERGY: \(item.allergies.joined(separator: ", ")) ").reverse().bold()
                }
            }
            Rule()
        }
        if let allergyNote = order.allergyNote {
            Text(" ALLERGY: \(allergyNote) ").reverse().bold().size(width: 1, height: 2)
        }
        for note in order.notes { Text(note) }
        Cut(.partial)
    }
}

/// A modifier or note under a kitchen item, indented past the quantity column; it wraps there too.
struct KitchenDetail: ReceiptComponent {
    var text: String
    var indent: Int

    var body: [Block] {
        Columns {
            Column("", width: .fixed(indent))
            Column(text)
        }
    }
}
