import Benchmark
import EscPos
import EscPosTemplates

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        scalingFactor: .one,
        maxDuration: .seconds(3)
    )

    let sample = Receipt { SampleReceipt() }
    let compiler = ReceiptCompiler(profile: .epsonTMT20III)

    // The target: under 10 µs per sample receipt, with a bounded number of allocations.
    Benchmark("Compile sample receipt (TM-T20III)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try compiler.compile(sample))
        }
    }

    // A sales receipt from typed data: validate the money (minor units), lay out, compile.
    let order = Order(
        store: Store(name: "Corner Café", addressLines: ["12 Harbour Street", "Portsmouth PO1 2AB"]),
        number: "A-1042",
        currency: .euro,
        createdAt: "2026-11-30 12:03",
        items: (1...20).map { index in
            LineItem(
                "Item number \(index) with a name long enough to wrap on 58 mm paper",
                quantity: index % 3 + 1,
                unitPrice: Money(minorUnits: 250 + index * 35),
                modifiers: index % 4 == 0 ? [Modifier("Extra shot", unitPrice: Money(minorUnits: 50))] : []
            )
        },
        taxes: [],
        payments: []
    )
    Benchmark("Validate and compile sales receipt template (TM-T20III)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try compiler.compile(Receipt(blocks: SalesReceipt(order).body)))
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
