// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "swift-escpos",
    products: [
        .library(name: "EscPos", targets: ["EscPos"]),
        .library(name: "EscPosPrinting", targets: ["EscPosPrinting"]),
        .library(name: "EscPosInMemoryTransport", targets: ["EscPosInMemoryTransport"]),
        .library(name: "EscPosNetworkTransport", targets: ["EscPosNetworkTransport"]),
        .library(name: "EscPosUSBTransport", targets: ["EscPosUSBTransport"]),
        .library(name: "EscPosCUPSTransport", targets: ["EscPosCUPSTransport"]),
        .library(name: "EscPosDeviceFileTransport", targets: ["EscPosDeviceFileTransport"]),
        .library(name: "EscPosTransports", targets: ["EscPosTransports"]),
        .library(name: "EscPosTemplates", targets: ["EscPosTemplates"]),
        .library(name: "EscPosImaging", targets: ["EscPosImaging"]),
        .library(name: "EscPosSymbolRendering", targets: ["EscPosSymbolRendering"]),
        .library(name: "EscPosEmulator", targets: ["EscPosEmulator"]),
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
        // The printing core: the transport protocol, `Printer`, URIs, status and errors. EscPos and
        // swift-log only, so a cloud service can use it without linking NIO, libusb or libcups.
        .target(
            name: "EscPosPrinting",
            dependencies: ["EscPos", .product(name: "Logging", package: "swift-log")]
        ),
        // A transport that keeps everything in memory: scripted replies, recorded bytes, faults. For tests.
        .target(name: "EscPosInMemoryTransport", dependencies: ["EscPos", "EscPosPrinting"]),
        // Not a product: the blocking-I/O thread pool, errno and system calls the device transports share.
        .target(
            name: "EscPosTransportSupport",
            dependencies: ["EscPosPrinting", .product(name: "NIOPosix", package: "swift-nio")]
        ),
        // Raw TCP (port 9100) through SwiftNIO.
        .target(
            name: "EscPosNetworkTransport",
            dependencies: [
                "EscPosPrinting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "EscPosUSBTransport",
            dependencies: [
                "EscPos", "EscPosPrinting", "EscPosTransportSupport", "CLibUSB",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "EscPosCUPSTransport",
            dependencies: [
                "EscPosPrinting", "EscPosTransportSupport", "CCUPS",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Device files (/dev/usb/lp0) and serial lines (termios).
        .target(
            name: "EscPosDeviceFileTransport",
            dependencies: [
                "EscPosPrinting", "EscPosTransportSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The umbrella: every transport, `openPrinterTransport(uri)` and discovery.
        .target(
            name: "EscPosTransports",
            dependencies: [
                "EscPos",
                "EscPosPrinting",
                "EscPosNetworkTransport",
                "EscPosUSBTransport",
                "EscPosCUPSTransport",
                "EscPosDeviceFileTransport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // libusb-1.0, wrapped by Sources/EscPosUSBTransport/LibUSB.swift only.
        .systemLibrary(
            name: "CLibUSB",
            pkgConfig: "libusb-1.0",
            providers: [.apt(["libusb-1.0-0-dev"]), .brew(["libusb"])]
        ),
        // libcups (Debian 12 ships no cups.pc), wrapped by Sources/EscPosCUPSTransport/LibCUPS.swift only.
        .systemLibrary(name: "CCUPS", providers: [.apt(["libcups2-dev"])]),
        .target(name: "EscPosTemplates", dependencies: ["EscPos"]),
        // PNG and JPEG decoding for raster images, behind the EscPos.ImageDecoding protocol.
        .target(name: "EscPosImaging", dependencies: ["EscPos", "CLibPNG", "CJPEG"]),
        .systemLibrary(name: "CLibPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"]), .brew(["jpeg-turbo"])]),
        // libzint (Debian libzint-dev ships no .pc file, so the modulemap links "zint" itself).
        .systemLibrary(name: "CZint", providers: [.apt(["libzint-dev"]), .brew(["zint"])]),
        // Software rendering of barcodes and 2D codes for printers that cannot draw them.
        .target(name: "EscPosSymbolRendering", dependencies: ["EscPos", "CZint"]),
        // The virtual printer: an ESC/POS interpreter that draws pages, and a TCP 9100 printer server.
        .target(
            name: "EscPosEmulator",
            dependencies: [
                "EscPos",
                "EscPosPrinting",
                "EscPosImaging",
                "EscPosSymbolRendering",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The `escpos` command-line tool.
        .executableTarget(
            name: "EscPosCLI",
            dependencies: [
                "EscPos",
                "EscPosTransports",
                "EscPosTemplates",
                "EscPosSymbolRendering",
                "EscPosImaging",
                "EscPosEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Every module's folder is Sources/<module> (SwiftPM's default); only the test-only targets below,
        // which are not products, live under Tests/ and so name their path.
        // Test-only helpers: golden-fixture assertions with command-level diffs, a fake network printer and a
        // seeded random generator. Not a product.
        .target(
            name: "EscPosTestSupport",
            dependencies: [
                "EscPos",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/EscPosTestSupport"
        ),
        .testTarget(name: "EscPosTests", dependencies: ["EscPos", "EscPosTemplates", "EscPosTestSupport"]),
        .testTarget(
            name: "EscPosTemplatesTests",
            dependencies: ["EscPos", "EscPosTemplates", "EscPosImaging", "EscPosSymbolRendering", "EscPosTestSupport"]
        ),
        // Runs the built `escpos` executable (found next to the test bundle); `swift test` builds it.
        .testTarget(name: "EscPosCLITests", dependencies: ["EscPosTestSupport"]),
        .testTarget(
            name: "EscPosTransportsTests",
            dependencies: [
                "EscPos",
                "EscPosTransports",
                "EscPosPrinting",
                "EscPosCUPSTransport",
                "EscPosUSBTransport",
                "EscPosDeviceFileTransport",
                "EscPosTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The printing core and the in-memory transport linked on their own, as a relay that must not link
        // NIO, libusb, libcups or Foundation would; .ci/run builds it in release mode and checks the binary.
        .executableTarget(
            name: "EscPosPrintingStandaloneCheck",
            dependencies: ["EscPos", "EscPosPrinting", "EscPosInMemoryTransport"],
            path: "Tests/EscPosPrintingStandaloneCheck"
        ),
        .testTarget(
            name: "EscPosPrintingTests",
            dependencies: ["EscPos", "EscPosPrinting", "EscPosInMemoryTransport"]
        ),
        // EscPos linked on its own, as a Foundation-free app would; .ci/run builds and runs it in release mode.
        .executableTarget(name: "EscPosStandaloneCheck", dependencies: ["EscPos"], path: "Tests/EscPosStandaloneCheck"),
        // A tiny program the USB tests run under umockdev's LD_PRELOAD (scripts/harness/usb), so the
        // emulated printer never leaks into the test process itself. Not a product; `swift build` and
        // `swift test` build it next to the test bundle.
        .executableTarget(
            name: "EscPosUSBHarness",
            dependencies: ["EscPosTransports", .product(name: "Logging", package: "swift-log")],
            path: "Tests/EscPosUSBHarness"
        ),
        .testTarget(
            name: "EscPosImagingTests",
            dependencies: ["EscPosImaging", "EscPos", "EscPosTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "EscPosSymbolRenderingTests",
            dependencies: ["EscPos", "EscPosSymbolRendering", "EscPosTestSupport"]
        ),
        .testTarget(
            name: "EscPosEmulatorTests",
            dependencies: [
                "EscPosEmulator",
                "EscPos",
                "EscPosImaging",
                "EscPosTemplates",
                "EscPosTransports",
                "EscPosTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.enableUpcomingFeature("NonisolatedNonsendingByDefault"))
    target.swiftSettings = settings
}
