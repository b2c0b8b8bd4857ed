internal import CJPEG
import EscPos

/// JPEG decoding through libjpeg-turbo. The only file that imports `CJPEG`.
enum LibJPEG {
    /// JPEG files start with a start-of-image marker followed by another marker.
    static let signature: [UInt8] = [0xFF, 0xD8, 0xFF]

    /// Decodes a JPEG file to gray.
    ///
    /// Gray JPEGs are taken as they are; colour ones are decoded to RGB and converted by luminance in
    /// linear light like every other colour input (``GrayImage/init(width:height:format:bytesPerRow:pixels:pixelLimit:)``);
    /// CMYK files (as Adobe writes them) are converted to RGB first. Corrupt or truncated data, which
    /// libjpeg would pad with gray, is an error. The EXIF orientation tag is not applied.
    /// The corresponding C functions are `jpeg_read_header`, `jpeg_start_decompress` and `jpeg_read_scanlines`.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage``.
    static func decode(_ bytes: [UInt8], pixelLimit: Int) throws -> GrayImage {
        var result = CJPEG_result()
        bytes.withUnsafeBufferPointer { buffer in
            CJPEG_decode(buffer.baseAddress, UInt(buffer.count), UInt(max(0, pixelLimit)), &result)
        }
        defer { CJPEG_free(&result) }
        switch result.status {
        case CJPEG_status_ok:
            break
        case CJPEG_status_too_large:
            try GrayImage.checkDimensions(width: Int(result.width), height: Int(result.height), pixelLimit: pixelLimit)
            throw EscPosError(
                .invalidImage,
                "the JPEG image is \(result.width)×\(result.height) pixels, which is not allowed"
            )
        case CJPEG_status_out_of_memory:
            throw EscPosError(
                .invalidImage,
                "there is not enough memory to decode the \(result.width)×\(result.height) JPEG image"
            )
        default:
            let reason = withUnsafeBytes(of: &result.message) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            throw EscPosError(
                .invalidImage,
                "could not decode the JPEG image: libjpeg reports \"\(reason)\"; the file is damaged, truncated "
                    + "or not a JPEG image"
            )
        }
        let width = Int(result.width)
        let height = Int(result.height)
        let components = Int(result.components)
        guard let pixels = result.pixels else {
            throw EscPosError(.invalidImage, "the JPEG decoder returned no pixels")
        }
        let buffer = UnsafeRawBufferPointer(start: pixels, count: width * height * components)
        switch components {
        case 1:
            return try GrayImage(width: width, height: height, format: .gray, buffer: buffer, pixelLimit: pixelLimit)
        case 3:
            return try GrayImage(width: width, height: height, format: .rgb, buffer: buffer, pixelLimit: pixelLimit)
        case 4:
            // Inverted CMYK: 255 means no ink. R = C × K / 255 and so on, then RGB to gray.
            var rgb = [UInt8](repeating: 0, count: width * height * 3)
            for i in 0..<(width * height) {
                let k = Int(buffer[4 * i + 3])
                for c in 0..<3 { rgb[3 * i + c] = UInt8((Int(buffer[4 * i + c]) * k + 127) / 255) }
            }
            return try GrayImage(width: width, height: height, format: .rgb, pixels: rgb, pixelLimit: pixelLimit)
        default:
            throw EscPosError(
                .invalidImage,
                "the JPEG image has \(components) colour components; 1, 3 or 4 are supported"
            )
        }
    }
}
