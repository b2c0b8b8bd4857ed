import Testing

@testable import EscPos

/// Headers and lengths checked against the ESC/POS reference (shared/reference/escpos.md, E.3).
@Suite struct RasterEncoderTests {
    private func bitmap(
        width: Int,
        height: Int,
        pattern: (Int, Int) -> Bool = { x, y in (x + y) % 3 == 0 }
    )
        -> MonochromeBitmap
    {
        var bitmap = MonochromeBitmap(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width where pattern(x, y) { bitmap[x, y] = true }
        }
        return bitmap
    }

    private func rasterBitImage(_ encoder: RasterEncoder = .init(), _ bitmap: MonochromeBitmap) -> [UInt8] {
        var bytes: [UInt8] = []
        encoder.rasterBitImage(bitmap, into: &bytes)
        return bytes
    }

    private func graphics(_ encoder: RasterEncoder = .init(), _ bitmap: MonochromeBitmap) -> [UInt8] {
        var bytes: [UInt8] = []
        encoder.graphics(bitmap, into: &bytes)
        return bytes
    }

    private func columnBitImage(_ encoder: RasterEncoder = .init(), _ bitmap: MonochromeBitmap) -> [UInt8] {
        var bytes: [UInt8] = []
        encoder.columnBitImage(bitmap, into: &bytes)
        return bytes
    }

    // MARK: GS v 0

    /// The reference example: a 384 × 24 band is `1D 76 30 00 30 00 18 00` + 1152 bytes.
    @Test func rasterBitImageMatchesTheReferenceExample() {
        let image = bitmap(width: 384, height: 24)
        let bytes = rasterBitImage(RasterEncoder(bandHeight: 24), image)
        #expect(Array(bytes.prefix(8)) == [0x1D, 0x76, 0x30, 0x00, 0x30, 0x00, 0x18, 0x00])
        #expect(bytes.count == 8 + 1152)
        #expect(Array(bytes.dropFirst(8)) == image.bits)
    }

    @Test func rasterBitImageIsSplitIntoBands() {
        let image = bitmap(width: 20, height: 50)  // 3 bytes per row
        let bytes = rasterBitImage(RasterEncoder(bandHeight: 24), image)
        #expect(Array(bytes[0..<8]) == [0x1D, 0x76, 0x30, 0x00, 0x03, 0x00, 24, 0x00])
        let second = 8 + 72
        #expect(Array(bytes[second..<(second + 8)]) == [0x1D, 0x76, 0x30, 0x00, 0x03, 0x00, 24, 0x00])
        let third = second + 8 + 72
        #expect(Array(bytes[third..<(third + 8)]) == [0x1D, 0x76, 0x30, 0x00, 0x03, 0x00, 2, 0x00])
        #expect(bytes.count == third + 8 + 6)
        // The band data joined is the bitmap: nothing re-dithered, dropped or repeated.
        let data = Array(bytes[8..<80]) + Array(bytes[88..<160]) + Array(bytes[168...])
        #expect(data == image.bits)
    }

    @Test(arguments: [(false, false, UInt8(0)), (true, false, 1), (false, true, 2), (true, true, 3)])
    func rasterBitImageScaleModes(doubleWidth: Bool, doubleHeight: Bool, mode: UInt8) {
        let bytes = rasterBitImage(
            RasterEncoder(doubleWidth: doubleWidth, doubleHeight: doubleHeight),
            bitmap(width: 8, height: 1)
        )
        #expect(bytes[3] == mode)
    }

    @Test func defaultBandsFitInFourKilobytes() {
        #expect(RasterEncoder.defaultBandHeight(bytesPerRow: 72) == 56)
        #expect(RasterEncoder.defaultBandHeight(bytesPerRow: 48) == 80)
        #expect(RasterEncoder.defaultBandHeight(bytesPerRow: 4000) == 8)
        let bytes = rasterBitImage(.init(), bitmap(width: 576, height: 100))
        #expect(Array(bytes[0..<8]) == [0x1D, 0x76, 0x30, 0x00, 72, 0x00, 56, 0x00])
    }

    // MARK: GS ( L / GS 8 L

    /// The reference example: `1D 28 4C 8A 04 30 70 30 01 01 31 80 01 18 00` + 1152 bytes,
    /// then `1D 28 4C 02 00 30 32`.
    @Test func graphicsMatchesTheReferenceExample() {
        let image = bitmap(width: 384, height: 24)
        let bytes = graphics(RasterEncoder(bandHeight: 24), image)
        #expect(
            Array(bytes.prefix(15))
                == [0x1D, 0x28, 0x4C, 0x8A, 0x04, 0x30, 0x70, 0x30, 0x01, 0x01, 0x31, 0x80, 0x01, 0x18, 0x00]
        )
        #expect(Array(bytes[15..<(15 + 1152)]) == image.bits)
        #expect(Array(bytes.suffix(7)) == [0x1D, 0x28, 0x4C, 0x02, 0x00, 0x30, 0x32])
        #expect(bytes.count == 15 + 1152 + 7)
    }

    @Test func graphicsScaleBytes() {
        let bytes = graphics(RasterEncoder(doubleWidth: true, doubleHeight: true), bitmap(width: 8, height: 1))
        #expect(Array(bytes[8..<11]) == [0x02, 0x02, 0x31])
    }

    /// 65 525 data bytes make p = 65 535, the largest 16-bit length: still `GS ( L` with `FF FF`.
    /// One byte more needs `GS 8 L` with the 32-bit length 65 536 (`00 00 01 00`).
    @Test func graphicsSwitchesToThirtyTwoBitLengthsExactlyAtTheLimit() {
        // 2621 bytes per row (20 968 dots) × 25 rows = 65 525 bytes.
        let largest = graphics(RasterEncoder(bandHeight: 2303), MonochromeBitmap(width: 20_968, height: 25))
        #expect(Array(largest.prefix(5)) == [0x1D, 0x28, 0x4C, 0xFF, 0xFF])
        #expect(largest.count == 5 + 65_535 + 7)
        // 402 bytes per row (3216 dots) × 163 rows = 65 526 bytes.
        let larger = graphics(RasterEncoder(bandHeight: 2303), MonochromeBitmap(width: 3216, height: 163))
        #expect(Array(larger.prefix(7)) == [0x1D, 0x38, 0x4C, 0x00, 0x00, 0x01, 0x00])
        #expect(Array(larger[7..<17]) == [0x30, 0x70, 0x30, 0x01, 0x01, 0x31, 0x90, 0x0C, 0xA3, 0x00])
        #expect(larger.count == 7 + 65_536 + 7)
    }

    /// The 69 KB logo that other libraries send with an overflowed 16-bit length.
    @Test func aSixtyNineKilobyteImageUsesGS8L() {
        let image = bitmap(width: 576, height: 960)  // 69 120 bytes
        let bytes = graphics(RasterEncoder(bandHeight: 960), image)
        let length = 10 + 69_120  // 0x00010E0A
        #expect(Array(bytes.prefix(7)) == [0x1D, 0x38, 0x4C, 0x0A, 0x0E, 0x01, 0x00])
        #expect(Int(bytes[3]) | Int(bytes[4]) << 8 | Int(bytes[5]) << 16 | Int(bytes[6]) << 24 == length)
        #expect(Array(bytes[17..<(17 + 69_120)]) == image.bits)
    }

    // MARK: ESC *

    @Test func columnBitImageWritesTwentyFourDotBandsWithMatchingLineSpacing() {
        var image = MonochromeBitmap(width: 10, height: 30)
        image[0, 0] = true  // column 0, top byte, MSB
        image[1, 23] = true  // column 1, third byte, LSB
        image[2, 24] = true  // second band, column 2, top byte, MSB
        image[9, 29] = true  // second band, column 9, top byte, bit 5 from the top
        let bytes = columnBitImage(.init(), image)
        #expect(Array(bytes.prefix(3)) == [0x1B, 0x33, 24])  // ESC 3 24: bands join without gaps
        let band1 = Array(bytes[3..<(3 + 5 + 30 + 1)])
        #expect(Array(band1.prefix(5)) == [0x1B, 0x2A, 33, 10, 0])
        #expect(Array(band1[5..<11]) == [0x80, 0, 0, 0, 0, 0x01])
        #expect(band1.last == 0x0A)
        let band2 = Array(bytes[(3 + 36)..<(3 + 72)])
        #expect(Array(band2.prefix(5)) == [0x1B, 0x2A, 33, 10, 0])
        #expect(Array(band2[(5 + 6)..<(5 + 9)]) == [0x80, 0, 0])
        #expect(Array(band2[(5 + 27)..<(5 + 30)]) == [0x04, 0, 0])
        #expect(band2.last == 0x0A)
        #expect(Array(bytes.suffix(2)) == [0x1B, 0x32])  // back to the default line spacing
        #expect(bytes.count == 3 + 2 * 36 + 2)
    }

    @Test func columnBitImageDoubleWidthUsesSingleDensityAndDoubleHeightRepeatsRows() {
        var image = MonochromeBitmap(width: 1, height: 12)
        image[0, 11] = true
        let wide = columnBitImage(RasterEncoder(doubleWidth: true), image)
        #expect(wide[5] == 32)
        let tall = columnBitImage(RasterEncoder(doubleHeight: true), image)
        #expect(tall[5] == 33)
        // Row 11 becomes rows 22 and 23: the last two bits of the third byte.
        #expect(Array(tall[8..<11]) == [0, 0, 0x03])
    }

    // MARK: Placement

    @Test func placingShiftsBitsAcrossBytes() {
        var image = MonochromeBitmap(width: 10, height: 2)
        image[0, 0] = true
        image[9, 1] = true
        let placed = image.placed(inWidth: 24, atOffset: 7)
        #expect(placed.width == 24)
        #expect(placed[7, 0] && placed[16, 1])
        #expect(placed.printedDotCount == 2)
        let aligned = image.placed(inWidth: 26, atOffset: 16)
        #expect(aligned[16, 0] && aligned[25, 1] && aligned.printedDotCount == 2)
    }
}
