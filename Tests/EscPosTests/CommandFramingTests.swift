import EscPosTestSupport
import Foundation
import Testing

@testable import EscPos

/// `CommandFraming` (which the virtual printer follows streams with) agrees with the decoder on the length
/// of every command of every golden fixture, and on hand-picked edge cases.
@Suite struct CommandFramingTests {
    /// The length framing gives for the command at the start of `bytes`, feeding it header bytes one by one.
    static func framedLength(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard let first = bytes.first, CommandFraming.startsCommand(first) else { return 1 }
        for count in 1...min(bytes.count, CommandFraming.longestHeader) {
            switch CommandFraming.frame(Array(bytes.prefix(count))) {
            case .needMore: continue
            case .length(let length): return length
            case .untilNUL: return bytes.firstIndex(of: 0).map { $0 - bytes.startIndex + 1 }
            }
        }
        return nil
    }

    @Test func framingMatchesTheDecoderOnEveryGoldenFixture() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: GoldenFixture.directory.path)
            .filter { $0.hasSuffix(".bin") }.sorted()
        #expect(files.count > 10)
        var checked = 0
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: GoldenFixture.directory.appendingPathComponent(file)))
            for decoded in CommandDecoder(profile: .generic80mm).decode(bytes) {
                guard let first = decoded.bytes.first, CommandFraming.startsCommand(first) else { continue }
                if case .truncated = decoded.command { continue }
                let framed = Self.framedLength(bytes[decoded.offset...])
                #expect(
                    framed == decoded.bytes.count,
                    "\(file) at \(decoded.offset): \(CommandListing.line(decoded)) is \(decoded.bytes.count) bytes, framing says \(framed.map(String.init) ?? "nothing")"
                )
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    @Test(arguments: [
        [0x1B, 0x40] as [UInt8], [0x1B, 0x45, 0x01], [0x1D, 0x56, 0x42, 0x00], [0x1D, 0x56, 0x01],
        [0x1D, 0x6B, 0x02] + Array("5901234123457".utf8) + [0x00],
        [0x1D, 0x6B, 0x43, 0x0D] + Array("5901234123457".utf8),
        [0x1D, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, 0x41, 0x42, 0x43, 0x44], [0x10, 0x04, 0x01],
        [0x10, 0x14, 0x01, 0x00, 0x01],
        [0x1C, 0x2E], [0x1B, 0x1D, 0x74, 0x01], [0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0x01, 0x00, 0xFF],
        [0x1B, 0x2A, 0x21, 0x01, 0x00, 0xFF, 0xFF, 0xFF],
    ])
    func framingMatchesTheDecoderOnEdgeCases(_ bytes: [UInt8]) throws {
        let decoded = try #require(CommandDecoder(profile: .generic80mm).decode(bytes).first)
        #expect(Self.framedLength(bytes[...]) == decoded.bytes.count, "\(CommandListing.line(decoded))")
    }
}
