import EscPosPrinting
import FuzzSupport

/// libFuzzer entry point: the input as a printer URI (`--printer`, agent configuration). A URI that
/// parses must print as a URI that parses again to the same endpoint.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    guard let uri = try? PrinterURI(text) else { return 0 }
    let printed = uri.description
    guard let again = try? PrinterURI(printed) else {
        fatalError("\(text.debugDescription) parses, but its description \(printed.debugDescription) does not")
    }
    check(again == uri, "\(text.debugDescription) → \(printed.debugDescription) → \(again)")
    return 0
}

/// The program's entry point (SwiftPM links `main` to it): libFuzzer's driver with ``fuzz(_:_:)``.
@_cdecl("FuzzURI_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, count in fuzz(data.map(UnsafeRawPointer.init) ?? emptyInput, count) }
}
