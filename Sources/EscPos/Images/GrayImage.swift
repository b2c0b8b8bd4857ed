/// An 8-bit grayscale image: one byte per pixel, 0 is black and 255 is white, rows top to bottom.
///
/// This is what every raster path starts from: decoders (see ``ImageDecoding``) produce one, the
/// processing steps (``resized(width:height:)``, ``adjusted(brightness:contrast:)``, ``inverted()``)
/// return new ones, and ``dithered(_:threshold:)`` turns one into the ``MonochromeBitmap`` the printer gets.
///
/// Values are sRGB-encoded gray levels, the way image files store them. Colour input is converted in
/// linear light (see ``init(width:height:format:bytesPerRow:pixels:pixelLimit:)``), but resizing and
/// dithering work on the encoded values, as most image tools and ESC/POS libraries do; a 50 % gray
/// therefore prints as half the dots, which looks slightly darker on paper than on screen.
/// Use ``adjusted(brightness:contrast:)`` to lighten photos.
///
/// ```swift
/// let image = try GrayImage(width: 2, height: 1, pixels: [0, 255])
/// let bitmap = image.dithered(.threshold)  // one black dot, one white
/// ```
public struct GrayImage: Hashable, Sendable {
    /// Width in pixels, at least 1.
    public let width: Int
    /// Height in pixels, at least 1.
    public let height: Int
    /// The pixels, row by row with no padding: `width * height` bytes, 0 black … 255 white.
    public let pixels: [UInt8]

    /// The largest number of pixels an image may have unless a caller passes another limit:
    /// 40 megapixels (40 MB as gray), more than any receipt needs and small enough to keep memory bounded.
    public static let defaultPixelLimit = 40_000_000

    /// Creates an image from tightly packed gray pixels.
    ///
    /// - Parameters:
    ///   - width: Width in pixels, at least 1.
    ///   - height: Height in pixels, at least 1.
    ///   - pixels: `width * height` gray values, 0 black … 255 white, row by row.
    ///   - pixelLimit: The most pixels accepted; larger images are refused before anything is allocated.
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage`` when a dimension is zero or
    ///   negative, the image has more than `pixelLimit` pixels, or `pixels` has the wrong length.
    public init(width: Int, height: Int, pixels: [UInt8], pixelLimit: Int = GrayImage.defaultPixelLimit) throws {
        try Self.checkDimensions(width: width, height: height, pixelLimit: pixelLimit)
        guard pixels.count == width * height else {
            throw EscPosError(
                .invalidImage,
                "a \(width)×\(height) gray image needs \(width * height) pixel bytes but \(pixels.count) were given"
            )
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Creates an image without checks, for code in this module that has already validated the size.
    init(uncheckedWidth width: Int, height: Int, pixels: [UInt8]) {
        assert(width > 0 && height > 0 && pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Creates an image whose pixels are computed by `body`, which fills a `width * height` buffer.
    init(uncheckedWidth width: Int, height: Int, initializingWith body: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height) { buffer, count in
            body(buffer)
            count = width * height
        }
        self.init(uncheckedWidth: width, height: height, pixels: pixels)
    }

    /// Checks that an image of this size may be created.
    ///
    /// Decoders call this with the size from a file header before they allocate, so an absurd header
    /// (a 100 000 × 100 000 PNG of a few bytes) fails fast instead of exhausting memory.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage``.
    public static func checkDimensions(width: Int, height: Int, pixelLimit: Int = defaultPixelLimit) throws {
        guard width > 0, height > 0 else {
            throw EscPosError(
                .invalidImage,
                "an image must be at least 1×1 pixels but this one is \(width)×\(height)"
            )
        }
        let (pixelCount, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixelCount <= pixelLimit else {
            throw EscPosError(
                .invalidImage,
                "the image is \(width)×\(height) pixels, more than the limit of \(pixelLimit) pixels; "
                    + "scale it down before printing (a receipt is at most a few hundred dots wide)"
            )
        }
    }

    /// The gray value at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> UInt8 {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) is outside the image")
        return pixels[y * width + x]
    }
}
