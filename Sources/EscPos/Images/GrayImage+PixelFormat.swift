extension GrayImage {
    /// The layout of one pixel in a buffer handed to ``GrayImage/init(width:height:format:bytesPerRow:pixels:pixelLimit:)``.
    ///
    /// All formats have 8 bits per channel, sRGB-encoded, with straight (not premultiplied) alpha.
    public enum PixelFormat: String, Hashable, Sendable, Codable, CaseIterable {
        /// One gray byte per pixel, 0 black … 255 white.
        case gray
        /// A gray byte followed by an alpha byte (255 opaque).
        case grayAlpha
        /// Red, green and blue bytes.
        case rgb
        /// Red, green, blue and alpha bytes (255 opaque).
        case rgba

        /// Bytes per pixel.
        public var bytesPerPixel: Int {
            switch self {
            case .gray: 1
            case .grayAlpha: 2
            case .rgb: 3
            case .rgba: 4
            }
        }
    }

    /// Creates a gray image from a pixel buffer in any of the common layouts, with an optional row stride.
    ///
    /// Use this when your service decodes images itself (or draws them) and hands over raw pixels.
    ///
    /// Colour is converted to gray by relative luminance: each channel is decoded from sRGB to linear
    /// light, weighted 0.2126 R + 0.7152 G + 0.0722 B (the Rec. 709 / sRGB primaries), and the result is
    /// encoded back to sRGB, so a saturated blue prints much darker than a yellow of the same code values.
    /// Transparent pixels are composited over white paper, also in linear light. Gray input is taken
    /// as it is.
    ///
    /// ```swift
    /// let logo = try GrayImage(width: 64, height: 32, format: .rgba, pixels: rgbaBytes)
    /// ```
    ///
    /// - Parameters:
    ///   - width: Width in pixels, at least 1.
    ///   - height: Height in pixels, at least 1.
    ///   - format: The layout of each pixel.
    ///   - bytesPerRow: The distance between the starts of two rows; `nil` means rows are tightly packed.
    ///   - pixels: The buffer; it must hold `(height − 1) × bytesPerRow + width × bytesPerPixel` bytes.
    ///   - pixelLimit: The most pixels accepted.
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage`` for an empty or too large image,
    ///   a stride shorter than a row, or a buffer too short for the size.
    public init(
        width: Int,
        height: Int,
        format: PixelFormat,
        bytesPerRow: Int? = nil,
        pixels: [UInt8],
        pixelLimit: Int = GrayImage.defaultPixelLimit
    ) throws {
        self = try pixels.withUnsafeBytes { buffer in
            try GrayImage(
                width: width,
                height: height,
                format: format,
                bytesPerRow: bytesPerRow,
                buffer: buffer,
                pixelLimit: pixelLimit
            )
        }
    }

    /// Creates a gray image from raw memory; see ``init(width:height:format:bytesPerRow:pixels:pixelLimit:)``.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage``.
    public init(
        width: Int,
        height: Int,
        format: PixelFormat,
        bytesPerRow: Int? = nil,
        buffer: UnsafeRawBufferPointer,
        pixelLimit: Int = GrayImage.defaultPixelLimit
    ) throws {
        try Self.checkDimensions(width: width, height: height, pixelLimit: pixelLimit)
        let rowBytes = width * format.bytesPerPixel
        let stride = bytesPerRow ?? rowBytes
        guard stride >= rowBytes else {
            throw EscPosError(
                .invalidImage,
                "bytesPerRow is \(stride) but a row of \(width) \(format.rawValue) pixels needs at least \(rowBytes)"
            )
        }
        let needed = (height - 1) * stride + rowBytes
        guard buffer.count >= needed else {
            throw EscPosError(
                .invalidImage,
                "a \(width)×\(height) \(format.rawValue) image with \(stride) bytes per row needs \(needed) bytes "
                    + "but the buffer has \(buffer.count)"
            )
        }
        guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            throw EscPosError(.invalidImage, "the pixel buffer is empty")
        }
        self.init(uncheckedWidth: width, height: height) { output in
            guard let out = output.baseAddress else { return }
            for y in 0..<height {
                Self.convertRow(from: base + y * stride, to: out + y * width, count: width, format: format)
            }
        }
    }

    /// Converts one row of `count` pixels to gray.
    private static func convertRow(
        from source: UnsafePointer<UInt8>,
        to destination: UnsafeMutablePointer<UInt8>,
        count: Int,
        format: PixelFormat
    ) {
        SRGB.toLinear.withUnsafeBufferPointer { toLinear in
            SRGB.fromLinear.withUnsafeBufferPointer { fromLinear in
                switch format {
                case .gray:
                    destination.update(from: source, count: count)
                case .grayAlpha:
                    for x in 0..<count {
                        let linear = Int(toLinear[Int(source[2 * x])])
                        destination[x] =
                            fromLinear[composite(linear, alpha: source[2 * x + 1]) >> SRGB.linearIndexShift]
                    }
                case .rgb:
                    for x in 0..<count {
                        let p = source + 3 * x
                        destination[x] = fromLinear[luminance(p, toLinear) >> SRGB.linearIndexShift]
                    }
                case .rgba:
                    for x in 0..<count {
                        let p = source + 4 * x
                        let linear = composite(luminance(p, toLinear), alpha: p[3])
                        destination[x] = fromLinear[linear >> SRGB.linearIndexShift]
                    }
                }
            }
        }
    }

    /// Rec. 709 weights scaled to sum to 65 536: 0.2126, 0.7152, 0.0722.
    private static let redWeight = 13933, greenWeight = 46871, blueWeight = 4732

    /// The linear-light luminance (0...65535) of the RGB triple at `p`.
    @inline(__always)
    private static func luminance(_ p: UnsafePointer<UInt8>, _ toLinear: UnsafeBufferPointer<UInt16>) -> Int {
        let sum =
            redWeight * Int(toLinear[Int(p[0])]) + greenWeight * Int(toLinear[Int(p[1])])
            + blueWeight * Int(toLinear[Int(p[2])])
        return (sum + 32768) >> 16
    }

    /// A linear value (0...65535) seen through `alpha` over white paper.
    @inline(__always)
    private static func composite(_ linear: Int, alpha: UInt8) -> Int {
        let a = Int(alpha)
        return (linear * a + 65535 * (255 - a) + 127) / 255
    }
}
