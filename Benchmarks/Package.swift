// swift-tools-version: 6.1
// Benchmarks for swift-escpos, a nested package so the library itself does not depend on the
// benchmark harness. Run from this folder: `swift package benchmark` (release build).
import PackageDescription

// SwiftPM names a path dependency after its folder, which is "swift-escpos" in a normal clone but may
// differ in a CI or worktree checkout.
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "swift-escpos"

let package = Package(
    name: "swift-escpos-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "TransportBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "EscPosTransports", package: root),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "TransportBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
