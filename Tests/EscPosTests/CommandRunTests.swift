import EscPos
import EscPosTestSupport
import Testing

/// Issue 10, defect 6: a stream costs commands per structure, not per byte.
@Suite struct CommandRunTests {
    @Test func aMegabyteOfNulIsOneCommand() throws {
        let bytes = [UInt8](repeating: 0x00, count: 1 << 20)
        let commands = CommandDecoder().decode(bytes)
        #expect(commands.count == 1)
        let run = try #require(commands.first)
        #expect(run.command == .unknownRun(count: 1 << 20))
        #expect(run.bytes.count == 1 << 20)
        #expect(CommandListing(commands).problemCount == 1)
        #expect(CommandListing.line(run) == "000000  00 00 00 00 00 00 00 00 …  ?          1048576 unknown bytes")
    }

    @Test func runsOfLineFeedsTabsAndReturnsAreOneCommandEach() {
        let bytes: [UInt8] =
            Array(repeating: 0x0A, count: 1_000) + Array(repeating: 0x09, count: 500) + [0x41]
            + Array(repeating: 0x0D, count: 2) + [0x0A, 0x0C, 0x0C]
        let commands = CommandDecoder().decode(bytes).map(\.command)
        #expect(
            commands == [
                .repeated(.lineFeed, count: 1_000), .repeated(.horizontalTab, count: 500), .text("A"),
                .repeated(.carriageReturn, count: 2), .lineFeed, .repeated(.formFeed, count: 2),
            ]
        )
        #expect(CommandListing(CommandDecoder().decode(bytes)).problemCount == 0)
        #expect(Command.repeated(.lineFeed, count: 3).meaning == "print line and feed × 3")
        #expect(Command.repeated(.lineFeed, count: 3).name == "LF")
    }

    @Test func mixedUnknownBytesJoinOneRunAndTheNextCommandFollows() {
        // 01 02, then ESC with a code that starts no command (so ESC alone is unknown, "A" is text), 7F 07,
        // then ESC @ and text.
        let bytes: [UInt8] = [0x01, 0x02, 0x1B, 0x41, 0x7F, 0x07, 0x1B, 0x40, 0x41]
        let commands = CommandDecoder().decode(bytes)
        #expect(
            commands.map(\.command) == [
                .unknownRun(count: 3), .text("A"), .unknownRun(count: 2), .initialize, .text("A"),
            ]
        )
        #expect(commands.map(\.offset) == [0, 3, 4, 6, 8])
        #expect(commands.reduce(0) { $0 + $1.bytes.count } == bytes.count)
    }

    @Test func aSingleUnknownByteOrLineFeedIsListedAsBefore() {
        let commands = CommandDecoder().decode([0x07, 0x41, 0x0A])
        #expect(commands.map(\.command) == [.unknown(0x07), .text("A"), .lineFeed])
    }

    @Test func theLazyCommandsAreTheDecodedOnes() throws {
        var generator = SeededRandomNumberGenerator(seed: 10)
        let alphabet: [UInt8] = [0x00, 0x0A, 0x09, 0x1B, 0x1D, 0x40, 0x41, 0x07, 0x0D]
        let bytes = (0..<50_000).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        let decoder = CommandDecoder()
        let lazy = Array(decoder.commands(in: bytes))
        #expect(lazy == decoder.decode(bytes))
        #expect(lazy.reduce(0) { $0 + $1.bytes.count } == bytes.count)
        // No two neighbours are both unknown, or both the same one-byte command.
        for (a, b) in zip(lazy, lazy.dropFirst()) {
            if a.command.isUnknownByte, b.command.isUnknownByte {
                Issue.record("unjoined unknown bytes at \(a.offset)")
            }
            if a.command == .lineFeed, b.command == .lineFeed { Issue.record("unjoined LF at \(a.offset)") }
        }
    }

    @Test func aBoundedListingSaysWhatItLeftOut() {
        let bytes = [UInt8](repeating: 0x1B, count: 2) + Array(repeating: [0x1B, 0x40], count: 1_000).flatMap { $0 }
        let listing = CommandListing(CommandDecoder().decode(bytes))
        let text = listing.text(maximumLength: 10_000)
        #expect(text.utf8.count <= 10_000 + 100)
        #expect(text.hasSuffix("more commands not listed (listing limited to 10000 bytes)\n"))
        #expect(listing.text(maximumLength: 1 << 30) == listing.text)
    }

    @Test func aJobListingStopsAtItsDocumentedLimit() {
        let bytes = [UInt8](repeatElement([0x1B, 0x40], count: 2 << 20).joined())  // 4 MiB, 2 Mi commands
        let text = CommandListing.text(
            of: CommandDecoder().commands(in: bytes),
            maximumLength: CommandListing.jobListingLimit
        )
        #expect(text.utf8.count <= CommandListing.jobListingLimit + 100)
        #expect(text.hasPrefix("000000  1B 40 "))
        #expect(text.hasSuffix(" more commands not listed (listing limited to 4194304 bytes)\n"))
    }

    @Test func listingLinesKeepTheirColumnsForLongOffsetsNamesAndNonASCII() {
        let wide = DecodedCommand(offset: 1_234_567, bytes: [0x1B, 0x40], command: .initialize)
        #expect(
            CommandListing.line(wide) == "1234567 1B 40" + String(repeating: " ", count: 22) + "ESC @      "
                + "initialise printer (styles and code page to power-on state)"
        )
        let bytes: ArraySlice<UInt8> = [0x1D, 0x28, 0xE9, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04]
        let accented = DecodedCommand(offset: 5, bytes: bytes, command: .other(name: "GS ( é", parameters: []))
        #expect(CommandListing.line(accented) == "000005  1D 28 E9 00 00 01 02 03 …  GS ( é     ")
        let long = DecodedCommand(offset: 0, bytes: [0x41], command: .other(name: "LONGNAME123", parameters: [1]))
        let expected = "000000  41" + String(repeating: " ", count: 25) + "LONGNAME123 parameters 01"
        #expect(CommandListing.line(long) == expected)
    }
}

extension Command {
    fileprivate var isUnknownByte: Bool {
        switch self {
        case .unknown, .unknownRun: return true
        default: return false
        }
    }
}
