/// Chooses Code 128 code sets for the shortest symbol and writes the ESC/POS `GS k` 73 data for it.
///
/// Code 128 has three code sets: A (upper case and control characters), B (printable ASCII) and C (digit
/// pairs). Switching costs a symbol character, and a SHIFT moves a single character between A and B. A
/// dynamic program over (position, code set) finds the encoding with the fewest symbol characters, so the
/// barcode is as narrow as Code 128 allows; among equally short ones it takes the fewest bytes.
///
/// ESC/POS spells code-set changes in the data: `{A` `{B` `{C` select a set, `{S` shifts, `{1` is FNC1 and
/// `{{` is a literal `{`. In code set C each data byte is a pair's value, 0–99.
package struct Code128Encoder {
    /// One thing to encode: a character (ASCII 0–127) or the FNC1 function character.
    package enum Item: Hashable {
        case character(UInt8)
        case fnc1
    }

    /// A Code 128 code set.
    enum CodeSet: Int, CaseIterable {
        case a = 0
        case b = 1
        case c = 2

        /// The order ties are broken in: B (the most common for text), then C, then A.
        static let preferred: [CodeSet] = [.b, .c, .a]

        var selector: UInt8 {
            switch self {
            case .a: BarcodeDataEscape.codeSetA
            case .b: BarcodeDataEscape.codeSetB
            case .c: BarcodeDataEscape.codeSetC
            }
        }

        func canEncode(_ character: UInt8) -> Bool {
            switch self {
            case .a: character < 96
            case .b: character >= 32 && character < 128
            case .c: false
            }
        }
    }

    /// The result: the `GS k` data bytes and the number of symbol characters (start, data, switches, shifts,
    /// FNC1; without the check character and the stop pattern).
    struct Encoding: Hashable {
        var bytes: [UInt8]
        var symbolCharacters: Int
        /// The code sets in the order they are used, for tests and listings.
        var codeSets: [CodeSet]

        /// The symbol's width in modules: each symbol character, the check character and the start are
        /// 11 modules, the stop pattern 13.
        var modules: Int { 11 * (symbolCharacters + 1) + 13 }
    }

    private struct Cost: Comparable {
        var symbols: Int
        var bytes: Int
        static func < (lhs: Cost, rhs: Cost) -> Bool {
            (lhs.symbols, lhs.bytes) < (rhs.symbols, rhs.bytes)
        }
        static func + (lhs: Cost, rhs: Cost) -> Cost {
            Cost(symbols: lhs.symbols + rhs.symbols, bytes: lhs.bytes + rhs.bytes)
        }
    }

    private enum Step {
        case start
        case switchSet(from: CodeSet)
        case pair(UInt8)
        case single(Item)
        case shifted(UInt8)
    }

    private struct Node {
        var cost: Cost
        var step: Step
        var previousPosition: Int
    }

    /// Encodes `items` as shortly as possible. Every character must be ASCII (0–127).
    static func encode(_ items: [Item]) -> Encoding {
        let count = items.count
        let digit = { (index: Int) -> UInt8? in
            guard index < count, case .character(let c) = items[index], c >= 48, c <= 57 else { return nil }
            return c - 48
        }
        var table = [[Node?]](repeating: [nil, nil, nil], count: count + 1)
        for set in CodeSet.preferred {
            table[0][set.rawValue] = Node(cost: Cost(symbols: 1, bytes: 2), step: .start, previousPosition: 0)
        }
        func relax(_ position: Int, _ set: CodeSet, _ cost: Cost, _ step: Step, from previous: Int) {
            if let existing = table[position][set.rawValue], !(cost < existing.cost) { return }
            table[position][set.rawValue] = Node(cost: cost, step: step, previousPosition: previous)
        }
        for position in 0...count {
            // A code-set change at this position (never two in a row: one change is always cheaper).
            let settled = table[position]
            for from in CodeSet.preferred {
                guard let node = settled[from.rawValue] else { continue }
                for to in CodeSet.preferred where to != from {
                    relax(position, to, node.cost + Cost(symbols: 1, bytes: 2), .switchSet(from: from), from: position)
                }
            }
            guard position < count else { break }
            for set in CodeSet.preferred {
                guard let node = table[position][set.rawValue] else { continue }
                let item = items[position]
                switch (set, item) {
                case (_, .fnc1):
                    relax(position + 1, set, node.cost + Cost(symbols: 1, bytes: 2), .single(item), from: position)
                case (.c, .character):
                    if let high = digit(position), let low = digit(position + 1) {
                        relax(
                            position + 2,
                            set,
                            node.cost + Cost(symbols: 1, bytes: 1),
                            .pair(high * 10 + low),
                            from: position
                        )
                    }
                case (.a, .character(let c)), (.b, .character(let c)):
                    let literalBytes = c == BarcodeDataEscape.brace ? 2 : 1
                    if set.canEncode(c) {
                        relax(
                            position + 1,
                            set,
                            node.cost + Cost(symbols: 1, bytes: literalBytes),
                            .single(item),
                            from: position
                        )
                    } else if (set == .a ? CodeSet.b : CodeSet.a).canEncode(c) {
                        relax(
                            position + 1,
                            set,
                            node.cost + Cost(symbols: 2, bytes: 2 + literalBytes),
                            .shifted(c),
                            from: position
                        )
                    }
                }
            }
        }
        // Walk back from the cheapest final state.
        var bestSet = CodeSet.b
        var bestCost: Cost?
        for set in CodeSet.preferred {
            guard let node = table[count][set.rawValue] else { continue }
            if bestCost.map({ node.cost < $0 }) ?? true {
                bestSet = set
                bestCost = node.cost
            }
        }
        var steps: [(Step, CodeSet)] = []
        var position = count
        var set = bestSet
        while let node = table[position][set.rawValue] {
            steps.append((node.step, set))
            if case .start = node.step { break }
            if case .switchSet(let from) = node.step { set = from }
            position = node.previousPosition
        }
        let totalCost = bestCost ?? Cost(symbols: 1, bytes: 2)
        var bytes: [UInt8] = []
        var sets: [CodeSet] = []
        let brace = BarcodeDataEscape.brace
        for (step, set) in steps.reversed() {
            switch step {
            case .start, .switchSet:
                bytes += [brace, set.selector]
                sets.append(set)
            case .pair(let value):
                bytes.append(value)
            case .single(.fnc1):
                bytes += [brace, BarcodeDataEscape.fnc1]
            case .single(.character(let c)):
                bytes += c == brace ? [brace, brace] : [c]
            case .shifted(let c):
                bytes += [brace, BarcodeDataEscape.shift]
                bytes += c == brace ? [brace, brace] : [c]
            }
        }
        return Encoding(bytes: bytes, symbolCharacters: totalCost.symbols, codeSets: sets)
    }
}
