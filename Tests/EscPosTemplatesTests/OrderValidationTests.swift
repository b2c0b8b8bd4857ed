import EscPos
import EscPosTemplates
import Foundation
import Testing

@Suite struct OrderValidationTests {
    typealias Data = TemplateData

    @Test func exampleOrderAddsUp() throws {
        let summary = try TemplateData.salesOrder.validate()
        #expect(summary.lineAmounts.map(\.minorUnits) == [920, 790, 840, 250])
        #expect(summary.subtotal.minorUnits == 2800)
        #expect(summary.discount.minorUnits == 280)
        #expect(summary.includedTax.minorUnits == 420)
        #expect(summary.addedTax == .zero)
        #expect(summary.total.minorUnits == 2520)
        #expect(summary.paid.minorUnits == 3000)
        #expect(summary.change.minorUnits == 480)
    }

    @Test func addedTaxIsPartOfTheTotal() throws {
        let order = Data.order(
            items: [LineItem("Book", unitPrice: Money(minorUnits: 1000))],
            taxes: [
                Tax(
                    "Sales tax 8.875%",
                    rate: Percentage("8.875"),
                    taxable: Money(minorUnits: 1000),
                    amount: Money(minorUnits: 89)
                )
            ],
            payments: [Payment("Card", amount: Money(minorUnits: 1089))],
            totals: StatedTotals(tax: Money(minorUnits: 89), total: Money(minorUnits: 1089), change: .zero)
        )
        let summary = try order.validate()
        #expect(summary.total.minorUnits == 1089)
        #expect(summary.change == .zero)
    }

    @Test(arguments: [
        ("subtotal", StatedTotals(subtotal: Money(minorUnits: 599))),
        ("total", StatedTotals(total: Money(minorUnits: 601))),
        ("discount", StatedTotals(discount: Money(minorUnits: 1))),
        ("tax", StatedTotals(tax: Money(minorUnits: 1))),
        ("paid", StatedTotals(paid: Money(minorUnits: 600))),
        ("change", StatedTotals(change: Money(minorUnits: 0))),
    ])
    func statedTotalsThatDisagreeAreErrors(_ field: String, _ totals: StatedTotals) throws {
        let order = Data.order(payments: [Payment("Cash", amount: Money(minorUnits: 1000))], totals: totals)
        let error = try #require(throws: EscPosError.self) { try order.validate() }
        #expect(error.code == .totalsDoNotAddUp)
        #expect(error.path.description == "totals.\(field)")
        #expect(error.message.contains("stated as"))
    }

    @Test func taxThatDoesNotMatchItsRateIsAnError() throws {
        let order = Data.order(taxes: [
            Tax(
                "VAT 20%",
                rate: Percentage("20"),
                taxable: Money(minorUnits: 600),
                amount: Money(minorUnits: 99),
                included: true
            )
        ])
        let error = try #require(throws: EscPosError.self) { try order.validate() }
        #expect(error.code == .totalsDoNotAddUp)
        #expect(error.path.description == "taxes[0].amount")
        #expect(error.message.contains("1.00"))
    }

    @Test func paymentsThatDoNotCoverTheTotalAreAnError() throws {
        let order = Data.order(payments: [Payment("Cash", amount: Money(minorUnits: 500))])
        let error = try #require(throws: EscPosError.self) { try order.validate() }
        #expect(error.code == .insufficientPayment)
        #expect(error.message.contains("1.00 is still owed"))
    }

    @Test func anUnpaidBillHasNoChange() throws {
        let summary = try Data.order().validate()
        #expect(summary.total.minorUnits == 600)
        #expect(summary.change == .zero)
    }

    @Test func invalidOrdersNameTheField() throws {
        let cases: [(Order, EscPosError.Code, String)] = [
            (Data.order(items: []), .invalidOrder, "items"),
            (
                Data.order(items: [LineItem("Tea", quantity: 0, unitPrice: Money(minorUnits: 1))]), .invalidOrder,
                "items[0].quantity"
            ),
            (
                Data.order(discounts: [Discount("Oops", amount: Money(minorUnits: -1))]), .invalidOrder,
                "discounts[0].amount"
            ),
            (Data.order(discounts: [Discount("Too much", amount: Money(minorUnits: 601))]), .invalidOrder, "discounts"),
            (
                Data.order(items: [
                    LineItem(
                        "Tea",
                        unitPrice: Money(minorUnits: 100),
                        discounts: [Discount("x", amount: Money(minorUnits: 101))]
                    )
                ]),
                .invalidOrder, "items[0].discounts"
            ),
            (Data.order(payments: [Payment("Cash", amount: .zero)]), .invalidOrder, "payments[0].amount"),
            (Data.order(currency: Currency(code: "XYZ")), .unknownCurrency, "currency"),
            (
                Data.order(items: [LineItem("Gold", quantity: 3, unitPrice: Money(minorUnits: Int.max / 2))]),
                .amountOutOfRange, "items[0].unitPrice"
            ),
        ]
        for (order, code, path) in cases {
            let error = try #require(throws: EscPosError.self) { try order.validate() }
            #expect(error.code == code, "\(path)")
            #expect(error.path.description == path)
        }
    }

    @Test func salesReceiptRefusesAnOrderThatDoesNotAddUp() throws {
        var order = try TemplateData.salesOrder
        order.totals?.total = Money(minorUnits: 2500)
        #expect(throws: EscPosError.self) { try SalesReceipt(order) }
    }

    @Test func ordersRoundTripThroughJSON() throws {
        let order = try TemplateData.salesOrder
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let again = try JSONDecoder().decode(Order.self, from: encoder.encode(order))
        #expect(again == order)
        let kitchen = try TemplateData.kitchenOrder
        #expect(try JSONDecoder().decode(KitchenOrder.self, from: encoder.encode(kitchen)) == kitchen)
    }

    @Test func decodingErrorsKeepThePathOfTheBadField() throws {
        let json = #"{"store":{"name":"S"},"number":"1","currency":"EUR","items":[{"name":"Tea","unitPrice":2.5}]}"#
        let error = try #require(throws: DecodingError.self) {
            try JSONDecoder().decode(Order.self, from: Foundation.Data(json.utf8))
        }
        #expect(EscPosError(error).path.description == "items[0].unitPrice")
    }
}

@Suite struct KitchenOrderTests {
    @Test func itemsAreGroupedByCourseInTheListedOrder() throws {
        let groups = try TemplateData.kitchenOrder.itemsByCourse
        #expect(groups.map(\.course) == [nil, "Starters", "Mains", "Desserts"])
        #expect(groups[1].items.map(\.name) == ["Soup of the day", "Caesar salad"])
    }

    @Test func unlistedCoursesFollowInOrderOfFirstUse() {
        let order = KitchenOrder(
            orderNumber: "1",
            courses: ["Mains"],
            items: [.init("Cake", course: "Dessert"), .init("Steak", course: "Mains"), .init("Tea", course: "Drinks")]
        )
        #expect(order.itemsByCourse.map(\.course) == ["Mains", "Dessert", "Drinks"])
    }

    @Test func invalidKitchenOrdersAreErrors() throws {
        for (order, path) in [
            (KitchenOrder(orderNumber: "1", items: []), "items"),
            (KitchenOrder(orderNumber: "1", items: [.init("Soup", quantity: 0)]), "items[0].quantity"),
            (KitchenOrder(orderNumber: "1", guests: 0, items: [.init("Soup")]), "guests"),
        ] {
            let error = try #require(throws: EscPosError.self) { try KitchenTicket(order) }
            #expect(error.code == .invalidOrder)
            #expect(error.path.description == path)
        }
    }

    @Test func allergiesPrintInReverse() throws {
        let ticket = try KitchenTicket(TemplateData.kitchenOrder)
        let listing = CommandListing(
            CommandDecoder(profile: .generic80mm).decode(
                try ReceiptCompiler(profile: .generic80mm).compile(Receipt { ticket }).bytes
            )
        )
        let lines = listing.lines
        let allergy = try #require(lines.firstIndex { $0.contains("ALLERGY: celery") })
        let reverseOn = try #require(lines[..<allergy].lastIndex { $0.contains("GS B") })
        #expect(lines[reverseOn].contains("1D 42 01"))
    }
}

@Suite struct TestPageTests {
    @Test(arguments: PrinterProfile.builtIn)
    func everyCodePageIsSelectedWithItsOwnNumber(_ profile: PrinterProfile) throws {
        let bytes = try ReceiptCompiler(profile: profile).compile(Receipt { TestPage(profile: profile) }).bytes
        let selected = CommandDecoder(profile: profile).decode(bytes).compactMap { decoded -> UInt8? in
            if case .selectCodePage(let number) = decoded.command { return number }
            return nil
        }
        for slot in profile.codePages {
            #expect(selected.contains(slot.number), "\(slot.page.name) (\(slot.number)) is never selected")
        }
    }
}

@Suite struct DocumentationExampleTests {
    /// The JSON examples in the DocC article must decode and add up, so the documentation never lies.
    @Test func dataFormatArticleExamplesAreValid() throws {
        let article = try String(
            contentsOf: TemplateData.repository.appendingPathComponent(
                "Sources/EscPosTemplates/Documentation.docc/Articles/TemplateDataFormat.md"
            ),
            encoding: .utf8
        )
        let blocks = article.components(separatedBy: "```json\n").dropFirst().map {
            $0.components(separatedBy: "```").first ?? ""
        }
        try #require(blocks.count == 2)
        let order = try JSONDecoder().decode(Order.self, from: Foundation.Data(blocks[0].utf8))
        #expect(try order.validate().total == Money(minorUnits: 738))
        let kitchen = try JSONDecoder().decode(KitchenOrder.self, from: Foundation.Data(blocks[1].utf8))
        #expect(throws: Never.self) { try KitchenTicket(kitchen) }
    }
}
