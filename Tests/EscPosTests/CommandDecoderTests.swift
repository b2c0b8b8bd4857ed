import EscPos
import EscPosTemplates
import EscPosTestSupport
import Testing

@Suite struct CommandDecoderTests {
    @Test(arguments: PrinterProfile.builtIn)
    func decodesEverythingTheCompilerEmits(profile: PrinterProfile) throws {
        let bytes = try ReceiptCompiler(profile: profile).compile(Receipt { SampleReceipt() }).bytes
        let commands = CommandDecoder(profile: profile).decode(bytes)
        #expect(CommandListing(commands).problemCount == 0)
        #expect(commands.reduce(0) { $0 + $1.bytes.count } == bytes.count)
        // The accented line decodes back to its text on every profile (on 58 mm it wraps after "Ünïcödé").
        var lines = [""]
        for decoded in commands {
            switch decoded.command {
            case .text(let text): lines[lines.count - 1] += text
            case .lineFeed: lines.append("")
            default: break
            }
        }
        #expect(lines.joined(separator: " ").contains("Café crème €3.50 – Ünïcödé Straße"))
    }

    @Test func listingLineFormat() {
        let commands = CommandDecoder().decode([0x1B, 0x40, 0x1B, 0x61, 0x01, 0x43, 0x61, 0x66, 0x82, 0x0A])
        #expect(
            CommandListing(commands).lines == [
                "000000  1B 40                      ESC @      initialise printer (styles and code page to power-on state)",
                "000002  1B 61 01                   ESC a      align centre",
                "000005  43 61 66 82                text       \"Café\"",
                "000009  0A                         LF         print line and feed",
            ]
        )
    }

    @Test func unknownAndTruncatedAreReportedNotSkipped() {
        let commands = CommandDecoder().decode([0x1B, 0xFF, 0x41, 0x1D, 0x28, 0x6B, 0x10, 0x00, 0x31])
        #expect(
            commands.map(\.command) == [
                .unknown(0x1B), .text("\u{00A0}A"),
                .truncated(name: "GS ( k", bytes: [0x1D, 0x28, 0x6B, 0x10, 0x00, 0x31]),
            ]
        )
        #expect(CommandListing(commands).problemCount == 2)
    }

    @Test func commonCommandsOfOtherProducers() {
        let bytes: [UInt8] = [
            0x1B, 0x21, 0x30,  // ESC ! double height and width
            0x10, 0x04, 0x01,  // DLE EOT 1
            0x1D, 0x61, 0xFF,  // GS a
            0x1D, 0x49, 0x43,  // GS I 67
            0x1D, 0x6B, 0x02, 0x35, 0x39, 0x00,  // GS k function A EAN13
            0x1D, 0x6B, 0x49, 0x03, 0x7B, 0x42, 0x41,  // GS k function B CODE128
            0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0x02, 0x00, 0xFF, 0x00,  // GS v 0, 8×2
            0x1B, 0x2A, 0x21, 0x01, 0x00, 0x01, 0x02, 0x03,  // ESC * 24-dot double density, 1 column
            0x1D, 0x38, 0x4C, 0x03, 0x00, 0x00, 0x00, 0x30, 0x32, 0x00,  // GS 8 L
        ]
        let commands = CommandDecoder().decode(bytes).map(\.command)
        #expect(
            commands == [
                .printMode(0x30), .realTimeStatus(1), .automaticStatusBack(0xFF), .transmitPrinterID(0x43),
                .barcode(system: 2, data: [0x35, 0x39]), .barcode(system: 0x49, data: [0x7B, 0x42, 0x41]),
                .rasterImage(mode: 0, widthBytes: 1, height: 2, data: [0xFF, 0x00]),
                .columnImage(mode: 0x21, width: 1, data: [1, 2, 3]), .graphics(m: 0x30, fn: 0x32, parameters: [0]),
            ]
        )
    }

    @Test func textFollowsCodePageSelection() {
        let commands = CommandDecoder(profile: .xprinterXP80).decode([0x1B, 0x74, 0x17, 0xC6, 0x1B, 0x40, 0x80])
        #expect(commands.map(\.command) == [.selectCodePage(23), .text("Ж"), .initialize, .text("Ç")])
    }

    /// Hundreds of thousands of random and mutated inputs: the decoder never traps, consumes every byte
    /// exactly once, and reports anything it does not know.
    @Test func neverCrashesOnRandomOrMutatedInput() throws {
        var generator = SeededRandomNumberGenerator(seed: 0x5EED_E5C0)
        let seeds: [[UInt8]] = try PrinterProfile.builtIn.prefix(4).map {
            try ReceiptCompiler(profile: $0).compile(Receipt { SampleReceipt() }).bytes
        }
        let decoder = CommandDecoder()
        var decodedBytes = 0
        for round in 0..<200_000 {
            var input: [UInt8]
            if round % 2 == 0 {
                input = (0..<Int(generator.next() % 48)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                // Bias towards command prefixes so the parsers' bodies are exercised.
                if !input.isEmpty { input[0] = [0x1B, 0x1D, 0x10, 0x1C][Int(generator.next() % 4)] }
            } else {
                let seed = seeds[round % seeds.count]
                let start = Int(generator.next() % UInt64(seed.count))
                input = Array(seed[start..<min(seed.count, start + 64)])
                for _ in 0..<3 where !input.isEmpty {
                    input[Int(generator.next() % UInt64(input.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
            }
            let commands = decoder.decode(input)
            let consumed = commands.reduce(0) { $0 + $1.bytes.count }
            if consumed != input.count {
                Issue.record("decoder consumed \(consumed) of \(input.count) bytes for \(hex(input))")
                return
            }
            decodedBytes += consumed
            _ = CommandListing(commands).text
        }
        #expect(decodedBytes > 1_000_000)
    }
}
