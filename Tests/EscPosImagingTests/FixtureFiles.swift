import EscPos

/// The fixture folder beside this file, found through `#filePath` (no bundle resources).
enum FixtureFiles {
    static let directory: String = {
        let file = "\(#filePath)"
        let folder = file[..<(file.lastIndex(of: "/") ?? file.startIndex)]
        return folder + "/Fixtures"
    }()

    static func path(_ name: String) -> String { directory + "/" + name }

    /// The expected gray pixels written by make-fixtures.py next to each image.
    static func expectedGray(_ name: String) throws -> GrayImage {
        let bytes = try read(name + ".gray")
        let width = Int(bytes[0]) << 8 | Int(bytes[1])
        let height = Int(bytes[2]) << 8 | Int(bytes[3])
        return try GrayImage(width: width, height: height, pixels: Array(bytes[4...]))
    }

    static func read(_ name: String) throws -> [UInt8] {
        // The decoder's own file reader is internal; read through the public API's error path instead
        // would hide failures, so use a tiny reader of our own.
        try TestFileReader.read(path(name))
    }

    static let pngNames = [
        "gray1", "gray2", "gray4", "gray8", "gray16", "gray1-interlaced", "gray2-interlaced", "gray4-interlaced",
        "gray8-interlaced", "gray16-interlaced", "gray8-trns", "graya8", "graya16", "graya8-interlaced",
        "graya16-interlaced", "rgb8", "rgb16", "rgb8-interlaced", "rgb16-interlaced", "rgb8-trns", "rgba8",
        "rgba16", "rgba8-interlaced", "rgba16-interlaced", "palette1", "palette2", "palette4", "palette8",
        "palette1-interlaced", "palette2-interlaced", "palette4-interlaced", "palette8-interlaced",
        "palette1-trns", "palette2-trns", "palette4-trns", "palette8-trns",
    ]

    static let jpegNames = ["gray", "colour", "colour-progressive"]
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum TestFileReader {
    struct Failure: Error { var path: String }

    static func read(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw Failure(path: path) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        guard let file = fopen(path, "wb") else { throw Failure(path: path) }
        defer { fclose(file) }
        _ = fwrite(bytes, 1, bytes.count, file)
    }
}

/// PNG chunk surgery for building broken files with valid checksums.
enum PNGChunks {
    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    /// Rewrites the CRC of every complete chunk so that mutations reach the decoder's later stages.
    static func fixingChecksums(_ file: [UInt8]) -> [UInt8] {
        var bytes = file
        var offset = 8
        while offset + 12 <= bytes.count {
            let length =
                Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
                | Int(bytes[offset + 3])
            let end = offset + 8 + length
            guard length >= 0, end + 4 <= bytes.count else { break }
            let value = crc(bytes[(offset + 4)..<end])
            for i in 0..<4 { bytes[end + i] = UInt8(truncatingIfNeeded: value >> (24 - 8 * i)) }
            offset = end + 4
        }
        return bytes
    }

    /// A chunk with a valid CRC.
    static func chunk(_ kind: String, _ data: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        for shift in [24, 16, 8, 0] { bytes.append(UInt8(truncatingIfNeeded: data.count >> shift)) }
        bytes += Array(kind.utf8) + data
        let value = crc(bytes[4...])
        for shift in [24, 16, 8, 0] { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
        return bytes
    }

    /// A PNG header chunk (IHDR) for the given size, 8-bit gray, with a valid CRC.
    static func header(width: UInt32, height: UInt32) -> [UInt8] {
        var chunk: [UInt8] = [0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        for value in [width, height] {
            for shift in [24, 16, 8, 0] { chunk.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
        }
        chunk += [8, 0, 0, 0, 0]
        let value = crc(chunk[4...])
        for shift in [24, 16, 8, 0] { chunk.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
        return chunk
    }
}
