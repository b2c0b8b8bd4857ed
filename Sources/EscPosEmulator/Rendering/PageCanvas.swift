import EscPos

/// The paper the virtual printer prints on: a 1-bit page that grows downwards as the printer feeds,
/// up to a fixed maximum height so no input can make it use unbounded memory.
struct PageCanvas {
    let width: Int
    let bytesPerRow: Int
    let maximumHeight: Int
    /// Rows allocated so far.
    private(set) var height = 0
    private(set) var bits: [UInt8] = []

    init(width: Int, maximumHeight: Int) {
        self.width = width
        self.bytesPerRow = (width + 7) / 8
        self.maximumHeight = maximumHeight
    }

    /// Makes rows `0..<rows` exist; returns `false` (and allocates nothing) beyond the maximum height.
    mutating func ensureRows(_ rows: Int) -> Bool {
        guard rows <= maximumHeight else { return false }
        guard rows >= 0 else { return true }
        if rows > height {
            bits.append(contentsOf: repeatElement(0, count: (rows - height) * bytesPerRow))
            height = rows
        }
        return true
    }

    /// The page as a bitmap, `rows` high (padded with white or cut to that height).
    func bitmap(rows: Int) -> MonochromeBitmap {
        let rows = min(max(rows, 0), maximumHeight)
        var packed = Array(bits.prefix(rows * bytesPerRow))
        if packed.count < rows * bytesPerRow {
            packed.append(contentsOf: repeatElement(0, count: rows * bytesPerRow - packed.count))
        }
        return MonochromeBitmap(width: width, height: rows, packedRows: packed)
            ?? MonochromeBitmap(width: width, height: 0)
    }

    /// The part of `start..<start + length` inside `0..<limit`, or `nil` when nothing of it is; any numbers
    /// are safe (negative, huge, or a sum that would overflow).
    static func span(_ start: Int, _ length: Int, within limit: Int) -> Range<Int>? {
        guard length > 0, limit > 0, start < limit else { return nil }
        let (end, overflow) = start.addingReportingOverflow(length)
        let upper = overflow ? limit : min(limit, end)
        let lower = max(0, start)
        return lower < upper ? lower..<upper : nil
    }

    /// ORs `source` onto the page with its top-left corner at (`x`, `y`); dots outside the page are dropped.
    mutating func draw(_ source: MonochromeBitmap, x: Int, y: Int) {
        guard source.width > 0, let rows = Self.span(y, source.height, within: height),
            Self.span(x, source.width, within: width) != nil
        else { return }
        let firstRow = rows.lowerBound
        let lastRow = rows.upperBound
        if x >= 0, x & 7 == 0, x <= width - source.width {
            // Byte-aligned fast path: whole bytes ORed in (the source's unused low bits are zero).
            let byteOffset = x >> 3
            source.bits.withUnsafeBufferPointer { sourceBits in
                bits.withUnsafeMutableBufferPointer { page in
                    for row in firstRow..<lastRow {
                        let sourceStart = (row - y) * source.bytesPerRow
                        let pageStart = row * bytesPerRow + byteOffset
                        for index in 0..<source.bytesPerRow {
                            page[pageStart + index] |= sourceBits[sourceStart + index]
                        }
                    }
                }
            }
            return
        }
        if x >= 0, x <= width - source.width {
            let shift = x & 7
            let byteOffset = x >> 3
            source.bits.withUnsafeBufferPointer { sourceBits in
                bits.withUnsafeMutableBufferPointer { page in
                    for row in firstRow..<lastRow {
                        let sourceStart = (row - y) * source.bytesPerRow
                        let pageStart = row * bytesPerRow + byteOffset
                        for index in 0..<source.bytesPerRow {
                            let byte = sourceBits[sourceStart + index]
                            guard byte != 0 else { continue }
                            page[pageStart + index] |= byte >> UInt8(shift)
                            if shift > 0, pageStart + index + 1 < (row + 1) * bytesPerRow {
                                page[pageStart + index + 1] |= byte << UInt8(8 - shift)
                            }
                        }
                    }
                }
            }
            return
        }
        // Partly outside the page: dot by dot, over the columns that are on it.
        guard let columns = Self.span(x, source.width, within: width) else { return }
        for row in firstRow..<lastRow {
            for pageX in columns where source[pageX - x, row - y] {
                setDot(pageX, row)
            }
        }
    }

    /// Prints one dot; a dot outside the allocated page is dropped.
    mutating func setDot(_ x: Int, _ y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        bits[y * bytesPerRow + x >> 3] |= 0x80 >> UInt8(x & 7)
    }

    /// Whether a dot is printed; outside the allocated page, `false`.
    func dot(_ x: Int, _ y: Int) -> Bool {
        guard x >= 0, x < width, y >= 0, y < height else { return false }
        return bits[y * bytesPerRow + x >> 3] & (0x80 >> UInt8(x & 7)) != 0
    }

    /// Sets or clears one dot; outside the allocated page, nothing happens.
    mutating func setDot(_ x: Int, _ y: Int, to value: Bool) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let mask: UInt8 = 0x80 >> UInt8(x & 7)
        if value { bits[y * bytesPerRow + x >> 3] |= mask } else { bits[y * bytesPerRow + x >> 3] &= ~mask }
    }

    /// The rectangle clipped to the allocated page, or `nil` when nothing of it is on the page; safe for any
    /// position and size (negative, huge, or overflowing when added).
    private func clip(x: Int, y: Int, width rectWidth: Int, height rectHeight: Int) -> (Range<Int>, Range<Int>)? {
        guard let columns = Self.span(x, rectWidth, within: width), let rows = Self.span(y, rectHeight, within: height)
        else { return nil }
        return (columns, rows)
    }

    /// Prints every dot of a rectangle.
    mutating func fill(x: Int, y: Int, width rectWidth: Int, height rectHeight: Int) {
        guard let (columns, rows) = clip(x: x, y: y, width: rectWidth, height: rectHeight) else { return }
        for row in rows { for column in columns { setDot(column, row) } }
    }

    /// Swaps printed and blank dots in a rectangle (white-on-black printing).
    mutating func invert(x: Int, y: Int, width rectWidth: Int, height rectHeight: Int) {
        guard let (columns, rows) = clip(x: x, y: y, width: rectWidth, height: rectHeight) else { return }
        for row in rows {
            for column in columns {
                bits[row * bytesPerRow + column >> 3] ^= 0x80 >> UInt8(column & 7)
            }
        }
    }

    /// Turns a rectangle by 180° in place (upside-down printing).
    mutating func rotateHalfTurn(x: Int, y: Int, width rectWidth: Int, height rectHeight: Int) {
        guard let (columns, rows) = clip(x: x, y: y, width: rectWidth, height: rectHeight) else { return }
        let count = columns.count * rows.count
        var index = 0
        while index < count / 2 {
            let first = (columns.lowerBound + index % columns.count, rows.lowerBound + index / columns.count)
            let mirrored = count - 1 - index
            let second = (columns.lowerBound + mirrored % columns.count, rows.lowerBound + mirrored / columns.count)
            let a = dot(first.0, first.1)
            let b = dot(second.0, second.1)
            if a != b {
                setDot(first.0, first.1, to: b)
                setDot(second.0, second.1, to: a)
            }
            index += 1
        }
    }

    /// A dashed line across the page marking a cut; a partial cut leaves a short bridge in the middle.
    mutating func drawCutMark(y: Int, partial: Bool) {
        guard y >= 0, y < height else { return }
        let bridge = partial ? max(0, width / 2 - 12)..<(width / 2 + 12) : 0..<0
        for column in 0..<width where column % 12 < 8 && !bridge.contains(column) {
            setDot(column, y)
        }
    }
}
