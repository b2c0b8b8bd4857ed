import EscPos
import EscPosTestSupport
import Foundation
import Testing

/// Golden fixtures for each graphics command the compiler emits. Besides the exact bytes, each case
/// asserts the command headers written by hand from the ESC/POS reference (shared/reference/escpos.md §E.3),
/// so the fixtures are never checked only against our own output.
@Suite struct ImageGoldenFixtureTests {
    struct Fixture: CustomTestStringConvertible, Sendable {
        let name: String
        let profile: PrinterProfile
        let receipt: Receipt
        let header: [String]
        /// Hand-written bytes that must appear, in this order, in the output.
        let expectedHeaders: [[UInt8]]
        var testDescription: String { name }
    }

    static let reference =
        "Headers and lengths checked against the Epson ESC/POS reference (shared/reference/escpos.md §E.3) by hand-written bytes in ImageGoldenFixtureTests.swift."

    static let picture = RasterImageTests.picture

    static let largeBands: PrinterProfile = {
        var profile = PrinterProfile.epsonTMT20III
        profile.limits.maxRasterBandHeight = 1000
        profile.limits.receiveBufferBytes = 131_072
        return profile
    }()

    static let fixtures: [Fixture] = [
        Fixture(
            name: "image-raster-bit-image",
            profile: .generic58mm,
            receipt: Receipt(profile: "generic-58mm") {
                Text("logo")
                RasterImage(picture).alignment(.center)
                Text("after")
            },
            header: [
                "A 64×48 picture centred on a 384-dot line (160 white dots on the left, 224 dots = 28 bytes wide),",
                "Floyd–Steinberg, as GS v 0 in the profile's 24-row bands.", reference,
            ],
            expectedHeaders: [
                [0x1D, 0x76, 0x30, 0x00, 0x1C, 0x00, 0x18, 0x00],  // 28 bytes × 24 rows
                [0x1D, 0x76, 0x30, 0x00, 0x1C, 0x00, 0x18, 0x00],
            ]
        ),
        Fixture(
            name: "image-graphics",
            profile: .epsonTMT20III,
            receipt: Receipt(profile: "epson-tm-t20iii") {
                RasterImage(picture).alignment(.right).dithering(.atkinson)
            },
            header: [
                "The picture right-aligned on a 576-dot line, Atkinson, as GS ( L store (fn 112) + print (fn 50):",
                "p = 10 + 72 × 48 = 3466 = 0D8A, x = 576 = 0240, y = 48 = 0030.", reference,
            ],
            expectedHeaders: [
                [0x1D, 0x28, 0x4C, 0x8A, 0x0D, 0x30, 0x70, 0x30, 0x01, 0x01, 0x31, 0x40, 0x02, 0x30, 0x00],
                [0x1D, 0x28, 0x4C, 0x02, 0x00, 0x30, 0x32],
            ]
        ),
        Fixture(
            name: "image-graphics-gs8l",
            profile: largeBands,
            receipt: Receipt(profile: "epson-tm-t20iii") {
                RasterImage(picture).size(width: 576, height: 1000).dithering(.bayer8x8)
            },
            header: [
                "A 576×1000 image in one band of 72 000 bytes: more than GS ( L's 16-bit length holds, so GS 8 L",
                "with p = 72 010 = 0001194A (32-bit, little-endian). Profile: TM-T20III with 1000-row bands.",
                reference,
            ],
            expectedHeaders: [
                [0x1D, 0x38, 0x4C, 0x4A, 0x19, 0x01, 0x00, 0x30, 0x70, 0x30, 0x01, 0x01, 0x31, 0x40, 0x02, 0xE8, 0x03],
                [0x1D, 0x28, 0x4C, 0x02, 0x00, 0x30, 0x32],
            ]
        ),
        Fixture(
            name: "image-column-bit-image",
            profile: .bixolonSRP350III,
            receipt: Receipt(profile: "bixolon-srp-350iii") {
                RasterImage(picture).command(.columnBitImage).dithering(.threshold)
                Text("after")
            },
            header: [
                "The picture as ESC * 24-dot double density (m = 33): ESC 3 24 so 24-dot bands join, two bands of",
                "64 columns × 3 bytes each ended by LF, then ESC 2.", reference,
            ],
            expectedHeaders: [
                [0x1B, 0x33, 0x18],
                [0x1B, 0x2A, 0x21, 0x40, 0x00],
                [0x1B, 0x2A, 0x21, 0x40, 0x00],
                [0x1B, 0x32],
            ]
        ),
    ]

    @Test(arguments: fixtures)
    func fixtureMatches(_ fixture: Fixture) throws {
        let bytes = try GoldenFixture.expectDocument(
            fixture.receipt,
            named: fixture.name,
            profile: fixture.profile,
            header: fixture.header
        ).bytes

        // The reference headers appear in order.
        var searchFrom = 0
        for header in fixture.expectedHeaders {
            let found = Self.firstIndex(of: header, in: bytes, from: searchFrom)
            #expect(
                found != nil,
                "\(fixture.name): \(header.map { String($0, radix: 16) }) not found after \(searchFrom)"
            )
            searchFrom = (found ?? searchFrom) + header.count
        }
        // Nothing undecodable, and exactly one image that is the dithered picture.
        let commands = CommandDecoder(profile: fixture.profile).decode(bytes)
        #expect(CommandListing(commands).problemCount == 0)
        #expect(DecodedImage.images(in: commands).count == 1)
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }
}
