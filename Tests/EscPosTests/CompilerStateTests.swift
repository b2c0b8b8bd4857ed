import EscPos
import EscPosTemplates
import Testing

/// The compiler sends only state changes, scopes styles, and ends in the power-on state.
@Suite struct CompilerStateTests {
    func compile(
        _ profile: PrinterProfile = .generic80mm,
        @ReceiptBuilder _ content: () -> [Block]
    ) throws -> CompiledReceipt {
        try ReceiptCompiler(profile: profile).compile(Receipt(blocks: content()))
    }

    func commands(_ bytes: [UInt8], profile: PrinterProfile = .generic80mm) -> [Command] {
        CommandDecoder(profile: profile).decode(bytes).map(\.command)
    }

    @Test func sameStyleOnConsecutiveLinesIsSentOnce() throws {
        let result = try compile {
            Text("one").bold()
            Text("two").bold()
            Text("three").bold()
        }
        let bolds = commands(result.bytes).filter { if case .bold = $0 { return true } else { return false } }
        #expect(bolds == [.bold(true), .bold(false)])
    }

    @Test func groupStyleDoesNotLeakToTheNextBlock() throws {
        let result = try compile {
            Group {
                Text("inside")
            }
            .reverse()
            Text("outside")
        }
        let decoded = commands(result.bytes)
        let outside = try #require(decoded.firstIndex(of: .text("outside")))
        let reverseOff = try #require(decoded.firstIndex(of: .reverse(false)))
        #expect(reverseOff < outside, "reverse must be switched off before the next block's text")
    }

    @Test func childStyleOverridesGroupAndGroupResumesAfter() throws {
        let result = try compile {
            Group {
                Text("a")
                Text("b").bold(false)
                Text("c")
            }
            .bold()
        }
        let decoded = commands(result.bytes).filter {
            if case .bold = $0 { return true }
            if case .text = $0 { return true }
            return false
        }
        #expect(decoded == [.bold(true), .text("a"), .bold(false), .text("b"), .bold(true), .text("c"), .bold(false)])
    }

    @Test func sizeUsesGSExclamationNeverESCExclamation() throws {
        let result = try compile {
            Text("big").bold().underline().size(width: 2, height: 2)
            Text("small").bold().underline()
        }
        let decoded = commands(result.bytes)
        #expect(!decoded.contains { if case .printMode = $0 { return true } else { return false } })
        #expect(decoded.contains(.characterSize(width: 2, height: 2)))
        // Shrinking back must not touch bold or underline: no second bold-on is needed.
        #expect(decoded.filter { $0 == .bold(true) }.count == 1)
    }

    @Test func everyReceiptStartsWithInitializeAndEndsInPowerOnState() throws {
        let result = try compile {
            Text("Ђ €").bold().underline(.double).doubleStrike().reverse().font(.b).size(width: 2, height: 3)
                .alignment(.right).lineSpacing(40).leftMargin(10).printAreaWidth(500)
        }
        #expect(Array(result.bytes.prefix(2)) == [0x1B, 0x40])
        // Replay the stream and check the final state equals the state after ESC @.
        var state = ReplayedState()
        for command in commands(result.bytes) { state.apply(command) }
        #expect(state == ReplayedState())
    }

    @Test func initializeResetsCodePageSoEachReceiptSelectsItsOwn() throws {
        // A second receipt must not assume the page the first one left selected (ESC @ resets it).
        let compiler = ReceiptCompiler(profile: .generic80mm)
        let first = try compiler.compile(Receipt { Text("Ђ") })
        let second = try compiler.compile(Receipt { Text("Ђ") })
        #expect(first.bytes == second.bytes)
        #expect(commands(second.bytes).contains(.selectCodePage(46)))
    }

    @Test func rawBytesMakeTheCompilerForgetTheState() throws {
        let result = try compile {
            Text("a").bold()
            RawBytes(unchecked: [0x1B, 0x21, 0x00])
            Text("b").bold()
        }
        // After ESC ! (which clears bold on a real printer) bold must be sent again.
        #expect(commands(result.bytes).filter { $0 == .bold(true) }.count == 2)
    }

    @Test func controlCharactersInTextNeverReachThePrinterAsCommands() throws {
        let result = try compile {
            Text("A\u{1B}@B\u{1D}V\u{00}C\u{10}\u{04}\u{01}")
        }
        let payload = result.bytes.dropFirst(2)
        #expect(!payload.contains(0x1B))
        #expect(!payload.contains(0x1D))
        #expect(!payload.contains(0x10))
        #expect(!payload.contains(0x00))
        #expect(result.warnings.map(\.code).allSatisfy { $0 == .unencodableCharacter })
        #expect(!result.warnings.isEmpty)
    }

    @Test func upsideDownReversesWrappedLineOrder() throws {
        let profile = PrinterProfile.generic58mm  // 32 columns
        let text = "first line of text that wraps onto a second line"
        let result = try compile(profile) { Text(text).upsideDown() }
        let lines = commands(result.bytes, profile: profile).compactMap {
            if case .text(let t) = $0 { return t } else { return nil }
        }
        #expect(lines == ["onto a second line", "first line of text that wraps"])
    }

    @Test func cutOnAPrinterWithoutCutterIsAWarningOrAStrictError() throws {
        let result = try compile(.generic58mm) { Cut() }
        #expect(result.bytes == [0x1B, 0x40])
        #expect(result.warnings.map(\.code) == [.unsupportedByProfile])
        #expect(result.warnings.first?.path.description == "blocks[0]")
        let strict = ReceiptCompiler(profile: .generic58mm, options: CompileOptions(strict: true))
        #expect(throws: EscPosError.self) { try strict.compile(Receipt { Cut() }) }
    }

    @Test func fullCutOnPartialOnlyCutterBecomesPartialWithWarning() throws {
        let result = try compile(.epsonTMT88VI) { Cut(.full) }
        #expect(result.bytes == [0x1B, 0x40, 0x1D, 0x56, 0x42, 0x00])
        #expect(result.warnings.first?.code == .unsupportedByProfile)
    }

    @Test func invalidDocumentProducesNoBytesAndNamesThePath() throws {
        let receipt = Receipt {
            Text("fine")
            Group {
                Text("ok")
                Text("too wide").size(width: 9, height: 1)
            }
        }
        let error = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: .generic80mm).compile(receipt)
        }
        #expect(error.code == .valueOutOfRange)
        #expect(error.path.description == "blocks[1].blocks[1].size.width")
        #expect(error.message.contains("1–8"))
    }

    @Test(arguments: [
        (Block.drawerPulse(DrawerPulse(onMilliseconds: 1)), "blocks[0].onMilliseconds"),
        (Block.drawerPulse(DrawerPulse(offMilliseconds: 600)), "blocks[0].offMilliseconds"),
        (Block.buzzer(Buzzer(times: 0)), "blocks[0].times"),
        (Block.feed(Feed(lines: -1)), "blocks[0].lines"),
        (Block.text(Text("x").lineSpacing(300)), "blocks[0].lineSpacing"),
        (Block.rule(Rule("中")), "blocks[0].character"),
        (Block.columns(Columns([Column("a", width: .fixed(0))])), "blocks[0].columns[0].width"),
    ])
    func outOfRangeValuesAreTypedErrors(block: Block, path: String) throws {
        let error = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: .xprinterXP80).compile(Receipt(blocks: [block]))
        }
        #expect(error.path.description == path)
    }

    @Test func fontTheProfileLacksIsAnError() throws {
        let error = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: .generic80mm).compile(Receipt { Text("x").font(.c) })
        }
        #expect(error.code == .unsupportedByProfile)
        #expect(error.path.description == "blocks[0].font")
    }

    @Test func compilationIsDeterministic() throws {
        let receipt = Receipt { SampleReceipt() }
        let compiler = ReceiptCompiler(profile: .epsonTMT20III)
        #expect(try compiler.compile(receipt) == compiler.compile(receipt))
    }
}

/// The printer state as a printer would track it while executing a command stream.
struct ReplayedState: Equatable {
    var bold = false
    var underline: UInt8 = 0
    var doubleStrike = false
    var reverse = false
    var upsideDown = false
    var rotation: UInt8 = 0
    var font: UInt8 = 0
    var width = 1
    var height = 1
    var alignment: UInt8 = 0
    var lineSpacing: UInt8? = nil
    var leftMargin = 0
    var printAreaWidth: Int? = nil
    var codePage: UInt8 = 0

    mutating func apply(_ command: Command) {
        switch command {
        case .initialize: self = ReplayedState()
        case .bold(let on): bold = on
        case .underline(let n): underline = n
        case .doubleStrike(let on): doubleStrike = on
        case .reverse(let on): reverse = on
        case .upsideDown(let on): upsideDown = on
        case .rotation(let n): rotation = n
        case .font(let n): font = n
        case .characterSize(let w, let h): (width, height) = (w, h)
        case .alignment(let n): alignment = n
        case .lineSpacing(let n): lineSpacing = n
        case .defaultLineSpacing: lineSpacing = nil
        case .leftMargin(let n): leftMargin = n
        case .printAreaWidth(let n): printAreaWidth = n == 576 ? nil : n
        case .selectCodePage(let n): codePage = n
        default: break
        }
    }
}
