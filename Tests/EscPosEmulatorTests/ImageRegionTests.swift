import EscPos
import EscPosEmulator
import Testing

@Suite struct ImageRegionTests {
    /// A profile that has every graphics command, so each can be chosen per image.
    static let profile: PrinterProfile = {
        var profile = PrinterProfile.generic80mm
        profile.capabilities.graphics = [.rasterBitImage, .graphics, .columnBitImage]
        return profile
    }()

    /// A black-and-white test card: a frame, a diagonal and a checkerboard corner, not symmetric.
    static func testCard(width: Int, height: Int) throws -> GrayImage {
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let frame = x == 0 || y == 0 || x == width - 1 || y == height - 1
                let diagonal = x == y * width / height
                let checker = x < 40 && y < 40 && (x / 5 + y / 5) % 2 == 0
                if frame || diagonal || checker { pixels[y * width + x] = 0 }
            }
        }
        return try GrayImage(width: width, height: height, pixels: pixels)
    }

    @Test(arguments: PrinterProfile.GraphicsCommand.allCases)
    func imageRegionEqualsTheSourceBitmap(_ command: PrinterProfile.GraphicsCommand) throws {
        let card = try Self.testCard(width: 200, height: 100)
        let source = card.dithered(.threshold)
        let receipt = try printed(Self.profile) {
            Text("above")
            RasterImage(card).dithering(.threshold).command(command).alignment(.center)
            Text("below")
        }
        let image = try #require(receipt.images.first)
        #expect(receipt.images.count == 1, "bands were not joined into one image")
        #expect(image.command == command)
        // Centred: the compiler may send the image padded with blank columns; the dots land at the same place.
        let left = (576 - 200) / 2
        #expect(image.x <= left && image.x + image.bitmap.width >= left + 200)
        let region = receipt.page.cropped(x: left, y: image.y, width: 200, height: 100)
        let matches = region == source
        #expect(matches, "the printed region differs from the source bitmap")
        // Everything else in the image's rows is blank (ESC * pads the last band to 24 rows).
        #expect(image.bitmap.height >= 100)
        #expect(image.bitmap.printedDotCount == source.printedDotCount)
        let lines = receipt.text.split(separator: "\n").map(String.init)
        #expect(lines.first == "above" && lines.last == "below")
        #expect(lines.count == 3 && lines[1].hasPrefix("[image "))
    }

    @Test func doubleSizedRasterImagesAreScaled() throws {
        let card = try Self.testCard(width: 64, height: 48)
        let receipt = try printed(Self.profile) {
            RasterImage(card).dithering(.threshold).command(.rasterBitImage).doubleWidth().doubleHeight()
        }
        let image = try #require(receipt.images.first)
        #expect(image.bitmap.width >= 128 && image.bitmap.height == 96)
        let source = card.dithered(.threshold)
        let region = receipt.page.cropped(x: 0, y: image.y, width: 128, height: 96)
        #expect((0..<96).allSatisfy { y in (0..<128).allSatisfy { x in region[x, y] == source[x / 2, y / 2] } })
    }

    @Test func imagesWiderThanThePaperAreCut() {
        // GS v 0 with 80 bytes (640 dots) per row on 576-dot paper.
        let rows = [UInt8](repeating: 0xFF, count: 80 * 2)
        let bytes: [UInt8] = [0x1D, 0x76, 0x30, 0x00, 80, 0, 2, 0] + rows
        let receipt = ReceiptRenderer(profile: .generic80mm).render(bytes)
        #expect(receipt.images.first?.bitmap.width == 576)
        #expect(receipt.page.printedDotCount == 576 * 2)
    }
}
