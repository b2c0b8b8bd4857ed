// swift-tools-version: 6.1
// Benchmarks live in their own package so the library never depends on the benchmark harness.
// Run: swift package benchmark   (add --target CompilerBenchmarks to run one suite)
import PackageDescription

let package = Package(
    name: "swift-escpos-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-escpos", path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "CompilerBenchmarks",
            dependencies: [
                .product(name: "EscPos", package: "swift-escpos"),
                .product(name: "EscPosTemplates", package: "swift-escpos"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CompilerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // TCP throughput (1 MiB job) and per-job overhead (1 KB: connect, send, close) on loopback.
        .executableTarget(
            name: "TransportBenchmarks",
            dependencies: [
                .product(name: "EscPosTransports", package: "swift-escpos"),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/TransportBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ImageBenchmarks",
            dependencies: [
                .product(name: "EscPos", package: "swift-escpos"),
                .product(name: "EscPosImaging", package: "swift-escpos"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ImageBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SymbolBenchmarks",
            dependencies: [
                .product(name: "EscPos", package: "swift-escpos"),
                .product(name: "EscPosSymbolRendering", package: "swift-escpos"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SymbolBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "EmulatorBenchmarks",
            dependencies: [
                .product(name: "EscPos", package: "swift-escpos"),
                .product(name: "EscPosEmulator", package: "swift-escpos"),
                .product(name: "EscPosImaging", package: "swift-escpos"),
                .product(name: "EscPosTemplates", package: "swift-escpos"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/EmulatorBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Issue 10's hostile inputs: 16 MiB streams rendered, 10 MB decoded (see hostile-input.md).
        .executableTarget(
            name: "HostileInputBenchmarks",
            dependencies: [
                .product(name: "EscPos", package: "swift-escpos"),
                .product(name: "EscPosEmulator", package: "swift-escpos"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/HostileInputBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
