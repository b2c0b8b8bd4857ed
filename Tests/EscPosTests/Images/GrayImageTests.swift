import Testing

@testable import EscPos

@Suite struct GrayImageTests {
    @Test func refusesEmptyImages() throws {
        let error = try #require(throws: EscPosError.self) { try GrayImage(width: 0, height: 5, pixels: []) }
        #expect(error.code == .invalidImage)
        #expect(error.message.contains("0×5"))
    }

    @Test func refusesImagesAboveThePixelLimitBeforeAllocating() throws {
        let error = try #require(throws: EscPosError.self) {
            try GrayImage.checkDimensions(width: 100_000, height: 100_000)
        }
        #expect(error.code == .invalidImage)
        #expect(error.message.contains("limit"))
        let overflow = try #require(throws: EscPosError.self) {
            try GrayImage.checkDimensions(width: Int.max / 2, height: 3)
        }
        #expect(overflow.code == .invalidImage)
        #expect(throws: EscPosError.self) {
            try GrayImage(width: 3, height: 3, pixels: [UInt8](repeating: 0, count: 9), pixelLimit: 8)
        }
    }

    @Test func refusesAPixelBufferOfTheWrongSize() throws {
        #expect(throws: EscPosError.self) { try GrayImage(width: 2, height: 2, pixels: [0, 0, 0]) }
        #expect(throws: EscPosError.self) {
            try GrayImage(width: 2, height: 2, format: .rgb, pixels: [UInt8](repeating: 0, count: 11))
        }
        #expect(throws: EscPosError.self) {
            try GrayImage(width: 2, height: 1, format: .rgb, bytesPerRow: 5, pixels: [UInt8](repeating: 0, count: 20))
        }
    }

    @Test func grayColoursConvertBackToTheSameGrayLevel() throws {
        let levels = (0...255).map(UInt8.init)
        let rgb = levels.flatMap { [$0, $0, $0] }
        let image = try GrayImage(width: 256, height: 1, format: .rgb, pixels: rgb)
        #expect(image.pixels == levels)
        let rgba = levels.flatMap { [$0, $0, $0, UInt8(255)] }
        #expect(try GrayImage(width: 256, height: 1, format: .rgba, pixels: rgba).pixels == levels)
        let grayAlpha = levels.flatMap { [$0, UInt8(255)] }
        #expect(try GrayImage(width: 256, height: 1, format: .grayAlpha, pixels: grayAlpha).pixels == levels)
    }

    /// Pure primaries have the luminance of their Rec. 709 weight: sRGB(0.2126) = 127,
    /// sRGB(0.7152) = 220, sRGB(0.0722) = 76.
    @Test func primariesWeighByLuminanceInLinearLight() throws {
        let image = try GrayImage(width: 3, height: 1, format: .rgb, pixels: [255, 0, 0, 0, 255, 0, 0, 0, 255])
        #expect(image.pixels == [127, 220, 76])
    }

    @Test func transparentPixelsAreCompositedOverWhite() throws {
        let image = try GrayImage(
            width: 3,
            height: 1,
            format: .rgba,
            pixels: [0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 128]
        )
        #expect(image[0, 0] == 255)
        #expect(image[1, 0] == 0)
        // Half-transparent black reflects half the light: linear 0.498, sRGB about 187.
        #expect((187...188).contains(image[2, 0]))
        let grayAlpha = try GrayImage(width: 2, height: 1, format: .grayAlpha, pixels: [0, 0, 100, 255])
        #expect(grayAlpha.pixels == [255, 100])
    }

    @Test func rowPaddingBeyondTheStrideIsIgnored() throws {
        let pixels: [UInt8] = [10, 20, 99, 99, 30, 40, 99, 99]
        let image = try GrayImage(width: 2, height: 2, format: .gray, bytesPerRow: 4, pixels: pixels)
        #expect(image.pixels == [10, 20, 30, 40])
        // The last row needs no padding.
        let short = try GrayImage(width: 2, height: 2, format: .gray, bytesPerRow: 4, pixels: Array(pixels.prefix(6)))
        #expect(short.pixels == [10, 20, 30, 40])
    }

    @Test func brightnessContrastAndInvert() throws {
        let image = try GrayImage(width: 3, height: 1, pixels: [0, 128, 255])
        #expect(image.inverted().pixels == [255, 127, 0])
        #expect(image.adjusted(brightness: 0.5).pixels == [128, 255, 255])
        #expect(image.adjusted(brightness: -1).pixels == [0, 0, 0])
        #expect(image.adjusted(contrast: -1).pixels == [128, 128, 128])
        #expect(image.adjusted(contrast: 1).pixels == [0, 129, 255])
        #expect(image.adjusted() == image)
    }
}
