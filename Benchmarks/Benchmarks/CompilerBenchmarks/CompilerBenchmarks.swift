import Benchmark
import EscPos
import EscPosTemplates

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput], scalingFactor: .one, maxDuration: .seconds(3))

    let sample = Receipt { SampleReceipt() }
    let compiler = ReceiptCompiler(profile: .epsonTMT20III)

    // The target: under 10 µs per sample receipt, with a bounded number of allocations.
    Benchmark("Compile sample receipt (TM-T20III)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try compiler.compile(sample))
        }
    }

    let bytes = (try? compiler.compile(sample).bytes) ?? []
    let big = Array(repeating: bytes, count: max(1, 65_536 / max(bytes.count, 1))).flatMap { $0 }
    Benchmark("Decode 64 KiB of receipts") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(CommandDecoder(profile: .epsonTMT20III).decode(big))
        }
    }
}
