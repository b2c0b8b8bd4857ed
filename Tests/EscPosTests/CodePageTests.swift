import EscPos
import Testing

@Suite struct CodePageTests {
    /// Spot checks against the Unicode Consortium's mapping tables (VENDORS/MICSFT/PC, WINDOWS, ISO8859),
    /// independent of the generator script: one or more characteristic bytes per page.
    static let knownMappings: [(String, UInt8, UInt32)] = [
        ("cp437", 0x80, 0x00C7), ("cp437", 0x9B, 0x00A2), ("cp437", 0xE1, 0x00DF), ("cp437", 0xB0, 0x2591),
        ("cp720", 0x98, 0x0621), ("cp737", 0x80, 0x0391), ("cp737", 0xE0, 0x03C9), ("cp775", 0x80, 0x0106),
        ("cp850", 0xD5, 0x0131), ("cp850", 0x9B, 0x00F8), ("cp852", 0x85, 0x016F), ("cp855", 0x81, 0x0402),
        ("cp857", 0x8D, 0x0131), ("cp858", 0xD5, 0x20AC), ("cp860", 0x84, 0x00E3), ("cp861", 0x8B, 0x00D0),
        ("cp862", 0x80, 0x05D0), ("cp863", 0x84, 0x00C2), ("cp864", 0x25, 0x066A), ("cp864", 0xA9, 0xFE8F),
        ("cp865", 0x9B, 0x00F8), ("cp866", 0x80, 0x0410), ("cp866", 0xF0, 0x0401), ("cp869", 0xA4, 0x0391),
        ("wpc1250", 0x8A, 0x0160), ("wpc1251", 0x80, 0x0402), ("wpc1251", 0xC0, 0x0410), ("wpc1252", 0x80, 0x20AC),
        ("wpc1252", 0x96, 0x2013), ("wpc1253", 0xC1, 0x0391), ("wpc1254", 0xD0, 0x011E), ("wpc1255", 0xE0, 0x05D0),
        ("wpc1256", 0xC7, 0x0627), ("wpc1257", 0xC0, 0x0104), ("wpc1258", 0xD2, 0x0309), ("iso8859-2", 0xA1, 0x0104),
        ("iso8859-7", 0xC1, 0x0391), ("iso8859-7", 0xA4, 0x20AC), ("iso8859-15", 0xA4, 0x20AC),
        ("iso8859-15", 0xBD, 0x0153),
        ("katakana", 0xB1, 0xFF71), ("katakana", 0xA1, 0xFF61),
    ]

    @Test(arguments: knownMappings.indices)
    func pageMapsBytesLikeTheUnicodeTables(index: Int) throws {
        let (id, byte, scalar) = Self.knownMappings[index]
        let page = try #require(CodePage.named(id))
        #expect(page.character(for: byte)?.value == scalar, "\(id) byte \(byte)")
        #expect(page.byte(for: Unicode.Scalar(scalar)!) == byte)
    }

    @Test func allRequiredPagesExist() {
        let required = [
            "cp437", "cp737", "cp850", "cp852", "cp857", "cp858", "cp860", "cp862", "cp863", "cp864", "cp865", "cp866",
            "wpc1250", "wpc1251", "wpc1252", "wpc1253", "wpc1254", "wpc1255", "wpc1256", "wpc1257", "wpc1258",
            "iso8859-2", "iso8859-7", "iso8859-15", "katakana",
        ]
        for id in required { #expect(CodePage.named(id) != nil, "missing \(id)") }
    }

    @Test(arguments: CodePage.all)
    func everyByteRoundTripsAndCommandBytesNeverMap(page: CodePage) {
        for byte in 0...255 {
            let character = page.character(for: UInt8(byte))
            if byte < 0x20 || byte == 0x7F {
                #expect(character == nil, "\(page.id) must not map command byte \(byte)")
            } else if let character {
                // Round trip; a character on two bytes maps back to the lower one.
                let back = page.byte(for: character)
                #expect(back != nil && page.character(for: back!) == character)
            }
        }
    }

    func compile(
        _ text: String,
        _ profile: PrinterProfile = .epsonTMT88VI,
        strict: Bool = false
    ) throws -> CompiledReceipt {
        try ReceiptCompiler(profile: profile, options: CompileOptions(strict: strict)).compile(Receipt { Text(text) })
    }

    func pageSelections(_ bytes: [UInt8], _ profile: PrinterProfile = .epsonTMT88VI) -> [UInt8] {
        CommandDecoder(profile: profile).decode(bytes).compactMap {
            if case .selectCodePage(let page) = $0.command { return page } else { return nil }
        }
    }

    @Test func oneLineOnePageOneSwitch() throws {
        let result = try compile("Café crème €3.50 – Ünïcödé Straße")
        // WPC1252 (16) covers the whole line from the first character it is needed for; then back to 0.
        #expect(pageSelections(result.bytes) == [16, 0])
        #expect(result.warnings.isEmpty)
        let text = CommandDecoder(profile: .epsonTMT88VI).decode(result.bytes).compactMap {
            if case .text(let text) = $0.command { return text } else { return nil }
        }.joined()
        #expect(text == "Café crème €3.50 – Ünïcödé Straße")
    }

    @Test func euroAloneNeverSelectsGreek() throws {
        let result = try compile("€")
        #expect(pageSelections(result.bytes) == [16, 0])
    }

    @Test func mixedScriptsSwitchOnlyWhereTheScriptChanges() throws {
        let result = try compile("Привет мир Γειά σου κόσμε")
        // Cyrillic then Greek: exactly one page for each, no flip-flopping on spaces.
        #expect(pageSelections(result.bytes).count == 3)
        #expect(result.warnings.isEmpty)
    }

    @Test func unencodableCharacterIsReplacedAndReported() throws {
        let result = try compile("Price 中 5")
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.code == .unencodableCharacter)
        #expect(result.warnings.first?.message.contains("U+4E2D") == true)
        // A wide character is replaced twice so the columns after it stay where they were.
        #expect(result.bytes.contains([0x50, 0x72, 0x69, 0x63, 0x65, 0x20, 0x3F, 0x3F, 0x20, 0x35]))
    }

    @Test func strictModeThrowsForUnencodableCharacters() throws {
        let error = try #require(throws: EscPosError.self) { try compile("日本", strict: true) }
        #expect(error.code == .unencodableCharacter)
        #expect(error.path.description == "blocks[0]")
    }

    @Test func katakanaPrintsOnPageOne() throws {
        let result = try compile("ｱｲｳ")
        #expect(pageSelections(result.bytes) == [1, 0])
        #expect(result.bytes.contains([0xB1, 0xB2, 0xB3]))
    }
}

extension [UInt8] {
    func contains(_ run: [UInt8]) -> Bool {
        guard run.count <= count else { return false }
        return (0...(count - run.count)).contains { Array(self[$0..<($0 + run.count)]) == run }
    }
}
