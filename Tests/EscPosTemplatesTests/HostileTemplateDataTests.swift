import EscPos
import EscPosTemplates
import EscPosTestSupport
import Foundation
import Testing

/// Template data from a buggy or hostile backend: every number of the example orders, set in turn to each
/// extreme, is either printed or refused with an ``EscPosError``; no amount, quantity or rate can trap.
@Suite struct HostileTemplateDataTests {
    static func sweep(_ file: String, build: (Data) throws -> Receipt) throws -> (cases: Int, refused: Int) {
        let original = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: TemplateData.url(file)))
        var cases = 0
        var refused = 0
        for path in original.numberPaths() {
            for value in JSONValue.extremes {
                let data = try JSONEncoder().encode(original.replacing(path, with: value))
                do {
                    _ = try ReceiptCompiler(profile: .generic80mm).compile(try build(data))
                } catch is EscPosError {
                    refused += 1
                } catch is DecodingError {
                    refused += 1
                }
                cases += 1
            }
        }
        return (cases, refused)
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
