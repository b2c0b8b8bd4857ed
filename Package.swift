// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "swift-escpos",
    products: [
        .library(name: "EscPos", targets: ["EscPos"]),
        .library(name: "EscPosTransports", targets: ["EscPosTransports"]),
        .library(name: "EscPosTemplates", targets: ["EscPosTemplates"]),
        .library(name: "EscPosSymbolRendering", targets: ["EscPosSymbolRendering"]),
        .executable(name: "escpos", targets: ["EscPosCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // The document model, profiles, code pages, compiler and decoder. Standard library only.
        .target(name: "EscPos"),
        .target(
            name: "EscPosTransports",
            dependencies: [
                "EscPos",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Transports"
        ),
        .target(name: "EscPosTemplates", dependencies: ["EscPos"], path: "Sources/Templates"),
        // libzint (Debian libzint-dev ships no .pc file, so the modulemap links "zint" itself).
        .systemLibrary(name: "CZint", path: "Sources/CZint", providers: [.apt(["libzint-dev"]), .brew(["zint"])]),
        // Software rendering of barcodes and 2D codes for printers that cannot draw them.
        .target(name: "EscPosSymbolRendering", dependencies: ["EscPos", "CZint"], path: "Sources/SymbolRendering"),
        .executableTarget(
            name: "EscPosCLI",
            dependencies: [
                "EscPos",
                "EscPosTransports",
                "EscPosTemplates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/escpos"
        ),
        // Test-only helpers: golden-fixture assertions with command-level diffs. Not a product.
        .target(name: "EscPosTestSupport", dependencies: ["EscPos"], path: "Tests/EscPosTestSupport"),
        .testTarget(name: "EscPosTests", dependencies: ["EscPos", "EscPosTemplates", "EscPosTestSupport"]),
        .testTarget(
            name: "EscPosSymbolRenderingTests", dependencies: ["EscPos", "EscPosSymbolRendering", "EscPosTestSupport"]),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
