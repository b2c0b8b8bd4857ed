// swift-tools-version: 6.1
// libFuzzer harnesses live in their own package so the library never depends on them.
// Build and run with ./run (see README.md); a plain `swift build` here builds nothing useful.
import PackageDescription

let escpos = "swift-escpos"

let package = Package(
    name: "swift-escpos-fuzz",
    dependencies: [
        .package(name: escpos, path: "../")
    ],
    targets: [
        // The declaration of libFuzzer's driver (the library itself comes with -sanitize=fuzzer).
        .systemLibrary(name: "CLibFuzzer", path: "Sources/CLibFuzzer"),
        // What several harnesses share: an image decoder that reads no files, the decoder invariant check.
        .target(
            name: "FuzzSupport",
            dependencies: [
                "CLibFuzzer",
                .product(name: "EscPos", package: escpos),
                .product(name: "EscPosImaging", package: escpos),
            ],
            path: "Sources/FuzzSupport"
        ),
        // CommandDecoder over arbitrary bytes, then the listing of what it decoded.
        .executableTarget(
            name: "FuzzDecoder",
            dependencies: ["FuzzSupport", .product(name: "EscPos", package: escpos)],
            path: "Sources/FuzzDecoder"
        ),
        // A JSON document: decode, validate and compile (as `escpos render` does), then decode the bytes.
        .executableTarget(
            name: "FuzzDocument",
            dependencies: [
                "FuzzSupport",
                .product(name: "EscPos", package: escpos),
                .product(name: "EscPosImaging", package: escpos),
                .product(name: "EscPosSymbolRendering", package: escpos),
            ],
            path: "Sources/FuzzDocument"
        ),
        // Template data: an order (sales receipt) or a kitchen order (kitchen ticket), compiled.
        .executableTarget(
            name: "FuzzTemplate",
            dependencies: [
                "FuzzSupport",
                .product(name: "EscPos", package: escpos),
                .product(name: "EscPosTemplates", package: escpos),
                .product(name: "EscPosImaging", package: escpos),
                .product(name: "EscPosSymbolRendering", package: escpos),
            ],
            path: "Sources/FuzzTemplate"
        ),
        // PNG and JPEG bytes through ImageDecoder (libpng, libjpeg).
        .executableTarget(
            name: "FuzzImage",
            dependencies: [
                "FuzzSupport",
                .product(name: "EscPos", package: escpos),
                .product(name: "EscPosImaging", package: escpos),
            ],
            path: "Sources/FuzzImage"
        ),
        // The virtual printer's interpreter drawing arbitrary bytes (as `escpos preview` does).
        .executableTarget(
            name: "FuzzEmulator",
            dependencies: [
                "FuzzSupport",
                .product(name: "EscPos", package: escpos),
                .product(name: "EscPosEmulator", package: escpos),
            ],
            path: "Sources/FuzzEmulator"
        ),
        // Printer replies: PrinterReplyParser fed in chunks, each reply read as status.
        .executableTarget(
            name: "FuzzStatus",
            dependencies: ["FuzzSupport", .product(name: "EscPosPrinting", package: escpos)],
            path: "Sources/FuzzStatus"
        ),
        // PrinterURI parsing and printing.
        .executableTarget(
            name: "FuzzURI",
            dependencies: ["FuzzSupport", .product(name: "EscPosPrinting", package: escpos)],
            path: "Sources/FuzzURI"
        ),
        // A custom profile JSON: decode, validate, compile a receipt for it and decode the bytes.
        .executableTarget(
            name: "FuzzProfile",
            dependencies: [
                "FuzzSupport",
                .product(name: "EscPos", package: escpos),
                .product(name: "EscPosTemplates", package: escpos),
            ],
            path: "Sources/FuzzProfile"
        ),
    ]
)
