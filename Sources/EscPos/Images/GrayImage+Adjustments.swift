extension GrayImage {
    /// Returns the image with its brightness and contrast changed.
    ///
    /// Each value becomes `(value − 127.5) × (1 + contrast) + 127.5 + brightness × 255`, clamped to 0...255.
    /// Thermal paper shows dark mid-tones heavily, so photos usually print better with a little extra
    /// brightness (0.1–0.2).
    ///
    /// ```swift
    /// let lighter = photo.adjusted(brightness: 0.15, contrast: 0.1)
    /// ```
    ///
    /// - Parameters:
    ///   - brightness: −1 (everything black) … 0 (unchanged) … 1 (everything white).
    ///   - contrast: −1 (flat gray) … 0 (unchanged) … 1 (twice the contrast).
    /// - Returns: The adjusted image, or this image when both are 0.
    public func adjusted(brightness: Double = 0, contrast: Double = 0) -> GrayImage {
        if brightness == 0 && contrast == 0 { return self }
        var table = [UInt8](repeating: 0, count: 256)
        for value in 0..<256 {
            let adjusted = (Double(value) - 127.5) * (1 + contrast) + 127.5 + brightness * 255
            // Clamp first, then round by adding ½ and truncating: no libm call (`rounded()` needs `round`,
            // which a program linking EscPos without Foundation does not get), and NaN cannot trap.
            let clamped = adjusted.isNaN ? 0 : max(0, min(255, adjusted))
            table[value] = UInt8(clamped + 0.5)
        }
        return mapped(through: table)
    }

    /// Returns the image with black and white swapped (`255 − value`), for white-on-black printing.
    public func inverted() -> GrayImage {
        mapped(through: (0..<256).map { UInt8(255 - $0) })
    }

    /// Applies a 256-entry lookup table to every pixel.
    private func mapped(through table: [UInt8]) -> GrayImage {
        GrayImage(uncheckedWidth: width, height: height) { output in
            pixels.withUnsafeBufferPointer { input in
                table.withUnsafeBufferPointer { table in
                    for i in 0..<input.count {
                        output[i] = table[Int(input[i])]
                    }
                }
            }
        }
    }
}
