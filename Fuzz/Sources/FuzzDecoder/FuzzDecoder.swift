import EscPos
import FuzzSupport

/// libFuzzer entry point: decodes the input as an ESC/POS stream for two profiles (Epson and Star code
/// pages) and lists it, checking that the commands cover the input exactly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = inputBytes(start, count)
    for profile in [PrinterProfile.generic80mm, .starTSP100] {
        checkDecodes(bytes, profile: profile)
        let commands = CommandDecoder(profile: profile).decode(bytes)
        let listing = CommandListing(commands)
        _ = listing.text
        _ = listing.problemCount
        _ = DecodedImage.images(in: commands)
    }
    return 0
}

/// The program's entry point (SwiftPM links `main` to it): libFuzzer's driver with ``fuzz(_:_:)``.
@_cdecl("FuzzDecoder_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, count in fuzz(data.map(UnsafeRawPointer.init) ?? emptyInput, count) }
}
