import EscPos
import Testing

@Suite struct LayoutTests {
    func printedLines(
        _ profile: PrinterProfile = .generic58mm,
        @ReceiptBuilder _ content: () -> [Block]
    ) throws -> [String] {
        let bytes = try ReceiptCompiler(profile: profile).compile(Receipt(blocks: content())).bytes
        return CommandDecoder(profile: profile).decode(bytes).compactMap {
            if case .text(let text) = $0.command { return text } else { return nil }
        }
    }

    @Test(arguments: [
        (PrinterProfile.generic58mm, 32), (.generic80mm, 48), (.epsonTMT88VI, 42), (.bixolonSRP350III, 42),
    ])
    func ruleFillsTheLine(profile: PrinterProfile, columns: Int) throws {
        #expect(try printedLines(profile) { Rule() } == [String(repeating: "-", count: columns)])
        #expect(
            try printedLines(profile) { Rule("=").size(width: 2, height: 1) } == [
                String(repeating: "=", count: columns / 2)
            ]
        )
    }

    @Test func wordWrapBreaksAtSpacesAndSplitsOverlongWords() throws {
        let lines = try printedLines {
            Text("The quick brown fox jumps over the lazy dog and Pneumonoultramicroscopicsilicovolcanoconiosis")
        }
        #expect(
            lines == [
                "The quick brown fox jumps over", "the lazy dog and", "Pneumonoultramicroscopicsilicovo",
                "lcanoconiosis",
            ]
        )
    }

    @Test func doubleWidthHalvesTheColumns() throws {
        let lines = try printedLines { Text("abcdefghijklmnopqrstuvwxyz").size(width: 2, height: 1) }
        #expect(lines == ["abcdefghijklmnop", "qrstuvwxyz"])
    }

    @Test func hardLineBreaksAndBlankLinesAreKept() throws {
        #expect(try printedLines { Text("a\n\nb\r\nc\n") } == ["a", "b", "c"])
        let bytes = try ReceiptCompiler(profile: .generic58mm).compile(Receipt { Text("a\n\nb") }).bytes
        #expect(bytes == [0x1B, 0x40, 0x61, 0x0A, 0x0A, 0x62, 0x0A])
    }

    @Test func columnsAlignAndWrapInsideTheirWidth() throws {
        let lines = try printedLines {
            Columns {
                Column("Cappuccino with oat milk and an extra shot")
                Column("4.80", width: .fixed(6), alignment: .right)
            }
        }
        #expect(lines == ["Cappuccino with oat milk    4.80", "and an extra shot"])
        #expect(lines[0].count == 32)
    }

    @Test func centeredColumnAndWeights() throws {
        let lines = try printedLines {
            Columns(spacing: 0) {
                Column("L", width: .flexible(weight: 1))
                Column("C", width: .flexible(weight: 2), alignment: .center)
                Column("R", width: .flexible(weight: 1), alignment: .right)
            }
        }
        // 32 columns: 8 + 16 + 8.
        #expect(
            lines == [
                "L" + String(repeating: " ", count: 7) + String(repeating: " ", count: 7) + "C"
                    + String(repeating: " ", count: 8) + String(repeating: " ", count: 7) + "R"
            ]
        )
    }

    @Test func columnsThatCannotFitAreAnError() throws {
        let error = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: .generic58mm).compile(
                Receipt {
                    Columns {
                        Column("a", width: .fixed(20))
                        Column("b", width: .fixed(20))
                    }
                }
            )
        }
        #expect(error.code == .doesNotFit)
        #expect(error.path.description == "blocks[0].columns")
    }

    @Test func keyValueWithLeaders() throws {
        #expect(try printedLines { KeyValue("Total", "12.50") } == ["Total .................... 12.50"])
        #expect(try printedLines { KeyValue("Total", "12.50", leader: " ") } == ["Total                      12.50"])
        let long = try printedLines { KeyValue("A very long description of a discount line", "-1.00") }
        #expect(long == ["A very long description", "of a discount line ....... -1.00"])
        // A value that nearly fills the line goes under the key, right-aligned.
        let wide = String(repeating: "9", count: 31)
        #expect(try printedLines { KeyValue("Tip", wide) } == ["Tip", " " + wide])
    }

    @Test func eastAsianWideCharactersCountTwoColumns() throws {
        #expect(CharacterWidth.columns(of: "ｱ") == 1)  // half-width katakana
        #expect(CharacterWidth.columns(of: "中文") == 4)
        #expect(CharacterWidth.columns(of: "ｶﾞ") == 2)
        #expect(CharacterWidth.columns(of: "e\u{301}") == 1)  // e + combining acute
        #expect(CharacterWidth.columns(of: "ＡＢ") == 4)  // full-width Latin
        // Wide characters are replaced by two "?" on a printer without Kanji, keeping the price column aligned.
        let lines = try printedLines {
            Columns {
                Column("中文")
                Column("1.00", width: .fixed(5), alignment: .right)
            }
            Columns {
                Column("ab")
                Column("1.00", width: .fixed(5), alignment: .right)
            }
        }
        #expect(lines[0].count == lines[1].count + 0)
        #expect(lines[0] == "????" + String(repeating: " ", count: 24) + "1.00")
    }
}
