import Benchmark
import EscPos
import EscPosSymbolRendering

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        scalingFactor: .one,
        maxDuration: .seconds(3)
    )

    // A receipt footer's worth of symbols, printed natively: validation, Code 128 code-set choice, QR capacity.
    let symbols = Receipt {
        Barcode("5901234123457", symbology: .ean13)
        Barcode("ORDER-123456", symbology: .code128).moduleWidth(2)
        Barcode(gs1: [.gtin("0950110153000")]).moduleWidth(2)
        QRCode("https://example.com/r/8812?t=20261130").moduleSize(.auto).alignment(.center)
    }
    let native = ReceiptCompiler(profile: .epsonTMT88VI)
    Benchmark("Compile 3 barcodes + QR natively (TM-T88VI)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try native.compile(symbols))
        }
    }

    // The same on a 58 mm printer without QR: libzint draws it, then GS v 0 bands.
    let fallback = ReceiptCompiler(profile: .generic58mm, options: CompileOptions(symbolRenderer: ZintSymbolRenderer()))
    Benchmark("Compile 3 barcodes + software QR (generic 58 mm, libzint)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try fallback.compile(symbols))
        }
    }

    // The shortest-encoding search on a long mixed string (digit runs, case changes).
    let long = Barcode(String(repeating: "AB12345678cd", count: 16), symbology: .code128)
    Benchmark("Validate 192-character Code 128") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try long.validated())
        }
    }
}
