/// The `m` byte of `ESC * m nL nH …` (column bit image): 0 and 1 are 8-dot columns, 32 and 33 24-dot
/// columns; odd modes are double density (one dot per head dot across), even ones single density.
package enum ColumnImageMode {
    /// 24 dots per column (3 bytes), single density.
    package static let singleDensity24: UInt8 = 32
    /// 24 dots per column (3 bytes), double density.
    package static let doubleDensity24: UInt8 = 33

    /// Whether mode `m` has 24-dot (3-byte) columns rather than 8-dot (1-byte) ones.
    package static func isTwentyFourDot(_ m: UInt8) -> Bool { m >= singleDensity24 }

    /// Whether mode `m` is double density.
    package static func isDoubleDensity(_ m: UInt8) -> Bool { m & 1 == 1 }
}
