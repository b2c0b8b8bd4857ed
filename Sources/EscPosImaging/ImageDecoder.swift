public import EscPos

/// Decodes PNG and JPEG files to gray pixels with libpng and libjpeg-turbo.
///
/// Hand one to the compiler so ``RasterImage`` blocks can name image files or carry their bytes:
///
/// ```swift
/// import EscPos
/// import EscPosImaging
///
/// let compiler = ReceiptCompiler(profile: .epsonTMT88VI, options: .init(imageDecoder: ImageDecoder()))
/// let image = try ImageDecoder().decodeImage(atPath: "logo.png")
/// ```
///
/// PNG files of every colour type and bit depth are read, with palettes, `tRNS` transparency and
/// interlacing; JPEG files in gray, colour and CMYK. Transparency is composited over white paper.
/// The format is recognised by the file's first bytes, not its name. Anything else, and damaged,
/// truncated or oversized files, throw ``EscPosError`` with code ``EscPosError/Code/invalidImage``.
/// Memory stays bounded: a file larger than ``maximumFileBytes`` or an image with more than the
/// pixel limit is refused before its pixels are allocated.
public struct ImageDecoder: ImageDecoding {
    /// The largest file ``decodeImage(atPath:pixelLimit:)`` reads.
    public var maximumFileBytes: Int

    /// Creates a decoder.
    ///
    /// - Parameter maximumFileBytes: The largest file read from disk; 64 MiB by default.
    public init(maximumFileBytes: Int = 64 << 20) {
        self.maximumFileBytes = maximumFileBytes
    }

    /// The image file formats recognised.
    public enum Format: String, Hashable, Sendable, CaseIterable {
        /// Portable Network Graphics.
        case png
        /// JPEG (JFIF or EXIF).
        case jpeg
    }

    /// The format of an image file, recognised by its first bytes; `nil` for anything else.
    public static func format(of bytes: [UInt8]) -> Format? {
        if bytes.starts(with: LibPNG.signature) { return .png }
        if bytes.starts(with: LibJPEG.signature) { return .jpeg }
        return nil
    }

    /// Decodes a PNG or JPEG file held in memory.
    ///
    /// - Parameters:
    ///   - bytes: The whole file.
    ///   - pixelLimit: The most pixels accepted; ``GrayImage/defaultPixelLimit`` by default.
    /// - Returns: The image as gray pixels, transparency composited over white.
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage`` when the bytes are not a PNG or
    ///   JPEG file, are damaged or truncated, or the image is empty or larger than `pixelLimit`.
    public func decodeImage(_ bytes: [UInt8], pixelLimit: Int = GrayImage.defaultPixelLimit) throws -> GrayImage {
        try decode(bytes, pixelLimit: pixelLimit, quotingFirstBytes: true)
    }

    /// Reads and decodes the PNG or JPEG file at `path`.
    ///
    /// - Parameters:
    ///   - path: A file system path.
    ///   - pixelLimit: The most pixels accepted.
    /// - Returns: The image as gray pixels.
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage``, also when the file is missing,
    ///   unreadable, not a regular file (a FIFO or a device is refused without waiting on it) or larger than
    ///   ``maximumFileBytes``. Messages name the path but never quote the file's bytes.
    public func decodeImage(atPath path: String, pixelLimit: Int = GrayImage.defaultPixelLimit) throws -> GrayImage {
        try decodeImage(atPath: path, inDirectory: nil, pixelLimit: pixelLimit)
    }

    /// Reads and decodes the PNG or JPEG file at `path`, which must lie inside `directory` when one is given.
    ///
    /// With a directory, a relative `path` is taken inside it, and a path that leads outside it (through `..`
    /// or a symbolic link) is refused before anything outside is opened; the message does not say whether
    /// such a file exists. This is what ``CompileOptions/imageDirectory`` uses.
    ///
    /// - Parameters:
    ///   - path: A file system path.
    ///   - directory: The folder image files must be in, or `nil` for any readable file.
    ///   - pixelLimit: The most pixels accepted.
    /// - Returns: The image as gray pixels.
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage``.
    public func decodeImage(atPath path: String, inDirectory directory: String?, pixelLimit: Int) throws -> GrayImage {
        let file =
            try directory.map { directory throws(EscPosError) in try FileContents.confined(path, to: directory) }
            ?? path
        let bytes = try FileContents.read(file, maximumBytes: maximumFileBytes)
        do {
            // A file's bytes are never quoted: the error goes back to whoever named the path, who may not be
            // allowed to read the file.
            return try decode(bytes, pixelLimit: pixelLimit, quotingFirstBytes: false)
        } catch var error as EscPosError {
            error.message = "\"\(path)\": " + error.message
            throw error
        }
    }

    private func decode(_ bytes: [UInt8], pixelLimit: Int, quotingFirstBytes: Bool) throws -> GrayImage {
        switch Self.format(of: bytes) {
        case .png: return try LibPNG.decode(bytes, pixelLimit: pixelLimit)
        case .jpeg: return try LibJPEG.decode(bytes, pixelLimit: pixelLimit)
        case nil:
            let start = quotingFirstBytes ? " (it starts with \(Hex.bytes(bytes.prefix(8))))" : ""
            throw EscPosError(
                .invalidImage,
                bytes.isEmpty
                    ? "the image data is empty; give the bytes of a PNG or JPEG file"
                    : "the image data is neither PNG nor JPEG\(start); convert it to PNG"
            )
        }
    }
}
