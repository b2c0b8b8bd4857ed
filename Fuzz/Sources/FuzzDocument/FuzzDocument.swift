import EscPos
import EscPosSymbolRendering
import Foundation
import FuzzSupport

/// libFuzzer entry point: a JSON receipt document, decoded, validated and compiled as `escpos render`
/// does (the document's own profile, else generic 80 mm; libzint for software symbols; inline images),
/// then the bytes decoded back. Errors are the expected outcome for most inputs; only crashes, hangs and
/// memory blow-ups are failures.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard let receipt = try? JSONDecoder().decode(Receipt.self, from: data) else { return 0 }
    let profile = receipt.profile.flatMap { try? PrinterProfile.named($0) } ?? .generic80mm
    let options = CompileOptions(imageDecoder: InlineImageDecoder(), symbolRenderer: ZintSymbolRenderer())
    guard let result = try? ReceiptCompiler(profile: profile, options: options).compile(receipt) else { return 0 }
    _ = result.warnings.map(\.description)
    checkDecodes(result.bytes, profile: profile)
    return 0
}

/// The program's entry point (SwiftPM links `main` to it): libFuzzer's driver with ``fuzz(_:_:)``.
@_cdecl("FuzzDocument_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, count in fuzz(data.map(UnsafeRawPointer.init) ?? emptyInput, count) }
}
