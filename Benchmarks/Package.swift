// swift-tools-version: 6.1
// Benchmarks live in their own package so the library never depends on the benchmark harness.
// Run from this folder: `swift package benchmark` (add --target CompilerBenchmarks to run one suite).
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
        .executableTarget(
            name: "TransportBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "EscPosTransports", package: "swift-escpos"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "TransportBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
