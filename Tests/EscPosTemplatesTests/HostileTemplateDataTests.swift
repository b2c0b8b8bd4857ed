import EscPos
import EscPosTemplates
import EscPosTestSupport
import Foundation
import Testing

/// Template data from a buggy or hostile backend: every number of the example orders, set in turn to each
/// extreme, is either printed or refused with an ``EscPosError``; no amount, quantity or rate can trap.
@Suite struct HostileTemplateDataTests {
    static func sweep(_ file: String, build: (Data) throws -> Receipt) throws -> JSONValue.SweepResult {
        try JSONValue.sweepNumbers(
            of: Data(contentsOf: TemplateData.url(file))
        ) { data in
            _ = try ReceiptCompiler(profile: .generic80mm).compile(try build(data))
        }
    }

    @Test func everyNumberOfTheSalesOrderAtEveryExtremeIsHandled() throws {
        let result = try Self.sweep("sales-order.json") { data in
            let receipt = try SalesReceipt(try JSONDecoder().decode(Order.self, from: data))
            return Receipt { receipt }
        }
        #expect(result.cases > 100)
        #expect(result.refused > 0)
    }

    @Test func everyNumberOfTheKitchenOrderAtEveryExtremeIsHandled() throws {
        let result = try Self.sweep("kitchen-order.json") { data in
            let ticket = try KitchenTicket(try JSONDecoder().decode(KitchenOrder.self, from: data))
            return Receipt { ticket }
        }
        #expect(result.cases > 10)
        #expect(result.refused > 0)
    }
}
