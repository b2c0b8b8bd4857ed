import EscPos
import EscPosTemplates
import Foundation
import FuzzSupport

/// libFuzzer entry point: a custom printer profile (`--profile my-printer.json`). One that decodes and
/// validates must compile the sample receipt and the test page (which use its fonts, code pages and
/// capabilities), and the bytes must decode with it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard let profile = try? JSONDecoder().decode(PrinterProfile.self, from: data) else { return 0 }
    guard (try? profile.validate()) != nil else { return 0 }
    let compiler = ReceiptCompiler(profile: profile)
    for receipt in [Receipt { SampleReceipt() }, Receipt { TestPage(profile: profile) }] {
        guard let result = try? compiler.compile(receipt) else { continue }
        checkDecodes(result.bytes, profile: profile)
    }
    return 0
}

/// The program's entry point (SwiftPM links `main` to it): libFuzzer's driver with ``fuzz(_:_:)``.
@_cdecl("FuzzProfile_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, count in fuzz(data.map(UnsafeRawPointer.init) ?? emptyInput, count) }
}
