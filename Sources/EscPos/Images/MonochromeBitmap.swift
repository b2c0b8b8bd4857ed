/// A 1-bit image in the printer's own layout: rows of bits packed most significant bit first, 1 = a printed dot.
///
/// This is what every graphics command sends (`GS v 0`, `GS ( L`, `ESC *`) once an image has been
/// scaled and dithered, and what the software symbol renderer produces for barcodes a printer can't draw.
///
/// ```swift
/// var bitmap = MonochromeBitmap(width: 10, height: 2)
/// bitmap[3, 1] = true
/// ```
public struct MonochromeBitmap: Hashable, Sendable {
    /// Width in dots.
    public let width: Int
    /// Height in dots.
    public let height: Int
    /// Bytes in one row: `(width + 7) / 8`. Unused low bits of the last byte are zero.
    public let bytesPerRow: Int
    /// The packed rows, top row first, `bytesPerRow * height` bytes.
    public private(set) var bits: [UInt8]

    /// Creates an all-white bitmap.
    ///
    /// - Precondition: `width` and `height` are not negative.
    public init(width: Int, height: Int) {
        precondition(width >= 0 && height >= 0, "bitmap dimensions must not be negative")
        self.width = width
        self.height = height
        self.bytesPerRow = (width + 7) / 8
        self.bits = [UInt8](repeating: 0, count: bytesPerRow * height)
    }

    /// Creates a bitmap from packed rows.
    ///
    /// - Returns: `nil` when `bits` does not hold exactly `((width + 7) / 8) * height` bytes.
    public init?(width: Int, height: Int, packedRows bits: [UInt8]) {
        guard width >= 0, height >= 0, bits.count == ((width + 7) / 8) * height else { return nil }
        self.width = width
        self.height = height
        self.bytesPerRow = (width + 7) / 8
        self.bits = bits
    }

    /// The dot at column `x`, row `y`; `true` means printed (black).
    public subscript(x: Int, y: Int) -> Bool {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) is outside the bitmap")
            return bits[y * bytesPerRow + x >> 3] & (0x80 >> UInt8(x & 7)) != 0
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) is outside the bitmap")
            let index = y * bytesPerRow + x >> 3
            let mask: UInt8 = 0x80 >> UInt8(x & 7)
            if newValue { bits[index] |= mask } else { bits[index] &= ~mask }
        }
    }

    /// Gives direct, fast access to the packed rows for encoders that fill whole bytes.
    public mutating func withUnsafeMutableBits<R>(
        _ body: (inout UnsafeMutableBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        try bits.withUnsafeMutableBufferPointer { try body(&$0) }
    }

    /// The number of printed dots, useful for checking dither density.
    public var printedDotCount: Int {
        bits.reduce(0) { $0 + $1.nonzeroBitCount }
    }
}
