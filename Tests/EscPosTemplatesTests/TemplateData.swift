import EscPos
import EscPosTemplates
import EscPosTestSupport
import Foundation

/// The example data in `Examples/receipts`, shared by the golden fixtures, the CLI tests and the README.
enum TemplateData {
    static let repository = GoldenFixture.directory.deletingLastPathComponent()

    static func url(_ name: String) -> URL {
        repository.appendingPathComponent("Examples/receipts").appendingPathComponent(name)
    }

    static func decode<T: Decodable>(_ type: T.Type, from name: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: url(name)))
    }

    static var salesOrder: Order { get throws { try decode(Order.self, from: "sales-order.json") } }
    static var kitchenOrder: KitchenOrder { get throws { try decode(KitchenOrder.self, from: "kitchen-order.json") } }

    /// The sample sales order with every amount given explicitly, for tests that change one thing.
    static func order(
        items: [LineItem] = [LineItem("Tea", quantity: 2, unitPrice: Money(minorUnits: 300))],
        discounts: [Discount] = [],
        taxes: [Tax] = [],
        payments: [Payment] = [],
        totals: StatedTotals? = nil,
        currency: Currency = .euro
    ) -> Order {
        Order(
            store: Store(name: "Shop"),
            number: "1",
            currency: currency,
            items: items,
            discounts: discounts,
            taxes: taxes,
            payments: payments,
            totals: totals
        )
    }
}
