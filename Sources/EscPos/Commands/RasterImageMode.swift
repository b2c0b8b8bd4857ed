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
