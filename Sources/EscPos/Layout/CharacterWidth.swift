/// How many printer columns a character takes: East Asian wide and full-width characters take two,
/// combining marks and format characters none, everything else one.
public enum CharacterWidth {
    /// Columns taken by one Unicode scalar.
    @inline(__always)
    public static func columns(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }  // ASCII and Latin-1 through Latin Extended-B: the hot path
        if contains(CharacterWidthTables.zero, value) { return 0 }
        if contains(CharacterWidthTables.wide, value) { return 2 }
        return 1
    }

    /// Columns taken by a character (its scalars added up).
    public static func columns(of character: Character) -> Int {
        character.unicodeScalars.reduce(0) { $0 + columns(of: $1) }
    }

    /// Columns taken by a string.
    public static func columns(of text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { $0 + columns(of: $1) }
    }

    private static func contains(_ ranges: [(UInt32, UInt32)], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.0 {
                high = middle - 1
            } else if value > range.1 {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
