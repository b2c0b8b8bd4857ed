import Benchmark
import EscPos
import EscPosEmulator
import EscPosImaging
import EscPosTemplates

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        scalingFactor: .one,
        maxDuration: .seconds(3)
    )

    let profile = PrinterProfile.generic80mm
    let bytes = (try? ReceiptCompiler(profile: profile).compile(Receipt { SampleReceipt() }).bytes) ?? []
    // Load the font once, as a long-running server or preview does; the benchmark measures rendering.
    let renderer = ReceiptRenderer(profile: profile, font: UnifontFont.installed)

    // The target: the sample receipt rendered to PNG in under 20 ms (median).
    Benchmark("Render sample receipt to PNG (80 mm)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try renderer.render(bytes).page.pngData())
        }
    }

    Benchmark("Render sample receipt, page only (80 mm)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(renderer.render(bytes))
        }
    }

    Benchmark("Load GNU Unifont (.hex)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? UnifontFont(contentsOfFile: "/usr/share/unifont/unifont.hex"))
        }
    }
}
