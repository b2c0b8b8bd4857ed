extension GrayImage {
    /// Returns the image scaled to exactly `width` × `height` pixels by area averaging.
    ///
    /// Each output pixel is the average of the source area it covers, weighted by how much of each
    /// source pixel falls inside it, so thin lines and fine text turn gray instead of vanishing or
    /// flickering as they do with point sampling. Enlarging uses the same rule, which gives
    /// sharp-edged (box-filtered) pixels. Averaging is done on the encoded gray values.
    ///
    /// ```swift
    /// let thumbnail = image.resized(width: 200, height: 100)
    /// ```
    ///
    /// - Precondition: `width` and `height` are at least 1.
    public func resized(width newWidth: Int, height newHeight: Int) -> GrayImage {
        precondition(newWidth > 0 && newHeight > 0, "the target size must be at least 1×1")
        if newWidth == width && newHeight == height { return self }
        let columns = AreaWeights(source: width, destination: newWidth)
        let rows = AreaWeights(source: height, destination: newHeight)
        // Horizontal pass: every source row to `newWidth` values in 1/256 gray steps (at most 65 280).
        var horizontal = [UInt16](repeating: 0, count: height * newWidth)
        pixels.withUnsafeBufferPointer { source in
            horizontal.withUnsafeMutableBufferPointer { output in
                columns.withUnsafeBuffers { starts, counts, weights in
                    let divisor = width
                    for y in 0..<height {
                        let row = y * width
                        let outRow = y * newWidth
                        for x in 0..<newWidth {
                            var sum = 0
                            var w = starts.weightOffset[x]
                            let first = row + starts.first[x]
                            for i in 0..<counts[x] {
                                sum &+= Int(source[first + i]) &* Int(weights[w])
                                w += 1
                            }
                            output[outRow + x] = UInt16(truncatingIfNeeded: (sum << 8 + divisor / 2) / divisor)
                        }
                    }
                }
            }
        }
        // Vertical pass: weighted sums of the horizontal rows.
        return GrayImage(uncheckedWidth: newWidth, height: newHeight) { output in
            horizontal.withUnsafeBufferPointer { input in
                rows.withUnsafeBuffers { starts, counts, weights in
                    let divisor = height << 8
                    var sums = [Int](repeating: 0, count: newWidth)
                    sums.withUnsafeMutableBufferPointer { sums in
                        for y in 0..<newHeight {
                            for x in 0..<newWidth { sums[x] = 0 }
                            var w = starts.weightOffset[y]
                            for i in 0..<counts[y] {
                                let weight = Int(weights[w])
                                w += 1
                                let row = (starts.first[y] + i) * newWidth
                                for x in 0..<newWidth {
                                    sums[x] &+= Int(input[row + x]) &* weight
                                }
                            }
                            let outRow = y * newWidth
                            for x in 0..<newWidth {
                                output[outRow + x] = UInt8(truncatingIfNeeded: (sums[x] + divisor / 2) / divisor)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Returns the image scaled to `maxWidth` pixels wide, keeping its aspect ratio, if it is wider;
    /// narrower images are enlarged only when `allowUpscaling` is `true`.
    ///
    /// This is what the compiler does by default with the profile's printable width, so a photo
    /// from a phone fills the paper and a small logo keeps its crisp pixels.
    ///
    /// - Parameters:
    ///   - maxWidth: The widest result, in pixels (printer dots); at least 1.
    ///   - allowUpscaling: Whether a narrower image is enlarged to `maxWidth`.
    /// - Returns: The scaled image, or this image when it already fits.
    public func fitted(toWidth maxWidth: Int, allowUpscaling: Bool = false) -> GrayImage {
        precondition(maxWidth > 0, "the width to fit must be at least 1")
        guard width > maxWidth || (allowUpscaling && width < maxWidth) else { return self }
        return resized(width: maxWidth, height: Self.scaledLength(height, by: maxWidth, over: width))
    }

    /// `length × numerator / denominator`, rounded, and at least 1.
    static func scaledLength(_ length: Int, by numerator: Int, over denominator: Int) -> Int {
        max(1, (length * numerator + denominator / 2) / denominator)
    }
}

/// For each output pixel along one axis, the source pixels it covers and by how much.
///
/// Output pixel `d` spans `[d × source, (d + 1) × source)` and source pixel `s` spans
/// `[s × destination, (s + 1) × destination)` on a common integer axis, so the overlaps are exact
/// integers that add up to `source` for every output pixel.
private struct AreaWeights {
    struct Starts {
        var first: [Int]
        var weightOffset: [Int]
    }
    var starts: Starts
    var counts: [Int]
    var weights: [Int32]

    init(source: Int, destination: Int) {
        var first = [Int]()
        var offsets = [Int]()
        var counts = [Int]()
        var weights = [Int32]()
        first.reserveCapacity(destination)
        offsets.reserveCapacity(destination)
        counts.reserveCapacity(destination)
        for d in 0..<destination {
            let lower = d * source
            let upper = lower + source
            let firstSource = lower / destination
            let lastSource = (upper - 1) / destination
            first.append(firstSource)
            offsets.append(weights.count)
            counts.append(lastSource - firstSource + 1)
            for s in firstSource...lastSource {
                let overlap = min(upper, (s + 1) * destination) - max(lower, s * destination)
                weights.append(Int32(overlap))
            }
        }
        self.starts = Starts(first: first, weightOffset: offsets)
        self.counts = counts
        self.weights = weights
    }

    func withUnsafeBuffers<R>(
        _ body: (Starts, UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int32>) -> R
    ) -> R {
        counts.withUnsafeBufferPointer { counts in
            weights.withUnsafeBufferPointer { weights in body(starts, counts, weights) }
        }
    }
}
