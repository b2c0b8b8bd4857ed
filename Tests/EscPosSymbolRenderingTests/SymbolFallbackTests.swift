import EscPos
import EscPosSymbolRendering
import EscPosTestSupport
import Foundation
import Testing

/// The compiler's software fallback end to end: compile, take the raster image back out of the bytes, and
/// decode it with zbar.
@Suite struct SymbolFallbackTests {
    static var options: CompileOptions { CompileOptions(symbolRenderer: ZintSymbolRenderer()) }

    /// The raster images in `bytes`, each band stacked into one bitmap per run of consecutive bands.
    static func rasterImages(in bytes: [UInt8], profile: PrinterProfile) -> [MonochromeBitmap] {
        var images: [MonochromeBitmap] = []
        var pending: (widthBytes: Int, rows: Int, bits: [UInt8])?
        for decoded in CommandDecoder(profile: profile).decode(bytes) {
            if case .rasterImage(_, let widthBytes, let height, let data) = decoded.command {
                if let current = pending, current.widthBytes == widthBytes {
                    pending = (widthBytes, current.rows + height, current.bits + data)
                } else {
                    pending = (widthBytes, height, data)
                }
            } else if let current = pending {
                images += [
                    MonochromeBitmap(width: current.widthBytes * 8, height: current.rows, packedRows: current.bits)
                ].compactMap { $0 }
                pending = nil
            }
        }
        if let current = pending {
            images += [MonochromeBitmap(width: current.widthBytes * 8, height: current.rows, packedRows: current.bits)]
                .compactMap { $0 }
        }
        return images
    }

    @Test func qrOnAPrinterWithoutQRPrintsAsAnImageThatDecodes() throws {
        let receipt = Receipt { QRCode("https://example.com/r/8812").moduleSize(.auto).alignment(.center) }
        let compiled = try ReceiptCompiler(profile: .generic58mm, options: Self.options).compile(receipt)
        #expect(!SymbolCompilationContains.gsParenK(compiled.bytes), "no native QR command")
        let images = Self.rasterImages(in: compiled.bytes, profile: .generic58mm)
        let image = try #require(images.first)
        #expect(image.width == PrinterProfile.generic58mm.dotWidth)
        // Centred: as much white on the left as on the right (within one module).
        let columns = (0..<image.width).filter { x in (0..<image.height).contains { image[x, $0] } }
        let left = try #require(columns.first)
        let right = image.width - 1 - (try #require(columns.last))
        #expect(abs(left - right) <= 16)
        if ZintSymbolRendererTests.decodeBackEnabled {
            #expect(
                try ZintSymbolRendererTests.decode(image, symbology: "qrcode")
                    == Array("https://example.com/r/8812".utf8)
            )
        }
    }

    @Test func forcedSoftwareRenderingDrawsEveryBarcodeWithItsHumanReadableLine() throws {
        let receipt = Receipt(options: .init(symbolRendering: .software)) {
            Barcode("590123412345", symbology: .ean13).hriPosition(.below)
        }
        let compiled = try ReceiptCompiler(profile: .epsonTMT88VI, options: Self.options).compile(receipt)
        let listing = CommandListing(CommandDecoder(profile: .epsonTMT88VI).decode(compiled.bytes)).text
        #expect(!listing.contains("GS k"))
        #expect(listing.contains("\"5901234123457\""), "the HRI digits are printed as text under the bars")
        let image = try #require(Self.rasterImages(in: compiled.bytes, profile: .epsonTMT88VI).first)
        #expect(image.height == 80)
        if ZintSymbolRendererTests.decodeBackEnabled {
            #expect(try ZintSymbolRendererTests.decode(image, symbology: "ean13") == Array("5901234123457".utf8))
        }
    }

    @Test func code128OnAFunctionAPrinterFallsBackAndDecodes() throws {
        var profile = PrinterProfile.epsonTMT88VI
        profile.capabilities.barcodeFunctionB = false
        let receipt = Receipt { Barcode("Order #42-a", symbology: .code128).moduleWidth(2).hriPosition(.none) }
        let compiled = try ReceiptCompiler(profile: profile, options: Self.options).compile(receipt)
        let image = try #require(Self.rasterImages(in: compiled.bytes, profile: profile).first)
        if ZintSymbolRendererTests.decodeBackEnabled {
            #expect(try ZintSymbolRendererTests.decode(image, symbology: "code128") == Array("Order #42-a".utf8))
        }
    }

    @Test func fallbackTooWideIsAnError() throws {
        let receipt = Receipt { QRCode(String(repeating: "x", count: 300)).moduleSize(.dots(8)) }
        let error = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: .generic58mm, options: Self.options).compile(receipt)
        }
        #expect(error.code == .doesNotFit)
        #expect(error.path.description == "blocks[0].moduleSize")
    }

    @Test func bandsRespectTheProfileLimit() throws {
        var profile = PrinterProfile.generic58mm
        profile.limits.maxRasterBandHeight = 24
        let compiled = try ReceiptCompiler(profile: profile, options: Self.options).compile(
            Receipt { QRCode("band test").moduleSize(.dots(4)) }
        )
        let heights = CommandDecoder(profile: profile).decode(compiled.bytes).compactMap { decoded -> Int? in
            if case .rasterImage(_, _, let height, _) = decoded.command { return height }
            return nil
        }
        #expect(heights.count >= 4)
        #expect(heights.allSatisfy { $0 <= 24 })
    }

    @Test func fallbackFixture() throws {
        let receipt = Receipt {
            QRCode("1234").alignment(.center)
            Barcode("AB-12", symbology: .code128).height(24).moduleWidth(2).hriPosition(.below, font: .b)
        }
        var profile = PrinterProfile.generic58mm
        profile.capabilities.barcodeFunctionB = false
        let compiled = try ReceiptCompiler(profile: profile, options: Self.options).compile(receipt)
        GoldenFixture.expect(
            compiled.bytes,
            named: "symbols-fallback-generic-58mm",
            profile: profile,
            header: [
                "Software fallback on a generic 58 mm printer without QR and without GS k function B: a QR code "
                    + "(module size 3, centred on the 384-dot line) and a Code 128 barcode drawn by libzint, printed "
                    + "as GS v 0 raster images, with the barcode's human-readable line in font B.",
                "GS v 0 layout per shared/reference/escpos.md §E.3 (1D 76 30 m xL xH yL yH, MSB = leftmost dot).",
            ]
        )
    }
}

enum SymbolCompilationContains {
    /// Whether `bytes` hold a `GS ( k` command.
    static func gsParenK(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 3 else { return false }
        return (0...(bytes.count - 3)).contains { bytes[$0] == 0x1D && bytes[$0 + 1] == 0x28 && bytes[$0 + 2] == 0x6B }
    }
}
