import EscPos
import EscPosImaging
import FuzzSupport

/// libFuzzer entry point: the input as a PNG or JPEG file (whichever its signature says; the first byte
/// of an input that has neither picks one, so both libraries see mutated data), decoded with a pixel
/// limit of 4 megapixels (the library default is 40; lower keeps each run fast), and the image checked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    if ImageDecoder.format(of: bytes) == nil, let first = bytes.first {
        let signature: [UInt8] =
            first & 1 == 0
            ? [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] : [0xFF, 0xD8, 0xFF]
        bytes = signature + bytes.dropFirst()
    }
    guard let image = try? ImageDecoder().decodeImage(bytes, pixelLimit: 4_000_000) else { return 0 }
    check(
        image.width > 0 && image.height > 0 && image.pixels.count == image.width * image.height,
        "a \(image.width)×\(image.height) image with \(image.pixels.count) pixels"
    )
    return 0
}

/// The program's entry point (SwiftPM links `main` to it): libFuzzer's driver with ``fuzz(_:_:)``.
@_cdecl("FuzzImage_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, count in fuzz(data.map(UnsafeRawPointer.init) ?? emptyInput, count) }
}
