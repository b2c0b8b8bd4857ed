// Links EscPos alone, as an app or service that never imports Foundation would, and exercises every
// part of it once. .ci/run builds this in release mode, where a stray libm or Foundation dependency
// (an inlined `rounded()` calling `round`, say) fails at link time instead of in a user's build.
import EscPos

let gradient = (0..<(64 * 32)).map { UInt8(($0 % 64) * 4) }
let receipt = Receipt {
    Text("Standalone check: Café €3.50").bold().alignment(.center)
    Columns {
        Column("Item")
        Column("1.00", width: .fixed(6), alignment: .right)
    }
    KeyValue("Total", "1.00")
    Barcode("5901234123457", symbology: .ean13)
    QRCode("https://example.com")
    if let image = try? GrayImage(width: 64, height: 32, pixels: gradient) {
        RasterImage(image).brightness(0.1).contrast(0.2).dithering(.floydSteinberg)
    }
    Cut()
}

do {
    let result = try ReceiptCompiler(profile: .epsonTMT20III).compile(receipt)
    let listing = CommandListing(CommandDecoder(profile: .epsonTMT20III).decode(result.bytes))
    guard listing.problemCount == 0, !result.bytes.isEmpty else {
        fatalError("standalone check failed: \(listing.problemCount) problems in \(result.bytes.count) bytes")
    }
    print("standalone check: \(result.bytes.count) bytes, \(listing.commands.count) commands")
} catch {
    fatalError("standalone check failed: \(error)")
}
