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
    ]
)
