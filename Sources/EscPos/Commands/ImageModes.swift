/// The `m` byte of `GS v 0 m …` (raster bit image): bit 0 doubles the width, bit 1 the height; 48–51 are
/// the same modes as ASCII digits.
package enum RasterImageMode {
    /// Bit 0: each dot twice as wide.
    package static let doubleWidth: UInt8 = 0x01
    /// Bit 1: each dot twice as high.
    package static let doubleHeight: UInt8 = 0x02
    /// The bits that select the scale (the high nibble only tells digits from numbers).
    package static let scaleBits: UInt8 = 0x0F

    /// The mode byte for the given scale.
    package static func mode(doubleWidth: Bool, doubleHeight: Bool) -> UInt8 {
        (doubleWidth ? Self.doubleWidth : 0) | (doubleHeight ? Self.doubleHeight : 0)
    }
}

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
