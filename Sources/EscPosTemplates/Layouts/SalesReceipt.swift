/// A sales receipt laid out from an ``Order``: store logo and header, items with quantities, unit prices,
/// modifiers, notes and discounts, then subtotal, discounts, taxes, total, payments, change and a footer.
///
/// The order is validated when the receipt is created, so a receipt that exists adds up. Amounts sit in
/// a right-aligned column as wide as the widest amount on the receipt, and item names take what is left,
/// so the same receipt fits 58 mm (32 columns) and 80 mm (48 columns) paper; long names wrap.
///
/// ```swift
/// let receipt = try SalesReceipt(order)
/// let bytes = try ReceiptCompiler(profile: .epsonTMT20III).compile(Receipt { receipt }).bytes
/// ```
///
/// The footer's ``Footer/qrCode`` prints as a QR code and ``Footer/barcode`` as a Code 128 barcode with
/// its text underneath. On printers without native QR codes, compile with a symbol renderer
/// (`CompileOptions(symbolRenderer: ZintSymbolRenderer())` from EscPosSymbolRendering).
public struct SalesReceipt: ReceiptComponent, Hashable, Sendable {
    /// The validated order.
    public let order: Order
    /// Its computed totals.
    public let summary: OrderSummary
    /// The words printed beside the numbers.
    public let labels: Labels

    /// Validates `order` and lays out its receipt.
    ///
    /// - Parameters:
    ///   - order: The sale.
    ///   - labels: The words beside the numbers; English by default.
    /// - Throws: ``EscPosError`` from ``Order/validate()`` when the order's numbers do not add up.
    public init(_ order: Order, labels: Labels = Labels()) throws {
        self.order = order
        self.summary = try order.validate()
        self.labels = labels
    }

    /// The words a sales receipt prints beside the numbers, for translation.
    public struct Labels: Hashable, Sendable, Codable {
        /// Before the receipt number.
        public var receipt = "Receipt"
        /// Before the date.
        public var date = "Date"
        /// Before the cashier's name.
        public var cashier = "Served by"
        /// Before the table.
        public var table = "Table"
        /// Before the telephone number.
        public var phone = "Tel."
        /// Before the tax registration number.
        public var taxID = "Tax ID"
        /// The subtotal line.
        public var subtotal = "Subtotal"
        /// The total line.
        public var total = "TOTAL"
        /// The change line.
        public var change = "Change"
        /// Before an included tax's name.
        public var included = "incl."
        /// Before a unit price under an item bought several times.
        public var each = "each"

        /// English labels.
        public init() {}
    }

    private var amountWidth: Int {
        var amounts = summary.lineAmounts + [summary.subtotal, summary.total, summary.paid, summary.change]
        for item in order.items {
            amounts.append(item.unitPrice)
            amounts.append(Money(minorUnits: item.unitPrice.minorUnits &* item.quantity))
            amounts += item.modifiers.map { Money(minorUnits: $0.unitPrice.minorUnits &* item.quantity) }
            amounts += item.discounts.map { Money(minorUnits: -$0.amount.minorUnits) }
        }
        return max(6, amounts.map { order.currency.format($0).count }.max() ?? 0)
    }

    private var quantityWidth: Int {
        (order.items.map { "\($0.quantity)x".count }.max() ?? 2)
    }

    /// The receipt's blocks.
    public var body: [Block] {
        let currency = order.currency
        let amountWidth = amountWidth
        let quantityWidth = quantityWidth
        StoreHeader(store: order.store, labels: labels)
        Feed(lines: 1)
        KeyValue(labels.receipt, order.number, leader: " ")
        if let createdAt = order.createdAt { KeyValue(labels.date, createdAt, leader: " ") }
        if let cashier = order.cashier { KeyValue(labels.cashier, cashier, leader: " ") }
        if let table = order.table { KeyValue(labels.table, table, leader: " ") }
        Rule()
        for item in order.items {
            ItemRow(
                quantity: "\(item.quantity)x",
                text: item.name,
                amount: currency.format(Money(minorUnits: item.unitPrice.minorUnits &* item.quantity)),
                quantityWidth: quantityWidth,
                amountWidth: amountWidth
            )
            if item.quantity > 1 {
                ItemRow(
                    text: "  \(currency.format(item.unitPrice)) \(labels.each)",
                    quantityWidth: quantityWidth,
                    amountWidth: amountWidth
                )
            }
            for modifier in item.modifiers {
                ItemRow(
                    text: "+ \(modifier.name)",
                    amount: modifier.unitPrice == .zero
                        ? "" : currency.format(Money(minorUnits: modifier.unitPrice.minorUnits &* item.quantity)),
                    quantityWidth: quantityWidth,
                    amountWidth: amountWidth
                )
            }
            for note in item.notes {
                ItemRow(text: "* \(note)", quantityWidth: quantityWidth, amountWidth: amountWidth)
            }
            for discount in item.discounts {
                ItemRow(
                    text: "- \(discount.name)",
                    amount: currency.format(Money(minorUnits: -discount.amount.minorUnits)),
                    quantityWidth: quantityWidth,
                    amountWidth: amountWidth
                )
            }
        }
        Rule()
        KeyValue(labels.subtotal, currency.format(summary.subtotal))
        for discount in order.discounts {
            KeyValue(discount.name, currency.format(Money(minorUnits: -discount.amount.minorUnits)))
        }
        for tax in order.taxes where !tax.included {
            KeyValue(tax.name, currency.format(tax.amount))
        }
        KeyValue(labels.total, currency.formatWithSymbol(summary.total), leader: " ").bold().size(width: 1, height: 2)
        if !order.payments.isEmpty {
            Feed(lines: 1)
            for payment in order.payments {
                KeyValue(payment.method, currency.format(payment.amount))
                if let reference = payment.reference { Text("  \(reference)") }
            }
            if summary.change > .zero {
                KeyValue(labels.change, currency.format(summary.change)).bold()
            }
        }
        if order.taxes.contains(where: \.included) {
            Feed(lines: 1)
            for tax in order.taxes where tax.included {
                KeyValue("\(labels.included) \(tax.name)", currency.format(tax.amount))
            }
        }
        if let footer = order.footer {
            ReceiptFooter(footer: footer)
        }
        Cut(.partial)
    }
}

/// The store's name, large and centred, then its address and numbers.
struct StoreHeader: ReceiptComponent {
    var store: Store
    var labels: SalesReceipt.Labels

    var body: [Block] {
        if let logo = store.logo {
            logo.alignment == nil ? logo.alignment(.center) : logo
        }
        Text(store.name).bold().size(width: 2, height: 2).alignment(.center)
        Group {
            for line in store.addressLines { Text(line) }
            if let phone = store.phone { Text("\(labels.phone) \(phone)") }
            if let taxID = store.taxID { Text("\(labels.taxID) \(taxID)") }
            if let website = store.website { Text(website) }
        }
        .alignment(.center)
    }
}

/// A row of the item table: a quantity column, a wrapping text column and a right-aligned amount.
struct ItemRow: ReceiptComponent {
    var quantity = ""
    var text: String
    var amount = ""
    var quantityWidth: Int
    var amountWidth: Int

    var body: [Block] {
        Columns {
            Column(quantity, width: .fixed(quantityWidth))
            Column(text)
            Column(amount, width: .fixed(amountWidth), alignment: .right)
        }
    }
}

/// Thank-you lines and the codes to scan.
struct ReceiptFooter: ReceiptComponent {
    var footer: Footer

    var body: [Block] {
        if !footer.lines.isEmpty || footer.qrCode != nil || footer.barcode != nil {
            Feed(lines: 1)
        }
        Group {
            for line in footer.lines { Text(line) }
        }
        .alignment(.center)
        if let qrCode = footer.qrCode {
            QRCode(qrCode).moduleSize(.dots(4)).alignment(.center)
        }
        if let barcode = footer.barcode {
            Barcode(barcode, symbology: .code128).height(60).moduleWidth(2, allowingNarrower: true).alignment(.center)
        }
    }
}
