// swift-tools-version: 6.1
// The print bridge lives in its own package, so a user of the library keeps a dependency graph of SwiftNIO,
// swift-log and swift-argument-parser; only a relay or agent pays for Hummingbird, GRDB and BoringSSL.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "swift-escpos-bridge",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "EscPosBridgeProtocol", targets: ["EscPosBridgeProtocol"]),
        .library(name: "EscPosRelay", targets: ["EscPosRelay"]),
        .library(name: "EscPosAgent", targets: ["EscPosAgent"]),
        .library(name: "EscPosBridgeClient", targets: ["EscPosBridgeClient"]),
        .executable(name: "escpos-relay", targets: ["EscPosRelayCLI"]),
        .executable(name: "escpos-agent", targets: ["EscPosAgentCLI"]),
    ],
    dependencies: [
        .package(name: "swift-escpos", path: "../"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket.git", from: "1.6.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // The messages agents and relays exchange, and the REST API's bodies, with their JSON. Foundation
        // only (for JSON and dates); no NIO, so any Swift program can speak the protocol.
        .target(
            name: "EscPosBridgeProtocol",
            swiftSettings: swiftSettings
        ),
        // The relay: REST for backends, the agents' WebSocket, storage, as a Hummingbird application.
        // It never links libusb or libcups: it validates documents with EscPos alone.
        .target(
            name: "EscPosRelay",
            dependencies: [
                "EscPosBridgeProtocol",
                .product(name: "EscPos", package: "swift-escpos"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The on-site agent: enrollment, the session to the relay, the spool (its ledger) and the printers.
        .target(
            name: "EscPosAgent",
            dependencies: [
                "EscPosBridgeProtocol",
                .product(name: "EscPos", package: "swift-escpos"),
                .product(name: "EscPosPrinting", package: "swift-escpos"),
                .product(name: "EscPosTransports", package: "swift-escpos"),
                .product(name: "EscPosImaging", package: "swift-escpos"),
                .product(name: "EscPosSymbolRendering", package: "swift-escpos"),
                .product(name: "EscPosTemplates", package: "swift-escpos"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // A typed client of the REST API for Swift backends.
        .target(
            name: "EscPosBridgeClient",
            dependencies: [
                "EscPosBridgeProtocol",
                .product(name: "EscPos", package: "swift-escpos"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "EscPosRelayCLI",
            dependencies: [
                "EscPosRelay", "EscPosBridgeProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "EscPosAgentCLI",
            dependencies: [
                "EscPosAgent", "EscPosBridgeProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Submit → printed latency, jobs per second and relay memory per idle agent, with the real processes
        // (results in ../Benchmarks/bridge.md). Lives here, not in ../Benchmarks, so it shares this package's build.
        .executableTarget(
            name: "BridgeBenchmark",
            dependencies: [
                "EscPosBridgeClient", "EscPosBridgeProtocol", "EscPosRelay",
                .product(name: "EscPos", package: "swift-escpos"),
                .product(name: "EscPosEmulator", package: "swift-escpos"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/BridgeBenchmark",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EscPosBridgeTests",
            dependencies: [
                "EscPosBridgeProtocol", "EscPosBridgeClient", "EscPosRelay",
                .product(name: "EscPos", package: "swift-escpos"),
                .product(name: "EscPosEmulator", package: "swift-escpos"),
                .product(name: "EscPosPrinting", package: "swift-escpos"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
