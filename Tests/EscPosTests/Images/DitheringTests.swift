import Testing

@testable import EscPos

@Suite struct DitheringTests {
    private func image(_ width: Int, _ height: Int, _ pixels: [UInt8]) throws -> GrayImage {
        try GrayImage(width: width, height: height, pixels: pixels)
    }

    private func uniform(_ level: UInt8, width: Int = 64, height: Int = 64) throws -> GrayImage {
        try GrayImage(width: width, height: height, pixels: [UInt8](repeating: level, count: width * height))
    }

    // MARK: Hand-computed cases

    @Test func thresholdPrintsPixelsDarkerThanTheLevel() throws {
        let row: [UInt8] = [0, 127, 128, 255, 10, 200, 100, 129, 50, 128]
        let bitmap = try image(10, 1, row).dithered(.threshold)
        #expect(bitmap.bits == [0b1100_1010, 0b1000_0000])
        #expect(try image(10, 1, row).dithered(.threshold, threshold: 101).bits == [0b1000_1010, 0b1000_0000])
        #expect(try image(10, 1, row).dithered(.threshold, threshold: 100).bits == [0b1000_1000, 0b1000_0000])
    }

    @Test func thresholdExtremesLeaveUnusedBitsClear() throws {
        let white = try uniform(255, width: 11, height: 2)
        #expect(white.dithered(.threshold, threshold: 256).bits == [0xFF, 0xE0, 0xFF, 0xE0])
        #expect(white.dithered(.threshold, threshold: 0).printedDotCount == 0)
    }

    /// Row [100, 100, 100]: x0 prints (error +100, 7/16 → 44 right); x1 = 144 stays white
    /// (error −111, 7/16 → −49 right); x2 = 51 prints.
    @Test func floydSteinbergCarriesErrorRight() throws {
        #expect(try image(3, 1, [100, 100, 100]).dithered(.floydSteinberg).bits == [0b1010_0000])
    }

    /// Column [100, 100, 100]: 5/16 of +100 rounds to 31 down, so y1 = 131 stays white
    /// (error −124, 5/16 → −39 down) and y2 = 61 prints.
    @Test func floydSteinbergCarriesErrorDown() throws {
        #expect(try image(1, 3, [100, 100, 100]).dithered(.floydSteinberg).bits == [0x80, 0x00, 0x80])
    }

    /// 2 × 2 of 128: (0,0) stays white (error −127 → −56 right, −40 down, −7 down-right);
    /// (1,0) = 72 prints (error 72 → 14 down-left, 23 down); (0,1) = 128 − 40 + 14 = 102 prints
    /// (error 102 → 45 right); (1,1) = 128 − 7 + 23 + 45 = 189 stays white.
    @Test func floydSteinbergTwoByTwo() throws {
        #expect(try uniform(128, width: 2, height: 2).dithered(.floydSteinberg).bits == [0x40, 0x80])
    }

    /// Row [100, 100, 100]: each printed pixel passes an eighth of its error to both right neighbours:
    /// x1 = 100 + 13 = 113 prints, x2 = 100 + 13 + 14 = 127 prints (Floyd–Steinberg leaves x1 white).
    @Test func atkinsonSpreadsEighthsTwoPixelsRight() throws {
        #expect(try image(3, 1, [100, 100, 100]).dithered(.atkinson).bits == [0b1110_0000])
    }

    /// Column [100, 100, 100, 200]: y1 = 113 and y2 = 100 + 13 + 14 = 127 print (one eighth from one
    /// and two rows up); y3 = 200 + 14 + 16 = 230 stays white.
    @Test func atkinsonSpreadsEighthsTwoRowsDown() throws {
        #expect(try image(1, 4, [100, 100, 100, 200]).dithered(.atkinson).bits == [0x80, 0x80, 0x80, 0x00])
    }

    /// Atkinson drops a quarter of the error, so a light gray that Floyd–Steinberg dots sparsely
    /// stays paper white and dark gray goes solid: more contrast.
    @Test func atkinsonDropsAQuarterOfTheError() throws {
        let light = try uniform(240)
        #expect(light.dithered(.floydSteinberg).printedDotCount > 0)
        #expect(light.dithered(.atkinson).printedDotCount < light.dithered(.floydSteinberg).printedDotCount)
    }

    /// Mid-gray on a 4 × 4 Bayer matrix prints where the index is 8 or more: a checkerboard.
    @Test func bayer4x4MidGrayIsACheckerboard() throws {
        let bits = try uniform(128, width: 8, height: 4).dithered(.bayer4x4).bits
        #expect(bits == [0x55, 0xAA, 0x55, 0xAA])
    }

    /// Level 199 on the 4 × 4 matrix: thresholds are (2i + 1) × 8, so indices 12…15 print (4 of 16);
    /// at 200 index 12's threshold (200) no longer exceeds the level and only three print.
    @Test func bayer4x4QuarterTone() throws {
        #expect(try uniform(200, width: 4, height: 4).dithered(.bayer4x4).printedDotCount == 3)
        let bits = try uniform(199, width: 4, height: 4).dithered(.bayer4x4).bits
        // Indices ≥ 12 sit at (0,1), (0,3), (2,1) and (2,3) in row-major [x, y] order.
        #expect(bits == [0x00, 0b1010_0000, 0x00, 0b1010_0000])
    }

    /// Level 250 on the 8 × 8 matrix: thresholds are (2i + 1) × 2, so only index 63 (x 0, y 7) prints.
    @Test func bayer8x8PrintsOneDotPerCellForNearWhite() throws {
        let bitmap = try uniform(251, width: 8, height: 8).dithered(.bayer8x8)
        #expect(bitmap.printedDotCount == 1)
        #expect(bitmap[0, 7])
    }

    @Test(arguments: Dithering.allCases)
    func blackAndWhiteStayBlackAndWhite(method: Dithering) throws {
        #expect(try uniform(0, width: 13, height: 9).dithered(method).printedDotCount == 13 * 9)
        #expect(try uniform(255, width: 13, height: 9).dithered(method).printedDotCount == 0)
    }

    @Test(arguments: Dithering.allCases)
    func thresholdShiftsEveryMethod(method: Dithering) throws {
        let gray = try uniform(128)
        let darker = gray.dithered(method, threshold: 160).printedDotCount
        let normal = gray.dithered(method).printedDotCount
        let lighter = gray.dithered(method, threshold: 96).printedDotCount
        #expect(lighter < normal || method == .threshold && lighter == 0)
        #expect(normal < darker)
    }

    // MARK: Density

    /// A horizontal gradient 0…255: every band of 32 columns prints as many dots as its gray asks
    /// (1 − mean/255), within a small tolerance for the dithering pattern.
    @Test(arguments: [Dithering.floydSteinberg, .bayer4x4, .bayer8x8])
    func gradientDensityFollowsTheGrayLevel(method: Dithering) throws {
        let width = 256
        let height = 64
        let pixels = (0..<height).flatMap { _ in (0..<width).map { UInt8($0) } }
        let bitmap = try image(width, height, pixels).dithered(method)
        for band in 0..<8 {
            var dots = 0
            for y in 0..<height {
                for x in (band * 32)..<(band * 32 + 32) where bitmap[x, y] { dots += 1 }
            }
            let expected = 1 - (Double(band * 32) + 15.5) / 255
            let measured = Double(dots) / Double(32 * height)
            #expect(abs(measured - expected) < 0.03, "band \(band): \(measured) dots, expected \(expected)")
        }
    }

    @Test(arguments: [UInt8(16), 64, 100, 128, 160, 200, 240])
    func floydSteinbergUniformDensity(level: UInt8) throws {
        let bitmap = try uniform(level, width: 128, height: 128).dithered(.floydSteinberg)
        let measured = Double(bitmap.printedDotCount) / Double(128 * 128)
        let expected = 1 - Double(level) / 255
        #expect(abs(measured - expected) < 0.01, "level \(level): \(measured), expected \(expected)")
    }

    /// Atkinson keeps mid-tones and pushes the ends towards paper white and solid black.
    @Test func atkinsonGradientIsMonotoneWithStrongerEnds() throws {
        let pixels = (0..<64).flatMap { _ in (0..<256).map { UInt8($0) } }
        let bitmap = try image(256, 64, pixels).dithered(.atkinson)
        var densities: [Double] = []
        for band in 0..<8 {
            var dots = 0
            for y in 0..<64 {
                for x in (band * 32)..<(band * 32 + 32) where bitmap[x, y] { dots += 1 }
            }
            densities.append(Double(dots) / Double(32 * 64))
        }
        #expect(zip(densities, densities.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(densities[0] > 0.97 && densities[7] < 0.03)
        #expect(abs(densities[3] - (1 - 111.5 / 255)) < 0.06)
    }

    /// Error diffusion runs over the whole image: the bottom half of a dithered image differs from
    /// dithering the bottom half alone, which is what band-by-band dithering would print (a seam).
    @Test func errorDiffusionIsNotRestartedPerBand() throws {
        let full = try uniform(170, width: 64, height: 48)
        let whole = full.dithered(.floydSteinberg)
        let bottom = try uniform(170, width: 64, height: 24).dithered(.floydSteinberg)
        let bottomOfWhole = Array(whole.bits[(24 * 8)...])
        #expect(bottomOfWhole != bottom.bits)
        #expect(Array(whole.bits[..<(24 * 8)]) == bottom.bits)  // causal: the top is the same
    }
}
