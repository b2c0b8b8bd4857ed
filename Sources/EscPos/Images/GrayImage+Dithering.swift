extension GrayImage {
    /// Turns the image into printer dots with the chosen dithering method.
    ///
    /// The whole image is processed in one pass, top to bottom, before it is cut into bands for the
    /// printer, so error diffusion never restarts at a band edge and no seams appear.
    ///
    /// `threshold` is the gray level below which a pixel prints: the decision level for ``Dithering/threshold``
    /// and the error-diffusion methods, and a shift of the whole matrix (`threshold − 128`) for the
    /// Bayer methods, so raising it darkens every method alike.
    ///
    /// ```swift
    /// let dots = photo.fitted(toWidth: 576).dithered(.floydSteinberg)
    /// ```
    ///
    /// - Parameters:
    ///   - method: The dithering algorithm.
    ///   - threshold: 0 (nothing prints) … 128 (the default) … 256 (everything prints).
    /// - Returns: A bitmap of the same size, 1 = printed dot.
    public func dithered(_ method: Dithering = .floydSteinberg, threshold: Int = 128) -> MonochromeBitmap {
        precondition((0...256).contains(threshold), "the threshold must be in 0...256")
        var bitmap = MonochromeBitmap(width: width, height: height)
        let width = width
        let height = height
        let bytesPerRow = bitmap.bytesPerRow
        pixels.withUnsafeBufferPointer { input in
            bitmap.withUnsafeMutableBits { bits in
                guard let source = input.baseAddress, let output = bits.baseAddress else { return }
                let image = DitherImage(
                    pixels: source,
                    width: width,
                    height: height,
                    bits: output,
                    bytesPerRow: bytesPerRow
                )
                switch method {
                case .threshold: image.threshold(threshold)
                case .floydSteinberg: image.floydSteinberg(threshold: threshold)
                case .atkinson: image.atkinson(threshold: threshold)
                case .bayer4x4: image.ordered(matrix: BayerMatrix.four, size: 4, threshold: threshold)
                case .bayer8x8: image.ordered(matrix: BayerMatrix.eight, size: 8, threshold: threshold)
                }
            }
        }
        return bitmap
    }
}

/// The Bayer index matrices, row by row.
enum BayerMatrix {
    static let four: [Int] = [
        0, 8, 2, 10,
        12, 4, 14, 6,
        3, 11, 1, 9,
        15, 7, 13, 5,
    ]
    static let eight: [Int] = [
        0, 32, 8, 40, 2, 34, 10, 42,
        48, 16, 56, 24, 50, 18, 58, 26,
        12, 44, 4, 36, 14, 46, 6, 38,
        60, 28, 52, 20, 62, 30, 54, 22,
        3, 35, 11, 43, 1, 33, 9, 41,
        51, 19, 59, 27, 49, 17, 57, 25,
        15, 47, 7, 39, 13, 45, 5, 37,
        63, 31, 55, 23, 61, 29, 53, 21,
    ]
}

/// The dithering loops over raw pointers: one pass, row buffers allocated once, no allocation per pixel.
private struct DitherImage {
    let pixels: UnsafePointer<UInt8>
    let width: Int
    let height: Int
    let bits: UnsafeMutablePointer<UInt8>
    let bytesPerRow: Int

    /// Dot where `pixel < threshold`, eight pixels per output byte.
    func threshold(_ threshold: Int) {
        if threshold <= 0 { return }  // nothing prints; the bitmap starts white
        if threshold > 255 {
            fillBlack()
            return
        }
        let level = SIMD8<UInt8>(repeating: UInt8(threshold))
        let weights = SIMD8<UInt8>(0x80, 0x40, 0x20, 0x10, 0x08, 0x04, 0x02, 0x01)
        let zero = SIMD8<UInt8>(repeating: 0)
        let wholeBytes = width >> 3
        for y in 0..<height {
            let row = pixels + y * width
            let out = bits + y * bytesPerRow
            for b in 0..<wholeBytes {
                let values = UnsafeRawPointer(row + (b << 3)).loadUnaligned(as: SIMD8<UInt8>.self)
                out[b] = zero.replacing(with: weights, where: values .< level).wrappedSum()
            }
            var byte: UInt8 = 0
            var mask: UInt8 = 0x80
            for x in (wholeBytes << 3)..<width {
                if Int(row[x]) < threshold { byte |= mask }
                mask >>= 1
            }
            if width & 7 != 0 { out[wholeBytes] = byte }
        }
    }

    private func fillBlack() {
        let unused = UInt8(truncatingIfNeeded: 0xFF << (8 - ((width - 1) & 7) - 1))
        for y in 0..<height {
            let out = bits + y * bytesPerRow
            out.update(repeating: 0xFF, count: bytesPerRow)
            out[bytesPerRow - 1] = unused
        }
    }

    /// Floyd–Steinberg error diffusion with integer errors in gray steps.
    ///
    /// The error `e` of a pixel is split as `round(7e/16)` right, `round(3e/16)` down-left,
    /// `round(5e/16)` down and the remainder down-right, so no error is lost to rounding; shares that
    /// fall outside the image are dropped. The errors for the next row are kept in registers until
    /// final, so each row buffer entry is written once.
    func floydSteinberg(threshold: Int) {
        let current = UnsafeMutablePointer<Int>.allocate(capacity: width + 1)
        let next = UnsafeMutablePointer<Int>.allocate(capacity: width + 1)
        current.initialize(repeating: 0, count: width + 1)
        next.initialize(repeating: 0, count: width + 1)
        defer {
            current.deallocate()
            next.deallocate()
        }
        // Index −1 of each row buffer is a write-only slot for errors pushed off the left edge.
        var above = current + 1
        var below = next + 1
        for y in 0..<height {
            let row = pixels + y * width
            let out = bits + y * bytesPerRow
            var right = 0  // error for x + 1 from x
            var belowLeft = 0  // the next row's x − 1 so far (needs 3/16 from x)
            var belowHere = 0  // the next row's x so far (needs 5/16 from x and 3/16 from x + 1)
            var byte: UInt8 = 0
            for x in 0..<width {
                let value = Int(row[x]) &+ above[x] &+ right
                let dot = value < threshold
                let error = dot ? value : value &- 255
                let seven = (error &* 7 &+ 8) >> 4
                let three = (error &* 3 &+ 8) >> 4
                let five = (error &* 5 &+ 8) >> 4
                right = seven
                below[x &- 1] = belowLeft &+ three
                belowLeft = belowHere &+ five
                belowHere = error &- seven &- three &- five
                byte = byte << 1 | (dot ? 1 : 0)
                if x & 7 == 7 {
                    out[x >> 3] = byte
                    byte = 0
                }
            }
            below[width - 1] = belowLeft
            if width & 7 != 0 { out[width >> 3] = byte << UInt8(8 - width & 7) }
            swap(&above, &below)
        }
    }

    /// Atkinson error diffusion: `round(e/8)` to x+1 and x+2, to x−1, x and x+1 on the next row and to
    /// x two rows down; the remaining quarter of the error is dropped by design.
    func atkinson(threshold: Int) {
        let storage = UnsafeMutablePointer<Int>.allocate(capacity: 3 * (width + 1))
        storage.initialize(repeating: 0, count: 3 * (width + 1))
        defer { storage.deallocate() }
        var above = storage + 1  // errors arriving at this row
        var below = storage + (width + 1) + 1  // at the next row
        var belowTwo = storage + 2 * (width + 1) + 1  // at the row after
        for y in 0..<height {
            let row = pixels + y * width
            let out = bits + y * bytesPerRow
            var toNext = 0  // error arriving at x + 1 from this row
            var toNextButOne = 0  // error arriving at x + 2
            var previous = 0  // the eighth from x − 1
            var beforePrevious = 0  // the eighth from x − 2
            var byte: UInt8 = 0
            for x in 0..<width {
                let value = Int(row[x]) &+ above[x] &+ toNext
                let dot = value < threshold
                let error = dot ? value : value &- 255
                let eighth = (error &+ 4) >> 3
                toNext = toNextButOne &+ eighth
                toNextButOne = eighth
                below[x &- 1] = below[x &- 1] &+ beforePrevious &+ previous &+ eighth
                belowTwo[x] = eighth
                beforePrevious = previous
                previous = eighth
                byte = byte << 1 | (dot ? 1 : 0)
                if x & 7 == 7 {
                    out[x >> 3] = byte
                    byte = 0
                }
            }
            below[width - 1] = below[width - 1] &+ beforePrevious &+ previous
            below[-1] = 0
            if width & 7 != 0 { out[width >> 3] = byte << UInt8(8 - width & 7) }
            let finished = above
            above = below
            below = belowTwo
            belowTwo = finished
        }
    }

    /// Ordered dithering: dot where `pixel < (2 × index + 1) × 128 / cells + (threshold − 128)`.
    func ordered(matrix: [Int], size: Int, threshold: Int) {
        let cells = size * size
        let levels = matrix.map { (2 * $0 + 1) * 128 / cells + threshold - 128 }
        levels.withUnsafeBufferPointer { levels in
            let mask = size - 1
            for y in 0..<height {
                let row = pixels + y * width
                let out = bits + y * bytesPerRow
                let rowStart = (y & mask) * size
                var byte: UInt8 = 0
                for x in 0..<width {
                    byte = byte << 1 | (Int(row[x]) < levels[rowStart + (x & mask)] ? 1 : 0)
                    if x & 7 == 7 {
                        out[x >> 3] = byte
                        byte = 0
                    }
                }
                if width & 7 != 0 { out[width >> 3] = byte << UInt8(8 - width & 7) }
            }
        }
    }
}
