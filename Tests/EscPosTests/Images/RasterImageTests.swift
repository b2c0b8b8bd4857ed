import EscPos
import Foundation
import Testing

@Suite struct RasterImageTests {
    /// A 64 × 48 test picture: a diagonal gradient with a dark frame, so every method prints a mix.
    static let picture: GrayImage = {
        let pixels = (0..<(64 * 48)).map { index -> UInt8 in
            let x = index % 64
            let y = index / 64
            if x < 2 || y < 2 || x > 61 || y > 45 { return 0 }
            return UInt8((x * 3 + y * 2) % 256)
        }
        // The size and pixel count match by construction.
        return (try? GrayImage(width: 64, height: 48, pixels: pixels)) ?? GrayImage.blank
    }()

    static func profile(
        _ base: PrinterProfile,
        graphics: [PrinterProfile.GraphicsCommand],
        band: Int? = nil
    )
        -> PrinterProfile
    {
        var profile = base
        profile.capabilities.graphics = graphics
        if let band { profile.limits.maxRasterBandHeight = band }
        return profile
    }

    /// What the compiler must print: fitted, dithered once, shifted to its alignment.
    static func expectedBitmap(
        _ image: GrayImage,
        available: Int,
        alignment: TextStyle.Alignment,
        dithering: Dithering = .floydSteinberg
    ) -> MonochromeBitmap {
        let bitmap = image.fitted(toWidth: available).dithered(dithering)
        let room = available - bitmap.width
        let offset = alignment == .center ? room / 2 : alignment == .right ? room : 0
        return offset > 0 ? bitmap.placed(inWidth: offset + bitmap.width, atOffset: offset) : bitmap
    }

    static func images(_ bytes: [UInt8]) -> [DecodedImage] {
        DecodedImage.images(in: CommandDecoder().decode(bytes))
    }

    // MARK: The printed dots are the dithered bitmap, exactly

    @Test(arguments: PrinterProfile.GraphicsCommand.allCases)
    func decodedRasterEqualsTheDitheredBitmap(command: PrinterProfile.GraphicsCommand) throws {
        let profile = Self.profile(.epsonTMT20III, graphics: [command], band: 20)
        for alignment in TextStyle.Alignment.allCases {
            let receipt = Receipt { RasterImage(Self.picture).alignment(alignment) }
            let bytes = try ReceiptCompiler(profile: profile).compile(receipt).bytes
            let images = Self.images(bytes)
            try #require(images.count == 1)
            let printed = images[0]
            let expected = Self.expectedBitmap(Self.picture, available: 576, alignment: alignment)
            #expect(printed.command == command)
            switch command {
            case .rasterBitImage, .graphics:
                #expect(printed.bands == 3)  // 48 rows in bands of 20
                #expect(printed.bitmap.bytesPerRow == expected.bytesPerRow)
                #expect(printed.bitmap.height == expected.height)
                #expect(printed.bitmap.bits == expected.bits, "\(command) \(alignment)")
                if command == .graphics { #expect(printed.bitmap.width == expected.width) }
            case .columnBitImage:
                #expect(printed.bands == 2)  // 24-dot bands
                #expect(printed.bitmap.width == expected.width)
                #expect(Array(printed.bitmap.bits.prefix(expected.bits.count)) == expected.bits)
            }
        }
    }

    @Test func largeImagesShrinkToThePrintableWidthAndSmallOnesOnlyWhenAsked() throws {
        let wide = try GrayImage(width: 1000, height: 100, pixels: [UInt8](repeating: 90, count: 100_000))
        let bytes = try ReceiptCompiler(profile: .generic58mm).compile(Receipt { RasterImage(wide) }).bytes
        let printed = try #require(Self.images(bytes).first)
        #expect(printed.bitmap.width == 384)
        #expect(printed.bitmap.height == 38)  // 100 × 384 / 1000 = 38.4
        #expect(printed.bitmap.bits == wide.fitted(toWidth: 384).dithered().bits)

        let small = try #require(
            Self.images(try ReceiptCompiler(profile: .generic58mm).compile(Receipt { RasterImage(Self.picture) }).bytes)
                .first
        )
        #expect(small.bitmap.width == 64)
        let enlarged = try #require(
            Self.images(
                try ReceiptCompiler(profile: .generic58mm).compile(Receipt { RasterImage(Self.picture).upscale() })
                    .bytes
            ).first
        )
        #expect(enlarged.bitmap.width == 384 && enlarged.bitmap.height == 288)
    }

    @Test func explicitSizesAreHonoured() throws {
        let compiler = ReceiptCompiler(profile: .generic80mm)
        let byWidth = try #require(
            Self.images(try compiler.compile(Receipt { RasterImage(Self.picture).width(128) }).bytes).first
        )
        #expect(byWidth.bitmap.width == 128 && byWidth.bitmap.height == 96)
        let byHeight = try #require(
            Self.images(try compiler.compile(Receipt { RasterImage(Self.picture).height(24) }).bytes).first
        )
        #expect(byHeight.bitmap.width == 32 && byHeight.bitmap.height == 24)
        let both = try #require(
            Self.images(try compiler.compile(Receipt { RasterImage(Self.picture).size(width: 40, height: 10) }).bytes)
                .first
        )
        #expect(both.bitmap.width == 40 && both.bitmap.height == 10)
    }

    @Test func doubleWidthAndHeightUseTheCommandsModes() throws {
        let image = RasterImage(Self.picture).doubleWidth().doubleHeight()
        let raster = try ReceiptCompiler(profile: Self.profile(.generic80mm, graphics: [.rasterBitImage])).compile(
            Receipt { image }
        )
        #expect(Self.images(raster.bytes).first?.mode == 3)
        let graphics = try ReceiptCompiler(profile: Self.profile(.generic80mm, graphics: [.graphics])).compile(
            Receipt { image }
        )
        #expect(Self.images(graphics.bytes).first?.mode == 0x22)
        let column = try ReceiptCompiler(profile: Self.profile(.generic80mm, graphics: [.columnBitImage])).compile(
            Receipt { image }
        )
        let printed = try #require(Self.images(column.bytes).first)
        #expect(printed.mode == 32)  // single density: dots twice as wide
        #expect(printed.bitmap.height == 96)  // rows repeated for double height
        // Double width leaves half the line: a 576-dot image must be at most 288 wide.
        let error = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: .generic80mm).compile(
                Receipt { RasterImage(Self.picture).width(300).doubleWidth() }
            )
        }
        #expect(error.code == .doesNotFit)
        #expect(error.path.description == "blocks[0].width")
    }

    @Test func imagesStartFromThePowerOnStyle() throws {
        let receipt = Receipt {
            Text("centred").alignment(.center).leftMargin(16)
            RasterImage(Self.picture)
            Text("after").alignment(.center)
        }
        let commands = CommandDecoder().decode(try ReceiptCompiler(profile: .generic80mm).compile(receipt).bytes)
        let imageIndex = try #require(
            commands.firstIndex { if case .rasterImage = $0.command { return true } else { return false } }
        )
        let before = commands[..<imageIndex].map(\.command)
        #expect(before.last(where: { if case .alignment = $0 { return true } else { return false } }) == .alignment(0))
        #expect(
            before.last(where: { if case .leftMargin = $0 { return true } else { return false } }) == .leftMargin(0)
        )
        #expect(commands[imageIndex...].map(\.command).contains(.alignment(1)))  // the next text centres again
    }

    // MARK: Errors and warnings

    @Test func imageFilesNeedADecoder() throws {
        let error = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: .generic80mm).compile(
                Receipt {
                    Text("x")
                    RasterImage(path: "logo.png")
                }
            )
        }
        #expect(error.code == .missingRenderer)
        #expect(error.path.description == "blocks[1].path")
        #expect(error.message.contains("ImageDecoder"))
    }

    /// A decoder that fails is reported at the image's source field.
    struct RefusingDecoder: ImageDecoding {
        func decodeImage(_ bytes: [UInt8], pixelLimit: Int) throws -> GrayImage {
            throw EscPosError(.invalidImage, "not an image")
        }
        func decodeImage(atPath path: String, pixelLimit: Int) throws -> GrayImage {
            throw EscPosError(.invalidImage, "cannot read \(path)")
        }
    }

    @Test func decoderErrorsPointAtTheSource() throws {
        let compiler = ReceiptCompiler(profile: .generic80mm, options: .init(imageDecoder: RefusingDecoder()))
        let error = try #require(throws: EscPosError.self) {
            try compiler.compile(Receipt { RasterImage(data: [1, 2, 3]) })
        }
        #expect(error.code == .invalidImage)
        #expect(error.path.description == "blocks[0].data")
    }

    @Test func anUnsupportedCommandFallsBackWithAWarningOrFailsInStrictMode() throws {
        let profile = Self.profile(.generic80mm, graphics: [.rasterBitImage])
        let receipt = Receipt { RasterImage(Self.picture).command(.columnBitImage) }
        let result = try ReceiptCompiler(profile: profile).compile(receipt)
        #expect(Self.images(result.bytes).first?.command == .rasterBitImage)
        #expect(result.warnings.map(\.path.description) == ["blocks[0].command"])
        let error = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: profile, options: .init(strict: true)).compile(receipt)
        }
        #expect(error.code == .unsupportedByProfile)
        let preferred = try ReceiptCompiler(profile: .epsonTMT20III).compile(
            Receipt { RasterImage(Self.picture).command(.columnBitImage) }
        )
        #expect(Self.images(preferred.bytes).first?.command == .columnBitImage)
        #expect(preferred.warnings.isEmpty)
    }

    @Test func aProfileWithoutGraphicsLeavesTheImageOutWithAWarning() throws {
        let result = try ReceiptCompiler(profile: Self.profile(.generic80mm, graphics: [])).compile(
            Receipt { RasterImage(Self.picture) }
        )
        #expect(Self.images(result.bytes).isEmpty)
        #expect(result.warnings.first?.code == .unsupportedByProfile)
    }

    @Test func bandsAboveSixtyFiveKilobytesUseGS8L() throws {
        var profile = Self.profile(.generic80mm, graphics: [.graphics], band: 1000)
        profile.limits.receiveBufferBytes = 131_072
        let receipt = Receipt { RasterImage(Self.picture).size(width: 576, height: 1000) }
        let bytes = try ReceiptCompiler(profile: profile).compile(receipt).bytes
        let commands = CommandDecoder().decode(bytes)
        let store = try #require(
            commands.first { if case .graphics(_, 0x70, _) = $0.command { return true } else { return false } }
        )
        // GS 8 L: 1D 38 4C, then p = 10 + 72 000 = 72 010 = 0x0001194A, little-endian.
        #expect(Array(store.bytes.prefix(7)) == [0x1D, 0x38, 0x4C, 0x4A, 0x19, 0x01, 0x00])
        #expect(CommandListing([store]).lines[0].contains("GS 8 L"))
        #expect(Self.images(bytes).first?.bitmap.height == 1000)
    }

    // MARK: JSON

    func decode(_ json: String) throws -> Receipt {
        try JSONDecoder().decode(Receipt.self, from: Data(json.utf8))
    }

    @Test func jsonSourcesAndOptions() throws {
        let receipt = try decode(
            #"{"schemaVersion": 1, "blocks": [{"type": "image", "path": "logo.png", "width": 200, "dithering": "bayer8x8", "alignment": "center", "command": "graphics"}, {"type": "image", "data": "iVBORw=="}, {"type": "image", "pixels": {"width": 2, "height": 1, "gray": "AP8="}, "invert": true}]}"#
        )
        #expect(
            receipt.blocks[0]
                == .image(
                    RasterImage(path: "logo.png").width(200).dithering(.bayer8x8).alignment(.center).command(.graphics)
                )
        )
        #expect(receipt.blocks[1] == .image(RasterImage(data: [0x89, 0x50, 0x4E, 0x47])))
        #expect(
            receipt.blocks[2] == .image(RasterImage(try GrayImage(width: 2, height: 1, pixels: [0, 255])).inverted())
        )
        let encoded = try JSONEncoder().encode(receipt)
        #expect(try JSONDecoder().decode(Receipt.self, from: encoded) == receipt)
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.contains(#""gray":"AP8=""#))
        #expect(!text.contains("threshold"))  // defaults are not written
    }

    @Test(arguments: [
        (#"{"type": "image"}"#, "blocks[0]", "exactly one source"),
        (#"{"type": "image", "path": "a.png", "data": "AA=="}"#, "blocks[0]", "exactly one source"),
        (#"{"type": "image", "data": "not base64!"}"#, "blocks[0].data", "base64"),
        (
            #"{"type": "image", "pixels": {"width": 2, "height": 2, "gray": "AP8="}}"#, "blocks[0].pixels",
            "4 pixel bytes"
        ),
        (#"{"type": "image", "path": "a.png", "threshold": 300}"#, "blocks[0].threshold", "0–256"),
        (#"{"type": "image", "path": "a.png", "width": 0}"#, "blocks[0].width", "out of range"),
        (#"{"type": "image", "path": "a.png", "brightness": 2}"#, "blocks[0].brightness", "−1…1"),
        (#"{"type": "image", "path": "a.png", "dither": "atkinson"}"#, "blocks[0].dither", "dithering"),
        (#"{"type": "image", "path": ""}"#, "blocks[0].path", "empty"),
    ])
    func jsonErrorsNameTheField(block: String, path: String, message: String) throws {
        do {
            _ = try decode(#"{"schemaVersion": 1, "blocks": ["# + block + "]}")
            Issue.record("expected an error for \(block)")
        } catch let error as EscPosError {
            #expect(error.path.description == path)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}

extension GrayImage {
    /// A 1 × 1 white image, for fallbacks that cannot happen.
    static let blank: GrayImage = {
        guard let image = try? GrayImage(width: 1, height: 1, pixels: [255]) else { fatalError("1×1 is valid") }
        return image
    }()
}

extension RasterImageTests {
    @Test func aRequestedSizeBeyondThePixelLimitIsRefusedBeforeScaling() throws {
        let compiler = ReceiptCompiler(profile: .generic80mm, options: .init(imagePixelLimit: 100_000))
        let error = try #require(throws: EscPosError.self) {
            try compiler.compile(Receipt { RasterImage(Self.picture).size(width: 576, height: 60_000) })
        }
        #expect(error.code == .invalidImage)
        #expect(error.path.description == "blocks[0].height")
    }

    /// Image reassembly never traps on arbitrary bytes, even ones built from image command prefixes.
    @Test func reassemblingImagesFromRandomBytesNeverTraps() {
        var state: UInt64 = 0x1234_5678
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let prefixes: [[UInt8]] = [
            [0x1D, 0x76, 0x30], [0x1D, 0x28, 0x4C], [0x1D, 0x38, 0x4C], [0x1B, 0x2A], [0x0A],
            [0x1D, 0x28, 0x4C, 0x02, 0x00, 0x30, 0x32],
        ]
        var total = 0
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(next() % 6) {
                bytes += prefixes[Int(next()) % prefixes.count]
                for _ in 0..<Int(next() % 24) { bytes.append(next() % 4 == 0 ? next() % 3 : next()) }
            }
            let images = DecodedImage.images(in: CommandDecoder().decode(bytes))
            total += images.count
            for image in images { #expect(image.bitmap.bits.count == image.bitmap.bytesPerRow * image.bitmap.height) }
        }
        #expect(total > 0)
    }
}

extension RasterImageTests {
    @Test func upscalingATallThinImageIsRefusedBeforeScaling() throws {
        let thin = try GrayImage(width: 1, height: 20_000, pixels: [UInt8](repeating: 0, count: 20_000))
        let error = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: .generic80mm).compile(Receipt { RasterImage(thin).upscale() })
        }
        #expect(error.code == .invalidImage)  // 576 × 11 520 000 dots
    }
}
