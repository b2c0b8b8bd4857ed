/// Turns an encoded image (a PNG or JPEG file, say) into a ``GrayImage``.
///
/// `EscPos` uses the standard library only and cannot decode image files itself. A ``RasterImage``
/// whose source is file bytes or a path needs a decoder in the compiler's options; the
/// `EscPosImaging` module provides one built on libpng and libjpeg-turbo:
///
/// ```swift
/// import EscPosImaging
/// let compiler = ReceiptCompiler(profile: .epsonTMT88VI, options: .init(imageDecoder: ImageDecoder()))
/// ```
///
/// # Implementation requirements
/// Decoders must be safe to call from any thread, refuse images larger than `pixelLimit` before
/// allocating their pixels, and throw ``EscPosError`` with code ``EscPosError/Code/invalidImage`` for
/// anything they cannot decode, with a message a person can act on. Transparent pixels should be
/// composited over white.
public protocol ImageDecoding: Sendable {
    /// Decodes an image file held in memory.
    ///
    /// - Parameters:
    ///   - bytes: The whole file.
    ///   - pixelLimit: The most pixels accepted.
    /// - Returns: The image as gray pixels.
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage``.
    func decodeImage(_ bytes: [UInt8], pixelLimit: Int) throws -> GrayImage

    /// Decodes the image file at `path`.
    ///
    /// - Parameters:
    ///   - path: A file system path.
    ///   - pixelLimit: The most pixels accepted.
    /// - Returns: The image as gray pixels.
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage``, also when the file cannot be read.
    func decodeImage(atPath path: String, pixelLimit: Int) throws -> GrayImage
}
