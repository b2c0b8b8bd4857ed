import EscPos
import EscPosSymbolRendering
import EscPosTemplates
import Foundation
import FuzzSupport

/// libFuzzer entry point: template data, as `escpos render --template` takes it. The input is tried as an
/// order (sales receipt) and as a kitchen order (kitchen ticket); whatever decodes is laid out and compiled
/// for 80 mm (even input length) or 58 mm (odd), then the bytes are decoded back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let profile: PrinterProfile = count % 2 == 0 ? .generic80mm : .generic58mm
    let compiler = ReceiptCompiler(
        profile: profile,
        options: CompileOptions(imageDecoder: InlineImageDecoder(), symbolRenderer: ZintSymbolRenderer())
    )
    var receipts: [Receipt] = []
    if let order = try? JSONDecoder().decode(Order.self, from: data), let layout = try? SalesReceipt(order) {
        receipts.append(Receipt { layout })
    }
    if let order = try? JSONDecoder().decode(KitchenOrder.self, from: data), let layout = try? KitchenTicket(order) {
        receipts.append(Receipt { layout })
    }
    for receipt in receipts {
        guard let result = try? compiler.compile(receipt) else { continue }
        checkDecodes(result.bytes, profile: profile)
    }
    return 0
}

/// The program's entry point (SwiftPM links `main` to it): libFuzzer's driver with ``fuzz(_:_:)``.
@_cdecl("FuzzTemplate_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, count in fuzz(data.map(UnsafeRawPointer.init) ?? emptyInput, count) }
}
