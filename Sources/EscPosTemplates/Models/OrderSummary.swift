/// The totals of an ``Order``, computed exactly in minor units and checked: what a sales receipt prints.
///
/// Create one with ``Order/validate()``.
public struct OrderSummary: Hashable, Sendable {
    /// Each line's amount after its own discounts, in item order.
    public var lineAmounts: [Money]
    /// The sum of ``lineAmounts``.
    public var subtotal: Money
    /// The sum of the order discounts.
    public var discount: Money
    /// Taxes added on top of the prices.
    public var addedTax: Money
    /// Taxes already included in the prices (printed for information).
    public var includedTax: Money
    /// `subtotal − discount + addedTax`: what the customer owes.
    public var total: Money
    /// The sum of the payments.
    public var paid: Money
    /// `paid − total` when payments were made, else zero.
    public var change: Money
}

extension Order {
    /// Computes and checks the order's totals.
    ///
    /// Checks, in order: the currency's minor units are known; there is at least one item; quantities
    /// are 1 or more; discounts are not negative and do not exceed what they discount; taxes with a
    /// ``Tax/rate`` and ``Tax/taxable`` amount match; payments are positive and cover the total; and
    /// every total in ``totals`` equals the computed one.
    ///
    /// ```swift
    /// let summary = try order.validate()
    /// print(order.currency.format(summary.total))
    /// ```
    ///
    /// - Returns: The computed totals.
    /// - Throws: ``EscPosError`` whose ``EscPosError/path`` names the offending field (`items[2].quantity`)
    ///   and whose code is ``EscPosError/Code/totalsDoNotAddUp``, ``EscPosError/Code/insufficientPayment``,
    ///   ``EscPosError/Code/invalidOrder``, ``EscPosError/Code/unknownCurrency`` or
    ///   ``EscPosError/Code/amountOutOfRange``.
    public func validate() throws -> OrderSummary {
        let root = DocumentPath.root
        guard (0...4).contains(currency.minorUnits) else {
            throw EscPosError(
                .unknownCurrency,
                at: root.appending("currency"),
                "the number of decimal places of \"\(currency.code)\" is not known; write the currency as an object with \"minorUnits\" (0–4), for example {\"code\": \"\(currency.code)\", \"minorUnits\": 2}."
            )
        }
        guard !items.isEmpty else {
            throw EscPosError(.invalidOrder, at: root.appending("items"), "an order needs at least one item.")
        }
        let money = { (amount: Money) in self.currency.format(amount) }

        var lineAmounts: [Money] = []
        for (index, item) in items.enumerated() {
            let path = root.appending("items").appending(index: index)
            guard item.quantity >= 1 else {
                throw EscPosError(
                    .invalidOrder,
                    at: path.appending("quantity"),
                    "the quantity is \(item.quantity); use 1 or more (put refunds on a refund receipt)."
                )
            }
            // The receipt prints the item's and each modifier's price times the quantity: check those too.
            _ = try item.unitPrice.times(item.quantity, at: path.appending("unitPrice"))
            var unit = item.unitPrice
            for (modifierIndex, modifier) in item.modifiers.enumerated() {
                let modifierPath = path.appending("modifiers").appending(index: modifierIndex)
                _ = try modifier.unitPrice.times(item.quantity, at: modifierPath)
                unit = try unit.plus(modifier.unitPrice, at: modifierPath)
            }
            let gross = try unit.times(item.quantity, at: path)
            let lineDiscount = try Self.checkedDiscounts(
                item.discounts,
                of: gross,
                at: path.appending("discounts"),
                money
            )
            lineAmounts.append(try gross.minus(lineDiscount, at: path))
        }
        let subtotal = try Money.sum(lineAmounts, at: root.appending("items"))
        let discount = try Self.checkedDiscounts(discounts, of: subtotal, at: root.appending("discounts"), money)

        var addedTax = Money.zero
        var includedTax = Money.zero
        for (index, tax) in taxes.enumerated() {
            let path = root.appending("taxes").appending(index: index)
            if let expected = try tax.expectedAmount(at: path), expected != tax.amount {
                throw EscPosError(
                    .totalsDoNotAddUp,
                    at: path.appending("amount"),
                    "\(tax.name) is \(money(tax.amount)), but \(tax.rate?.description ?? "")% \(tax.included ? "included in" : "of") \(money(tax.taxable ?? .zero)) is \(money(expected)) (rounded half away from zero); correct the amount, the rate or the taxable amount."
                )
            }
            if tax.included {
                includedTax = try includedTax.plus(tax.amount, at: path)
            } else {
                addedTax = try addedTax.plus(tax.amount, at: path)
            }
        }
        let total = try subtotal.minus(discount, at: root).plus(addedTax, at: root)

        var paid = Money.zero
        for (index, payment) in payments.enumerated() {
            let path = root.appending("payments").appending(index: index)
            guard payment.amount > .zero else {
                throw EscPosError(
                    .invalidOrder,
                    at: path.appending("amount"),
                    "a payment of \(money(payment.amount)) is not allowed; payments must be more than zero."
                )
            }
            paid = try paid.plus(payment.amount, at: path)
        }
        if !payments.isEmpty, paid < total {
            throw EscPosError(
                .insufficientPayment,
                at: root.appending("payments"),
                "the payments add up to \(money(paid)) but the total is \(money(total)); \(money(try total.minus(paid))) is still owed. Add a payment, or leave payments out for an unpaid bill."
            )
        }
        let change = payments.isEmpty ? Money.zero : try paid.minus(total, at: root)
        let summary = OrderSummary(
            lineAmounts: lineAmounts,
            subtotal: subtotal,
            discount: discount,
            addedTax: addedTax,
            includedTax: includedTax,
            total: total,
            paid: paid,
            change: change
        )
        try checkStatedTotals(against: summary, money)
        return summary
    }

    private func checkStatedTotals(against summary: OrderSummary, _ money: (Money) -> String) throws {
        guard let totals else { return }
        let checks: [(String, Money?, Money, String)] = [
            ("subtotal", totals.subtotal, summary.subtotal, "the items after their own discounts"),
            ("discount", totals.discount, summary.discount, "the order discounts"),
            ("tax", totals.tax, summary.addedTax, "the taxes not included in the prices"),
            ("total", totals.total, summary.total, "the subtotal minus discounts plus added taxes"),
            ("paid", totals.paid, summary.paid, "the payments"),
            ("change", totals.change, summary.change, "the payments minus the total"),
        ]
        for (name, stated, computed, meaning) in checks {
            if let stated, stated != computed {
                throw EscPosError(
                    .totalsDoNotAddUp,
                    at: DocumentPath.root.appending("totals").appending(name),
                    "the \(name) is stated as \(money(stated)), but \(meaning) add up to \(money(computed)); correct the data so the receipt adds up."
                )
            }
        }
    }

    private static func checkedDiscounts(
        _ discounts: [Discount],
        of base: Money,
        at path: DocumentPath,
        _ money: (Money) -> String
    ) throws -> Money {
        var sum = Money.zero
        for (index, discount) in discounts.enumerated() {
            guard discount.amount >= .zero else {
                throw EscPosError(
                    .invalidOrder,
                    at: path.appending(index: index).appending("amount"),
                    "the discount \"\(discount.name)\" is \(money(discount.amount)); write discounts as positive amounts to take off."
                )
            }
            sum = try sum.plus(discount.amount, at: path.appending(index: index))
        }
        if sum > .zero, sum > base {
            throw EscPosError(
                .invalidOrder,
                at: path,
                "the discounts add up to \(money(sum)), more than the \(money(base)) they apply to."
            )
        }
        return sum
    }
}
