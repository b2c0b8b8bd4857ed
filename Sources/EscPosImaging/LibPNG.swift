internal import CLibPNG
import EscPos

/// PNG decoding and 1-bit encoding through libpng. The only file that imports `CLibPNG`.
enum LibPNG {
    /// The eight bytes every PNG file starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Decodes a PNG file to gray, compositing transparency over white.
    ///
    /// libpng expands palettes and low bit depths, turns `tRNS` into alpha, scales 16-bit samples to 8
    /// and de-interlaces (see `Sources/CLibPNG/shim.h`); the colour-to-gray conversion and compositing
    /// in linear light are ``GrayImage``'s. Samples are taken as sRGB-encoded; `gAMA`, `cHRM` and `iCCP`
    /// are not applied. The whole file must be present, up to its `IEND` chunk.
    /// The corresponding C functions are `png_read_info`, `png_read_image` and `png_read_end`.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage``.
    static func decode(_ bytes: [UInt8], pixelLimit: Int) throws -> GrayImage {
        var result = CLibPNG_result()
        bytes.withUnsafeBufferPointer { buffer in
            CLibPNG_decode(buffer.baseAddress, buffer.count, UInt(max(0, pixelLimit)), &result)
        }
        defer { CLibPNG_free(&result) }
        let width = Int(result.width)
        let height = Int(result.height)
        switch result.status {
        case CLibPNG_status_ok:
            break
        case CLibPNG_status_too_large:
            try GrayImage.checkDimensions(width: width, height: height, pixelLimit: pixelLimit)
            throw EscPosError(.invalidImage, "the PNG image is \(width)×\(height) pixels, which is not allowed")
        case CLibPNG_status_out_of_memory:
            throw EscPosError(.invalidImage, "there is not enough memory to decode the \(width)×\(height) PNG image")
        default:
            let reason = withUnsafeBytes(of: &result.message) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            throw EscPosError(
                .invalidImage,
                "could not decode the PNG image: libpng reports \"\(reason)\"; the file is damaged, truncated "
                    + "or not a PNG image"
            )
        }
        let formats: [GrayImage.PixelFormat] = [.gray, .grayAlpha, .rgb, .rgba]
        let channels = Int(result.channels)
        guard let pixels = result.pixels, (1...4).contains(channels) else {
            throw EscPosError(.invalidImage, "the PNG decoder returned no pixels")
        }
        let buffer = UnsafeRawBufferPointer(start: pixels, count: width * height * channels)
        return try GrayImage(
            width: width,
            height: height,
            format: formats[channels - 1],
            buffer: buffer,
            pixelLimit: pixelLimit
        )
    }

    /// Encodes a 1-bit bitmap as a gray PNG file of bit depth 1 (black = printed dot).
    ///
    /// One bit per pixel keeps receipt images small (a 576 × 2000 page is a few kilobytes) and exact:
    /// decoding the file gives back the same dots. The corresponding C functions are `png_write_info`,
    /// `png_write_row` and `png_write_end`.
    ///
    /// - Parameters:
    ///   - bitmap: The dots to write.
    ///   - compressionLevel: zlib's level, 0 (fastest) to 9 (smallest).
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage`` when the bitmap is empty or
    ///   libpng cannot write it.
    static func encode(_ bitmap: MonochromeBitmap, compressionLevel: Int) throws -> [UInt8] {
        guard bitmap.width > 0, bitmap.height > 0 else {
            throw EscPosError(
                .invalidImage,
                "cannot write a \(bitmap.width)×\(bitmap.height) PNG image: PNG images have at least one pixel; "
                    + "render something first"
            )
        }
        var result = CLibPNG_encoded()
        bitmap.bits.withUnsafeBufferPointer { buffer in
            CLibPNG_encode_mono(
                buffer.baseAddress,
                UInt32(bitmap.width),
                UInt32(bitmap.height),
                bitmap.bytesPerRow,
                Int32(min(9, max(0, compressionLevel))),
                &result
            )
        }
        defer { CLibPNG_free_encoded(&result) }
        guard result.status == CLibPNG_status_ok, let data = result.data else {
            let reason = withUnsafeBytes(of: &result.message) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            throw EscPosError(.invalidImage, "could not write the PNG image: libpng reports \"\(reason)\"")
        }
        return Array(UnsafeBufferPointer(start: data, count: result.size))
    }
}
