import EscPos
import EscPosImaging
import EscPosTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct ImageDecoderTests {
    let decoder = ImageDecoder()

    /// Every PNG colour type and bit depth, palettes, tRNS and Adam7 interlacing decode to the gray
    /// values computed independently by make-fixtures.py (within one level for libpng's fixed-point
    /// arithmetic).
    @Test(arguments: FixtureFiles.pngNames)
    func decodesPNG(name: String) throws {
        let image = try decoder.decodeImage(atPath: FixtureFiles.path(name + ".png"))
        let expected = try FixtureFiles.expectedGray(name)
        #expect(image.width == expected.width && image.height == expected.height)
        let worst = zip(image.pixels, expected.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst <= 1, "\(name): largest difference \(worst)\n\(image.pixels)\n\(expected.pixels)")
    }

    /// JPEG is lossy: compare each pixel within a tolerance, away from the edges between bars.
    @Test(arguments: FixtureFiles.jpegNames)
    func decodesJPEG(name: String) throws {
        let bytes = try FixtureFiles.read(name + ".jpg")
        #expect(ImageDecoder.format(of: bytes) == .jpeg)
        let image = try decoder.decodeImage(bytes)
        let expected = try FixtureFiles.expectedGray(name)
        #expect(image.width == expected.width && image.height == expected.height)
        for y in 0..<image.height {
            for x in 0..<image.width where x % 8 >= 2 && x % 8 <= 5 {
                #expect(abs(Int(image[x, y]) - Int(expected[x, y])) <= 4, "\(name) at (\(x), \(y))")
            }
        }
    }

    @Test func recognisesFormatsByContentNotName() throws {
        let png = try FixtureFiles.read("gray8.png")
        #expect(ImageDecoder.format(of: png) == .png)
        #expect(ImageDecoder.format(of: Array("hello".utf8)) == nil)
        let path = "/tmp/escpos-imaging-test-\(getpid())-notes.png"
        try TestFileReader.write(Array("not an image, just text\n".utf8), to: path)
        defer { unlink(path) }
        let error = try #require(throws: EscPosError.self) { try decoder.decodeImage(atPath: path) }
        #expect(error.code == .invalidImage)
        #expect(error.message.contains("neither PNG nor JPEG"))
        #expect(error.message.contains(path))
    }

    @Test func emptyDataIsATypedError() throws {
        let error = try #require(throws: EscPosError.self) { try decoder.decodeImage([]) }
        #expect(error.code == .invalidImage)
    }

    @Test func missingFilesAndDirectoriesAreTypedErrors() throws {
        let missing = try #require(throws: EscPosError.self) {
            try decoder.decodeImage(atPath: "/nonexistent/escpos/logo.png")
        }
        #expect(missing.code == .invalidImage)
        #expect(missing.message.contains("/nonexistent/escpos/logo.png"))
        #expect(missing.message.contains("No such file"))
        let directory = try #require(throws: EscPosError.self) { try decoder.decodeImage(atPath: "/tmp") }
        #expect(directory.message.contains("not a regular file"))
        let small = ImageDecoder(maximumFileBytes: 10)
        let tooBig = try #require(throws: EscPosError.self) {
            try small.decodeImage(atPath: FixtureFiles.path("gray8.png"))
        }
        #expect(tooBig.message.contains("limit"))
    }

    /// Every truncation of a PNG and a JPEG file is an error, never a crash and never a gray-padded image.
    @Test(arguments: ["gray8-interlaced.png", "rgba16.png", "colour-progressive.jpg", "gray.jpg"])
    func truncatedFilesAreTypedErrors(name: String) throws {
        let bytes = try FixtureFiles.read(name)
        for length in 0..<bytes.count {
            #expect(throws: EscPosError.self, "\(name) cut to \(length) bytes") {
                try decoder.decodeImage(Array(bytes.prefix(length)))
            }
        }
    }

    /// A 100 000 × 100 000 header (a classic decompression bomb) is refused from the header alone.
    @Test func absurdDimensionsAreRefusedBeforeDecoding() throws {
        var bomb: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        bomb += PNGChunks.header(width: 100_000, height: 100_000)
        bomb += PNGChunks.chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + PNGChunks.chunk("IEND", [])
        let error = try #require(throws: EscPosError.self) { try decoder.decodeImage(bomb) }
        #expect(error.code == .invalidImage)
        #expect(error.message.contains("100000×100000"))
        #expect(error.message.contains("limit"))

        let png = try FixtureFiles.read("gray8.png")
        let limited = try #require(throws: EscPosError.self) { try decoder.decodeImage(png, pixelLimit: 89) }
        #expect(limited.message.contains("limit of 89"))
        #expect(try decoder.decodeImage(png, pixelLimit: 90).width == 10)
        let jpeg = try FixtureFiles.read("gray.jpg")
        let limitedJPEG = try #require(throws: EscPosError.self) { try decoder.decodeImage(jpeg, pixelLimit: 511) }
        #expect(limitedJPEG.message.contains("32×16"))
    }

    @Test func zeroWidthHeadersAreTypedErrors() throws {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += PNGChunks.header(width: 0, height: 10)
        png += PNGChunks.chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + PNGChunks.chunk("IEND", [])
        #expect(throws: EscPosError.self) { try decoder.decodeImage(png) }
    }

    /// Thousands of mutated files (random bytes changed, then the chunk checksums repaired so that the
    /// damage reaches zlib and the filters) decode to an image or throw ``EscPosError``; nothing crashes.
    @Test func mutatedFilesDecodeOrFailWithTypedErrors() throws {
        var random = SeededRandomNumberGenerator(seed: 0x5EED_E5C0)
        var decoded = 0
        var failed = 0
        let sources = try (FixtureFiles.pngNames.map { $0 + ".png" } + FixtureFiles.jpegNames.map { $0 + ".jpg" })
            .map { try FixtureFiles.read($0) }
        for round in 0..<4000 {
            var bytes = sources[round % sources.count]
            let mutations = Int.random(in: 1...3, using: &random)
            for _ in 0..<mutations {
                let offset = Int.random(in: 8..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[offset] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes[offset] ^= 1 << UInt8.random(in: 0..<8, using: &random)
                case 2: bytes.insert(UInt8.random(in: 0...255, using: &random), at: offset)
                default: bytes.remove(at: offset)
                }
            }
            if ImageDecoder.format(of: bytes) == .png && round % 4 != 0 {
                bytes = PNGChunks.fixingChecksums(bytes)
            }
            do {
                let image = try decoder.decodeImage(bytes, pixelLimit: 1_000_000)
                #expect(image.pixels.count == image.width * image.height)
                decoded += 1
            } catch let error as EscPosError {
                #expect(error.code == .invalidImage)
                failed += 1
            }
        }
        #expect(decoded + failed == 4000)
        #expect(decoded > 50 && failed > 1000, "decoded \(decoded), failed \(failed)")
    }
}

/// The whole path: a PNG file named in a receipt is decoded, fitted, dithered and printed.
@Suite struct ImageFileCompileTests {
    @Test func aPNGPathInAReceiptPrintsItsDitheredPixels() throws {
        let path = FixtureFiles.path("rgba8-interlaced.png")
        let receipt = Receipt { RasterImage(path: path).dithering(.threshold) }
        let compiler = ReceiptCompiler(profile: .generic80mm, options: .init(imageDecoder: ImageDecoder()))
        let bytes = try compiler.compile(receipt).bytes
        let printed = try #require(DecodedImage.images(in: CommandDecoder().decode(bytes)).first)
        let expected = try ImageDecoder().decodeImage(atPath: path).dithered(.threshold)
        #expect(printed.bitmap.bits == expected.bits)
        #expect(printed.bitmap.height == 9)
    }

    @Test func aCorruptFileInAReceiptIsATypedErrorAtItsPath() throws {
        let receipt = try JSONDecoder().decode(
            Receipt.self,
            from: Data(
                #"{"schemaVersion": 1, "blocks": [{"type": "text", "text": "x"}, {"type": "image", "data": "iVBORw0KGgoAAAAN"}]}"#
                    .utf8
            )
        )
        let compiler = ReceiptCompiler(profile: .generic80mm, options: .init(imageDecoder: ImageDecoder()))
        let error = try #require(throws: EscPosError.self) { try compiler.compile(receipt) }
        #expect(error.code == .invalidImage)
        #expect(error.path.description == "blocks[1].data")
        #expect(error.message.contains("PNG"))
    }
}
