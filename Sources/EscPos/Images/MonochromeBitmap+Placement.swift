extension MonochromeBitmap {
    /// Returns the bitmap on a wider white canvas, shifted right by `offset` dots.
    ///
    /// The compiler centres or right-aligns images narrower than the paper this way rather than with
    /// `ESC a`, because not every printer applies `ESC a` to graphics.
    ///
    /// - Parameters:
    ///   - canvasWidth: The canvas width in dots; at least `offset + self.width`.
    ///   - offset: The white columns to the left of the image.
    /// - Returns: The shifted bitmap, or this one when the canvas is as wide as it.
    public func placed(inWidth canvasWidth: Int, atOffset offset: Int) -> MonochromeBitmap {
        precondition(offset >= 0 && canvasWidth >= offset + width, "the bitmap does not fit the canvas")
        if canvasWidth == width { return self }
        var canvas = MonochromeBitmap(width: canvasWidth, height: height)
        let sourceRow = bytesPerRow
        let targetRow = canvas.bytesPerRow
        let byteShift = offset >> 3
        let bitShift = offset & 7
        bits.withUnsafeBufferPointer { source in
            canvas.withUnsafeMutableBits { target in
                for y in 0..<height {
                    let from = y * sourceRow
                    let to = y * targetRow + byteShift
                    for i in 0..<sourceRow {
                        let byte = source[from + i]
                        target[to + i] |= byte >> UInt8(bitShift)
                        if bitShift != 0 && i + 1 + byteShift < targetRow {
                            target[to + i + 1] |= byte << UInt8(8 - bitShift)
                        }
                    }
                }
            }
        }
        return canvas
    }

    /// Returns the bitmap with every row repeated `factor` times, for commands without a
    /// double-height mode.
    public func repeatingRows(_ factor: Int) -> MonochromeBitmap {
        precondition(factor >= 1, "the factor must be at least 1")
        if factor == 1 { return self }
        var rows = [UInt8]()
        rows.reserveCapacity(bits.count * factor)
        for y in 0..<height {
            let row = bits[(y * bytesPerRow)..<((y + 1) * bytesPerRow)]
            for _ in 0..<factor { rows.append(contentsOf: row) }
        }
        // The byte count matches by construction.
        return MonochromeBitmap(width: width, height: height * factor, packedRows: rows)
            ?? MonochromeBitmap(width: width, height: height * factor)
    }
}
