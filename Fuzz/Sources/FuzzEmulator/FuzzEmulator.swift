import EscPos
import EscPosEmulator
import FuzzSupport

/// The renderer `escpos preview` and the virtual printer use: an Epson profile (so every command family
/// is on), the installed Unifont and libzint symbols, the default page limit.
let renderer = ReceiptRenderer(profile: .epsonTMT88VI)

/// libFuzzer entry point: the virtual printer's interpreter draws the input as one job. (The page is not
/// encoded as PNG: libpng is not what this harness tests, and it would dominate the time per input.)
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    let receipt = renderer.render(bytes)
    check(receipt.page.height <= renderer.maximumPageHeight, "the page is \(receipt.page.height) dots long")
    _ = receipt.notes.map { "\($0)" }
    return 0
}

/// The program's entry point (SwiftPM links `main` to it): libFuzzer's driver with ``fuzz(_:_:)``.
@_cdecl("FuzzEmulator_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, count in fuzz(data.map(UnsafeRawPointer.init) ?? emptyInput, count) }
}
