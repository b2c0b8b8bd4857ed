import EscPos
import EscPosEmulator
import EscPosImaging
import EscPosTemplates
import Testing

/// Compiles `receipt` for `profile` with the library's own compiler and prints it on the virtual printer.
func printed(
    _ profile: PrinterProfile = .generic80mm,
    @ReceiptBuilder _ blocks: () -> [Block]
) throws -> RenderedReceipt {
    let bytes = try ReceiptCompiler(profile: profile).compile(Receipt(profile: profile.id, blocks: blocks())).bytes
    return ReceiptRenderer(profile: profile).render(bytes)
}

/// The rows of `page` that hold at least one printed dot.
func inkedRows(_ page: MonochromeBitmap) -> [Int] {
    (0..<page.height).filter { row in (0..<page.width).contains { page[$0, row] } }
}

/// The columns of `page` that hold at least one printed dot.
func inkedColumns(_ page: MonochromeBitmap) -> [Int] {
    (0..<page.width).filter { column in (0..<page.height).contains { page[column, $0] } }
}

@Suite struct RenderingTests {
    @Test func emptyStreamGivesABlankPage() {
        let receipt = ReceiptRenderer(profile: .generic80mm).render([])
        #expect(receipt.page.width == 576)
        #expect(receipt.page.printedDotCount == 0)
        #expect(receipt.text == "")
        #expect(receipt.notes.isEmpty)
    }

    @Test func compiledTextRoundTripsToTheExpectedText() throws {
        let receipt = try printed {
            Text("Left")
            Text("Centre").alignment(.center)
            Text("Right").alignment(.right)
            Text("BIG").size(width: 2, height: 2)
            Text("Привет, мир")
            Text("Καλημέρα κόσμε")
            Text("Ünïcödé €5")
            Rule()
            KeyValue("Total", "9.99")
            Cut(.full, feed: true)
        }
        let expected = [
            "Left",
            String(repeating: " ", count: 21) + "Centre",  // (48 − 6) / 2 columns
            String(repeating: " ", count: 43) + "Right",
            "BIG",
            "Привет, мир",
            "Καλημέρα κόσμε",
            "Ünïcödé €5",
            String(repeating: "-", count: 48),
            "Total ..................................... 9.99",
            "[full cut]",
        ].map { $0 + "\n" }.joined()
        #expect(receipt.text == expected)
        #expect(receipt.cuts.map(\.kind) == [.full])
        #expect(receipt.notes.isEmpty, "\(receipt.notes)")
    }

    @Test func sampleReceiptRendersItsText() throws {
        let receipt = try printed { SampleReceipt() }
        let lines = receipt.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "      CORNER CAFÉ")  // double width: 6 of 24 double-width columns to the left
        #expect(lines.contains("               12 Harbour Street"))
        #expect(lines.contains("Cappuccino with oat milk and an extra       4.80"))
        #expect(lines.contains("shot of espresso"))
        #expect(lines.contains("TOTAL .................................... 82.40"))
        #expect(lines.contains("Café crème €3.50 – Ünïcödé Straße"))
        #expect(lines.contains("          PAID"))
        #expect(lines.suffix(2) == ["[partial cut]", ""])
        #expect(receipt.cuts.count == 1)
        #expect(receipt.page.width == 576)
    }

    @Test func fiftyEightMillimetrePaperIsNarrower() throws {
        let receipt = try printed(.generic58mm) { Text("Hello").alignment(.right) }
        #expect(receipt.page.width == 384)
        #expect(receipt.text == "                           Hello\n")
    }

    @Test(arguments: [TextStyle.Alignment.left, .center, .right])
    func alignmentPlacesTheLine(_ alignment: TextStyle.Alignment) throws {
        let receipt = try printed { Text("MMMM").alignment(alignment) }
        let columns = inkedColumns(receipt.page)
        let first = try #require(columns.first)
        let last = try #require(columns.last)
        switch alignment {
        case .left: #expect(first < 12)
        case .center: #expect(abs((first + last) / 2 - 288) <= 6)
        case .right: #expect(last > 576 - 12)
        }
    }

    @Test func boldPrintsMoreDotsThanRegular() throws {
        let regular = try printed { Text("Receipt") }
        let bold = try printed { Text("Receipt").bold() }
        #expect(bold.page.printedDotCount > regular.page.printedDotCount)
        #expect(bold.text == regular.text)
    }

    @Test(arguments: [(TextStyle.Underline.single, 1), (.double, 2)])
    func underlineDrawsARuleUnderTheCells(_ underline: TextStyle.Underline, thickness: Int) throws {
        let receipt = try printed { Text("ab").underline(underline) }
        // The cell is 24 rows; its bottom `thickness` rows are full under both characters (24 dots).
        for row in (24 - thickness)..<24 {
            #expect((0..<24).allSatisfy { receipt.page[$0, row] })
        }
        #expect(!(0..<24).allSatisfy { receipt.page[$0, 24 - thickness - 1] })
    }

    @Test func reversePrintsWhiteOnBlack() throws {
        let receipt = try printed { Text("ab").reverse() }
        let cell = receipt.page.cropped(x: 0, y: 0, width: 24, height: 24)
        #expect(cell.printedDotCount > 24 * 24 / 2)
        let plain = try printed { Text("ab") }.page.cropped(x: 0, y: 0, width: 24, height: 24)
        #expect(cell.printedDotCount + plain.printedDotCount == 24 * 24)
    }

    @Test func upsideDownTurnsTheLineAroundInThePrintArea() throws {
        let plain = try printed { Text("Ab1") }.page.cropped(x: 0, y: 0, width: 576, height: 24)
        let turned = try printed { Text("Ab1").upsideDown() }.page.cropped(x: 0, y: 0, width: 576, height: 24)
        var expected = MonochromeBitmap(width: 576, height: 24)
        for row in 0..<24 {
            for column in 0..<576 where plain[column, row] { expected[575 - column, 23 - row] = true }
        }
        #expect(turned == expected)
    }

    @Test(arguments: [(1, 2), (2, 1), (2, 2), (3, 5), (8, 8)])
    func sizeMultipliesTheCell(width: Int, height: Int) throws {
        let normal = try printed { Text("g") }.page.cropped(x: 0, y: 0, width: 12, height: 24)
        let large = try printed { Text("g").size(width: width, height: height) }
        let cell = large.page.cropped(x: 0, y: 0, width: 12 * width, height: 24 * height)
        var expected = MonochromeBitmap(width: 12 * width, height: 24 * height)
        for row in 0..<expected.height {
            for column in 0..<expected.width where normal[column / width, row / height] { expected[column, row] = true }
        }
        #expect(cell == expected)
        #expect(large.page.height >= 24 * height)
    }

    @Test func fontBUsesItsSmallerCell() throws {
        let receipt = try printed { Text("MMMM").font(.b) }
        let columns = inkedColumns(receipt.page)
        #expect(try #require(columns.last) < 4 * 9)
        #expect(try #require(inkedRows(receipt.page).last) < 17)
    }

    @Test func rotatedCharactersAreTurnedAQuarter() throws {
        let plain = try printed { Text("L") }.page.cropped(x: 0, y: 0, width: 12, height: 24)
        let rotated = try printed { Text("L").rotated() }.page.cropped(x: 0, y: 0, width: 12, height: 24)
        #expect(rotated != plain)
        #expect(rotated.printedDotCount > 0)
    }

    @Test func marginAndPrintWidthConfineText() throws {
        let receipt = try printed { Text(String(repeating: "x", count: 30)).leftMargin(120).printAreaWidth(240) }
        let columns = inkedColumns(receipt.page)
        #expect(try #require(columns.first) >= 120)
        #expect(try #require(columns.last) < 360)
        #expect(receipt.text.split(separator: "\n").count == 2)  // 20 characters per line
    }

    @Test func lineSpacingSetsTheDistanceBetweenLines() throws {
        let tight = try printed { Text("a\nb\nc").lineSpacing(24) }
        let loose = try printed { Text("a\nb\nc").lineSpacing(60) }
        #expect(loose.page.height - tight.page.height == 3 * 36)
    }

    @Test func feedsAndCutsMoveThePaper() throws {
        let receipt = try printed {
            Text("a")
            Feed(lines: 2)
            Feed(dots: 50)
            Cut(.partial, feed: false)
        }
        #expect(receipt.text == "a\n\n\n[partial cut]\n")
        #expect(receipt.cuts == [PaperCut(y: 30 + 60 + 50, kind: .partial)])
    }

    @Test func drawerPulsesAreReportedNotPrinted() throws {
        let receipt = try printed { DrawerPulse() }
        #expect(receipt.notes.map(\.kind) == [.deviceAction])
        #expect(receipt.page.printedDotCount == 0)
    }

    @Test func unifontCoversEveryScriptAReceiptNeeds() throws {
        let font = try #require(UnifontFont.installed, "install Debian's unifont package")
        for character in "AéЖΩعあ漢한€" {
            let scalar = try #require(character.unicodeScalars.first)
            #expect(font.glyph(for: scalar) != nil, "no glyph for \(character)")
        }
        #expect(font.glyph(for: "漢")?.width == 16)
        #expect(font.glyph(for: "A")?.width == 8)
    }

    @Test func wideCharactersTakeTwoCells() throws {
        let renderer = ReceiptRenderer(profile: .generic80mm)
        // Text reaches the renderer through decoded commands; CJK comes from a decoder-independent command list.
        let receipt = renderer.render(commands: [
            DecodedCommand(offset: 0, bytes: [], command: .text("漢a")),
            DecodedCommand(offset: 0, bytes: [], command: .lineFeed),
        ])
        let columns = inkedColumns(receipt.page)
        #expect(try #require(columns.last) >= 24)
        #expect(receipt.text == "漢a\n")
    }

    @Test func pngOfThePageDecodesToTheSameDots() throws {
        let receipt = try printed { SampleReceipt() }
        let png = try receipt.page.pngData()
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let gray = try ImageDecoder().decodeImage(png)
        #expect(gray.width == receipt.page.width && gray.height == receipt.page.height)
        #expect(gray.dithered(.threshold) == receipt.page)
    }
}
