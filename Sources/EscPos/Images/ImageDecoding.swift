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

    /// Decodes the image file at `path`, which must lie inside `directory` when one is given.
    ///
    /// The compiler calls this for ``RasterImage`` paths, with ``CompileOptions/imageDirectory``.
    ///
    /// - Parameters:
    ///   - path: A file system path; relative paths are inside `directory` when one is given.
    ///   - directory: The folder image files must be in (symbolic links included), or `nil` for any file.
    ///   - pixelLimit: The most pixels accepted.
    /// - Returns: The image as gray pixels.
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage``, also when the path leads outside
    ///   `directory`.
    func decodeImage(atPath path: String, inDirectory directory: String?, pixelLimit: Int) throws -> GrayImage
}

extension ImageDecoding {
    /// Decodes any path when no directory is given; refuses every path otherwise, because a decoder that does
    /// not implement this requirement cannot keep paths inside a directory.
    public func decodeImage(atPath path: String, inDirectory directory: String?, pixelLimit: Int) throws -> GrayImage {
        guard directory == nil else {
            throw EscPosError(
                .invalidImage,
                "this image decoder cannot keep image paths inside the image directory; give the image as data, "
                    + "or use EscPosImaging's ImageDecoder"
            )
        }
        return try decodeImage(atPath: path, pixelLimit: pixelLimit)
    }
}
