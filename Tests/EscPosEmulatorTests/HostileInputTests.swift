import EscPos
import Testing

@testable import EscPosEmulator

/// Issue 10, defects 1 and 5: byte streams an attacker or a buggy backend can send the virtual printer.
@Suite struct HostileInputTests {
    /// Reverse (`GS B 1`) or underline (`ESC - 1`) on, align right, "AB", `ESC $ 0`, LF.
    static func cursorMovedBack(style: [UInt8]) -> [UInt8] {
        style + [0x1B, 0x61, 0x02, 0x41, 0x42, 0x1B, 0x24, 0x00, 0x00, 0x0A]
    }

    static let reverseOn: [UInt8] = [0x1D, 0x42, 0x01]
    static let underlineOn: [UInt8] = [0x1B, 0x2D, 0x01]

    @Test(arguments: [reverseOn, underlineOn])
    func aRightAlignedLineWhoseCursorMovedBackPrintsAtTheRightEdge(style: [UInt8]) throws {
        let renderer = ReceiptRenderer(profile: .generic80mm)
        let receipt = renderer.render(Self.cursorMovedBack(style: style))
        #expect(receipt.text == String(repeating: " ", count: (576 - 24) / 12) + "AB\n")
        // Moving the cursor back over nothing changes nothing: the line prints as "AB" alone would.
        let withoutMove = renderer.render(style + [0x1B, 0x61, 0x02, 0x41, 0x42, 0x0A])
        #expect(receipt.page == withoutMove.page)
        // "AB" is two 12-dot cells, flush with the right edge of the 576-dot line.
        let width = receipt.page.width
        let line = try #require(receipt.page.height >= 24 ? receipt.page : nil)
        let left = line.cropped(x: 0, y: 0, width: width - 24, height: 24)
        let right = line.cropped(x: width - 24, y: 0, width: 24, height: 24)
        #expect(left.printedDotCount == 0)
        if style == Self.reverseOn {
            #expect(right.printedDotCount > 24 * 24 / 2)  // white on black: mostly black
        } else {
            let underline = line.cropped(x: width - 24, y: 23, width: 24, height: 1)
            #expect(underline.printedDotCount == 24)
        }
    }

    @Test func theStreamOfTheIssueRendersWithoutTrapping() {
        let bytes: [UInt8] = [0x1D, 0x42, 0x01, 0x1B, 0x61, 0x02, 0x41, 0x42, 0x1B, 0x24, 0x00, 0x00, 0x0A]
        let receipt = ReceiptRenderer(profile: .generic58mm).render(bytes)
        #expect(receipt.page.width == 384)
        #expect(receipt.page.printedDotCount > 0)
    }

    @Test func pageOperationsClipAnyRectangle() {
        var canvas = PageCanvas(width: 100, maximumHeight: 50)
        let allocated = canvas.ensureRows(50)
        #expect(allocated)
        let extremes = [Int.min, Int.min + 1, -1_000, -1, 0, 1, 99, 100, 1_000, Int.max - 1, Int.max]
        for x in extremes {
            for size in extremes {
                canvas.fill(x: x, y: x, width: size, height: size)
                canvas.invert(x: x, y: 10, width: size, height: 5)
                canvas.rotateHalfTurn(x: 10, y: x, width: 5, height: size)
                canvas.draw(MonochromeBitmap(width: 9, height: 3), x: x, y: x)
                canvas.setDot(x, size)
                _ = canvas.dot(x, size)
                canvas.drawCutMark(y: x, partial: true)
            }
        }
        #expect(canvas.height == 50)
        #expect(PageCanvas.span(-5, 10, within: 8) == 0..<5)
        #expect(PageCanvas.span(Int.max, Int.max, within: 8) == nil)
        #expect(PageCanvas.span(3, Int.max, within: 8) == 3..<8)
        #expect(PageCanvas.span(Int.min, Int.max, within: 8) == nil)
        #expect(PageCanvas.span(2, -3, within: 8) == nil)
    }

    @Test func repeatedLineFeedsAreBoundedByThePage() {
        var bytes: [UInt8] = []
        for _ in 0..<100_000 { bytes += [0x1B, 0x64, 0xFF] }  // ESC d 255, 300 kB
        let receipt = ReceiptRenderer(profile: .generic80mm, maximumPageHeight: 4_000).render(bytes)
        #expect(receipt.page.height <= 4_000)
        #expect(receipt.text.utf8.count <= 4_000)  // at most one blank line per 30-dot line of paper
        #expect(receipt.notes.contains { $0.kind == .pageHeightLimit })
    }

    @Test(arguments: [UInt8(0x0A), 0x00, 0x09])
    func aMegabyteOfOneControlByteKeepsLittle(byte: UInt8) {
        let bytes = [UInt8](repeating: byte, count: 1 << 20)
        let receipt = ReceiptRenderer(profile: .generic80mm, maximumPageHeight: 4_000).render(bytes)
        #expect(receipt.page.height <= 4_000)
        #expect(receipt.notes.count <= 3)
        #expect(receipt.text.utf8.count <= 4_000)
    }

    @Test func linesThatFeedNoPaperAreCapped() {
        // ESC 3 0 (no line spacing): blank lines take no rows, so only the line cap stops them.
        let bytes: [UInt8] = [0x1B, 0x33, 0x00] + Array(repeating: 0x0A, count: 100_000)
        let receipt = ReceiptRenderer(profile: .generic80mm).render(bytes)
        let lines = receipt.text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(lines <= PrinterModel.maximumTextLineCount)
        #expect(receipt.notes.contains { $0.kind == .pageHeightLimit })
    }

    @Test func overprintingInPlaceKeepsTheLineBufferBounded() {
        // "A" then ESC $ 0 again and again: every character lands at the start of the same line.
        var bytes: [UInt8] = []
        for _ in 0..<50_000 { bytes += [0x41, 0x1B, 0x24, 0x00, 0x00] }
        let receipt = ReceiptRenderer(profile: .generic80mm, maximumPageHeight: 4_000).render(bytes)
        #expect(receipt.page.height <= 4_000)
        let longest = receipt.text.split(separator: "\n").map(\.count).max() ?? 0
        #expect(longest <= PrinterModel.maximumLineItemCount)
    }

    @Test func aHugeModuleSizeIsDrawnAtMostSixteenDotsWide() throws {
        let data = Array("https://example.com/".utf8)
        var bytes: [UInt8] = [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0xFF]  // QR module size 255
        bytes += [0x1D, 0x28, 0x6B, UInt8(data.count + 3), 0x00, 0x31, 0x50, 0x30] + data
        for _ in 0..<500 { bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30] }  // print it 500 times
        let receipt = ReceiptRenderer(profile: .generic80mm, maximumPageHeight: 8_000).render(bytes)
        let first = try #require(receipt.symbols.first)
        #expect(first.width <= 576)
        #expect(receipt.page.height <= 8_000)
        #expect(receipt.symbols.count <= 8_000 / first.height + 1)
        #expect(receipt.notes.contains { $0.kind == .pageHeightLimit })
    }

    @Test func aHugeRasterImageIsCutBeforeItIsScaled() throws {
        // GS v 0 mode 3 (quadruple), 255 bytes × 4 000 rows: 8 160 × 8 000 dots once scaled.
        let widthBytes = 255
        let rows = 4_000
        var bytes: [UInt8] = [0x1D, 0x76, 0x30, 0x03, UInt8(widthBytes), 0x00, UInt8(rows & 0xFF), UInt8(rows >> 8)]
        bytes += [UInt8](repeating: 0xAA, count: widthBytes * rows)
        bytes += [0x1B, 0x64, 0x01]
        let receipt = ReceiptRenderer(profile: .generic80mm, maximumPageHeight: 2_000).render(bytes)
        #expect(receipt.page.height <= 2_000)
        #expect(receipt.images.allSatisfy { $0.bitmap.width <= 576 && $0.bitmap.height <= 2_000 })
        #expect(receipt.notes.contains { $0.kind == .pageHeightLimit })
    }

    @Test func anImageThatFitsStillPrintsScaledAndCutToThePrintArea() throws {
        // 100 bytes (800 dots) × 2 rows, double width: cut to the 576-dot line, rows doubled.
        var bytes: [UInt8] = [0x1D, 0x76, 0x30, 0x03, 100, 0x00, 2, 0x00]
        bytes += [UInt8](repeating: 0xFF, count: 200)
        let receipt = ReceiptRenderer(profile: .generic80mm).render(bytes)
        let image = try #require(receipt.images.first)
        #expect(image.bitmap.width == 576)
        #expect(image.bitmap.height == 4)
        #expect(image.bitmap.printedDotCount == 576 * 4)
    }

    @Test func bandsOfOneImageStillJoin() throws {
        var bytes: [UInt8] = []
        for _ in 0..<300 { bytes += [0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x01, 0x00, 0xF0, 0x0F] }
        let receipt = ReceiptRenderer(profile: .generic80mm).render(bytes)
        #expect(receipt.images.count == 1)
        #expect(receipt.images.first?.bitmap.height == 300)
        #expect(receipt.images.first?.bitmap.printedDotCount == 300 * 8)
        #expect(receipt.text == "[image 16×300]\n")
    }

    @Test func longSymbolDataIsShortenedInTheText() {
        let data = [UInt8](repeating: 0x41, count: 5_000)
        let length = data.count + 3
        var bytes: [UInt8] = [0x1D, 0x28, 0x6B, UInt8(length & 0xFF), UInt8(length >> 8), 0x30, 0x50, 0x30]
        bytes += data
        for _ in 0..<200 { bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x30, 0x51, 0x30] }
        let receipt = ReceiptRenderer(profile: .generic80mm, maximumPageHeight: 4_000).render(bytes)
        let longest = receipt.text.split(separator: "\n").map(\.count).max() ?? 0
        #expect(longest <= PrinterModel.maximumShownDataLength + 20)
        #expect(receipt.notes.allSatisfy { $0.message.count <= PrinterModel.maximumShownDataLength + 100 })
    }
}
