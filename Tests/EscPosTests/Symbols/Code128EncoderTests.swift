import Testing

@testable import EscPos

@Suite struct Code128EncoderTests {
    /// Reads ESC/POS Code 128 data back into items, the way the printer does, so every encoding is checked
    /// for meaning as well as length. Returns nil for malformed data.
    static func interpret(_ bytes: [UInt8]) -> [Code128Encoder.Item]? {
        var items: [Code128Encoder.Item] = []
        var set: Character = "?"
        var shiftNext = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "{") {
                guard index + 1 < bytes.count else { return nil }
                let code = Character(Unicode.Scalar(bytes[index + 1]))
                index += 2
                switch code {
                case "A", "B", "C": set = code
                case "S": shiftNext = true
                case "1": items.append(.fnc1)
                case "{":
                    let effective: Character = shiftNext ? (set == "A" ? "B" : "A") : set
                    guard effective == "B" else { return nil }
                    items.append(.character(UInt8(ascii: "{")))
                    shiftNext = false
                default: return nil
                }
                continue
            }
            switch set {
            case "C":
                guard byte <= 99 else { return nil }
                items += [.character(48 + byte / 10), .character(48 + byte % 10)]
            case "A", "B":
                let effective: Character = shiftNext ? (set == "A" ? "B" : "A") : set
                let fits = effective == "A" ? byte < 96 : (byte >= 32 && byte < 128)
                guard fits else { return nil }
                items.append(.character(byte))
                shiftNext = false
            default:
                return nil
            }
            index += 1
        }
        return items
    }

    /// The fewest symbol characters any sequence of code-set choices needs: a memoised recursive search
    /// over every choice, written independently of the forward dynamic program it checks.
    static func bruteForceMinimum(_ items: [Code128Encoder.Item]) -> Int {
        var memo: [Int: Int] = [:]
        func isDigit(_ i: Int) -> Bool {
            guard i < items.count, case .character(let c) = items[i] else { return false }
            return c >= 48 && c <= 57
        }
        func search(_ position: Int, _ set: Int, _ switchedHere: Bool) -> Int {
            if position == items.count { return 0 }
            let key = (position * 3 + set) * 2 + (switchedHere ? 1 : 0)
            if let known = memo[key] { return known }
            var best = 1000
            if !switchedHere {
                for other in 0..<3 where other != set {
                    best = min(best, 1 + search(position, other, true))
                }
            }
            switch items[position] {
            case .fnc1:
                best = min(best, 1 + search(position + 1, set, false))
            case .character(let c):
                if set == 2 {
                    if isDigit(position), isDigit(position + 1) {
                        best = min(best, 1 + search(position + 2, set, false))
                    }
                } else {
                    let inA = c < 96
                    let inB = c >= 32 && c < 128
                    if set == 0 ? inA : inB { best = min(best, 1 + search(position + 1, set, false)) }
                    if set == 0 ? inB : inA { best = min(best, 2 + search(position + 1, set, false)) }
                }
            }
            memo[key] = best
            return best
        }
        return 1 + ((0..<3).map { search(0, $0, true) }.min() ?? 0)
    }

    static func items(_ text: String) -> [Code128Encoder.Item] { text.utf8.map { .character($0) } }

    /// Strings with digit runs, case changes, control characters and braces, with the symbol-character count
    /// of the shortest encoding (start character included).
    static let cases: [(String, Int)] = [
        ("1234", 3), ("12345", 5), ("123456", 4), ("ABC", 4), ("abc", 4), ("A1", 3),
        ("AB12345678CD", 11), ("ORDER 12345678", 12), ("a\tb", 5), ("\t\n", 3), ("a{b", 4), ("{{", 3),
        ("1a2b", 5), ("12a34", 6), ("0012345678901234", 9), ("X1234Y", 7), ("X123456Y", 8), ("\u{1}a\u{2}b", 7),
    ]

    @Test(arguments: cases)
    func encodingIsShortestAndMeansTheInput(text: String, expectedSymbols: Int) throws {
        let input = Self.items(text)
        let encoding = Code128Encoder.encode(input)
        #expect(encoding.symbolCharacters == expectedSymbols)
        #expect(encoding.symbolCharacters == Self.bruteForceMinimum(input))
        #expect(Self.interpret(encoding.bytes) == input)
    }

    @Test func digitRunsUseCodeSetCAndTextUsesB() {
        #expect(Code128Encoder.encode(Self.items("1234")).bytes == [0x7B, 0x43, 12, 34])
        #expect(Code128Encoder.encode(Self.items("Ab")).bytes == [0x7B, 0x42, 0x41, 0x62])
        let mixed = Code128Encoder.encode(Self.items("AB12345678CD"))
        #expect(mixed.codeSets == [.b, .c, .b])
        #expect(mixed.bytes == [0x7B, 0x42, 0x41, 0x42, 0x7B, 0x43, 12, 34, 56, 78, 0x7B, 0x42, 0x43, 0x44])
    }

    @Test func braceIsEscaped() {
        #expect(Code128Encoder.encode(Self.items("a{b")).bytes == [0x7B, 0x42, 0x61, 0x7B, 0x7B, 0x62])
    }

    @Test func shiftMovesOneCharacterBetweenAAndB() {
        // One control character inside lower-case text: SHIFT is cheaper than two code-set changes.
        #expect(Code128Encoder.encode(Self.items("a\tb")).bytes == [0x7B, 0x42, 0x61, 0x7B, 0x53, 0x09, 0x62])
    }

    @Test func fnc1FollowsTheStartInGS1Data() {
        let encoding = Code128Encoder.encode([.fnc1] + Self.items("0109501101530003"))
        #expect(encoding.bytes == [0x7B, 0x43, 0x7B, 0x31, 1, 9, 50, 11, 1, 53, 0, 3])
    }

    @Test func exhaustiveShortStringsMatchBruteForce() {
        let alphabet: [UInt8] = [0x31, 0x32, 0x61, 0x41, 0x09, 0x7B]
        var checked = 0
        for length in 1...5 {
            var counters = [Int](repeating: 0, count: length)
            while true {
                let input: [Code128Encoder.Item] = counters.map { .character(alphabet[$0]) }
                let encoding = Code128Encoder.encode(input)
                #expect(encoding.symbolCharacters == Self.bruteForceMinimum(input))
                #expect(Self.interpret(encoding.bytes) == input)
                checked += 1
                var position = 0
                while position < length {
                    counters[position] += 1
                    if counters[position] < alphabet.count { break }
                    counters[position] = 0
                    position += 1
                }
                if position == length { break }
            }
        }
        #expect(checked == 6 + 36 + 216 + 1296 + 7776)
    }
}
