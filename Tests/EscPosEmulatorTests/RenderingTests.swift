import EscPos
import EscPosEmulator
import EscPosImaging
import EscPosTemplates
import Foundation
import Testing

@Suite struct RenderingTests {
    @Test func emptyStreamGivesABlankPage() {
        let receipt = ReceiptRenderer(profile: .generic80mm).render([])
        #expect(receipt.page.width == 576)
        #expect(receipt.text == "")
    }

    @Test func sampleScratch() throws {
        let bytes = try ReceiptCompiler(profile: .generic80mm).compile(Receipt { SampleReceipt() }).bytes
        let receipt = ReceiptRenderer(profile: .generic80mm).render(bytes)
        print(receipt.text)
        print(receipt.notes)
        try Data(receipt.page.pngData()).write(to: URL(fileURLWithPath: "/tmp/emu-sample.png"))
    }
}
