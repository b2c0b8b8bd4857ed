@_exported public import EscPos

/// The project's demonstration receipt: a café bill that exercises every text feature the compiler has.
///
/// A centred double-size store name, address lines, 20 items in two columns (long names wrap, prices
/// right-aligned), a rule, totals with leaders, a line of accented text and symbols that needs a code-page
/// switch, a reverse-printed "PAID", and a partial cut after feeding to the cutter. The README's main job
/// prints it, and `Examples/receipts/sample.json` is its JSON twin.
public struct SampleReceipt: ReceiptComponent {
    /// One priced line of the bill.
    public struct Item: Hashable, Sendable {
        /// What was sold.
        public var name: String
        /// The price as printed.
        public var price: String
    }

    /// The items on the bill.
    public var items: [Item]

    /// Creates the sample with its 20 standard items.
    public init() {
        let names = [
            "Espresso", "Double espresso", "Cappuccino with oat milk and an extra shot of espresso", "Flat white",
            "Caffè latte", "Hot chocolate with whipped cream", "Chai latte", "English breakfast tea",
            "Fresh orange juice", "Sparkling water", "Butter croissant", "Almond croissant",
            "Pain au chocolat", "Cinnamon roll", "Blueberry muffin", "Avocado toast on sourdough with chili flakes",
            "Ham and cheese toastie", "Granola bowl", "Banana bread", "Carrot cake",
        ]
        let cents = [
            250, 320, 480, 390, 410, 450, 420, 300, 380, 250, 280, 340, 310, 350, 300, 890, 650, 720, 330, 420,
        ]
        items = zip(names, cents).map { Item(name: $0, price: Self.format(cents: $1)) }
    }

    static func format(cents: Int) -> String {
        let fraction = cents % 100
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The receipt's blocks.
    public var body: [Block] {
        Text("CORNER CAFÉ").bold().size(width: 2, height: 2).alignment(.center)
        Group {
            Text("12 Harbour Street")
            Text("Portsmouth PO1 2AB")
            Text("Tel. 023 9200 0000")
        }
        .alignment(.center)
        Feed(lines: 1)
        for item in items {
            Columns {
                Column(item.name)
                Column(item.price, width: .fixed(7), alignment: .right)
            }
        }
        Rule()
        KeyValue("Subtotal", "82.40")
        KeyValue("VAT 20% (included)", "13.73")
        KeyValue("TOTAL", "82.40").bold()
        Feed(lines: 1)
        Text("Café crème €3.50 – Ünïcödé Straße")
        Feed(lines: 1)
        Text(" PAID ").reverse().size(width: 2, height: 2).alignment(.center)
        Cut(.partial, feed: true)
    }
}
