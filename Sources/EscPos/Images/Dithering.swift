/// How a gray image becomes printed dots.
///
/// Thermal printers print a dot or nothing, so gray is simulated by the density of dots.
/// In the JSON form the method is a string: `"dithering": "floydSteinberg"`.
///
/// | Method | Best for |
/// |---|---|
/// | ``threshold`` | logos, text, barcodes, signatures: black and white art |
/// | ``floydSteinberg`` | photos: the finest detail, slightly grainy |
/// | ``atkinson`` | photos and illustrations with more contrast; light and dark areas turn clean |
/// | ``bayer4x4``, ``bayer8x8`` | a regular pattern that prints evenly on slow or low-resolution printers |
public enum Dithering: String, Hashable, Sendable, Codable, CaseIterable {
    /// Every pixel darker than the threshold prints; no gray levels.
    case threshold
    /// Error diffusion by Floyd and Steinberg (1976): 7/16 of each pixel's error goes right, 3/16
    /// down-left, 5/16 down and 1/16 down-right, scanning every row left to right.
    case floydSteinberg
    /// Error diffusion by Bill Atkinson: 1/8 of the error to each of six neighbours; the remaining
    /// quarter is dropped, which keeps highlights and shadows clean.
    case atkinson
    /// Ordered dithering with a 4 × 4 Bayer matrix: 17 gray levels in a fine cross-hatch.
    case bayer4x4
    /// Ordered dithering with an 8 × 8 Bayer matrix: 65 gray levels.
    case bayer8x8
}
