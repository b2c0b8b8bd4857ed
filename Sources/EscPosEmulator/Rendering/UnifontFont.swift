import EscPos
import Foundation

/// GNU Unifont, read from its `.hex` form: an 8×16 or 16×16 bitmap for every visible character of the
/// Basic Multilingual Plane (Latin, Greek, Cyrillic, Arabic, Hebrew, CJK, symbols).
///
/// The virtual printer draws text with it, scaled into the printer's character cells. One bitmap font
/// covers every script a receipt printer's code pages can produce, and looks like a thermal printer's
/// own dot-matrix characters. Debian and Ubuntu ship it in the `unifont` package
/// (`/usr/share/unifont/unifont.hex`); Homebrew users can download `unifont-*.hex` from unifoundry.com.
///
/// ```swift
/// let font = try UnifontFont(contentsOfFile: "/usr/share/unifont/unifont.hex")
/// font.glyph(for: "Ж")?.width  // 8
/// ```
public final class UnifontFont: Sendable {
    /// One character's bitmap: `width` (8 or 16) × 16 dots.
    public struct Glyph: Hashable, Sendable {
        /// 8 for half-width characters, 16 for full-width ones (CJK, many symbols).
        public var width: Int
        /// Sixteen rows, top first; bit 15 is the leftmost dot, 1 = ink.
        public var rows: [UInt16]
    }

    /// Where the font is looked for when no path is given: `ESCPOS_UNIFONT`, then the Debian, local and
    /// Homebrew locations.
    public static let searchPaths: [String] = {
        var paths: [String] = []
        if let path = ProcessInfo.processInfo.environment["ESCPOS_UNIFONT"], !path.isEmpty { paths.append(path) }
        paths += [
            "/usr/share/unifont/unifont.hex", "/usr/local/share/unifont/unifont.hex",
            "/opt/homebrew/share/unifont/unifont.hex",
        ]
        return paths
    }()

    /// The font from the first of ``searchPaths`` that exists, loaded once per process; `nil` when
    /// none does (text is then drawn as boxes and the renderer says so in its notes).
    public static let installed: UnifontFont? = {
        for path in searchPaths where FileManager.default.fileExists(atPath: path) {
            if let font = try? UnifontFont(contentsOfFile: path) { return font }
        }
        return nil
    }()

    /// Per code point of plane 0: the index of its first row in `rows`, or -1.
    private let offsets: [Int32]
    /// Per code point of plane 0: 8, 16 or 0 (no glyph).
    private let widths: [UInt8]
    private let rows: [UInt16]

    /// The number of characters the font has.
    public let glyphCount: Int

    /// Reads a `.hex` font file.
    ///
    /// - Parameter path: A Unifont `.hex` file: lines `CODEPOINT:HEXBITS`, 32 hex digits for an 8×16
    ///   glyph, 64 for a 16×16 one.
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/fontUnavailable`` when the file cannot be
    ///   read or holds no glyph.
    public convenience init(contentsOfFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EscPosError(
                .fontUnavailable,
                "cannot read the Unifont file \(path); install Debian's `unifont` package or set ESCPOS_UNIFONT "
                    + "to a unifont .hex file"
            )
        }
        try self.init(hexFile: [UInt8](data), source: path)
    }

    /// Parses the contents of a `.hex` font file; lines that are not glyphs of plane 0 are skipped.
    ///
    /// - Throws: ``EscPosError`` (``EscPosError/Code/fontUnavailable``) when no glyph is found.
    public init(hexFile bytes: [UInt8], source: String = "the font data") throws {
        var offsets = [Int32](repeating: -1, count: 0x10000)
        var widths = [UInt8](repeating: 0, count: 0x10000)
        var rows: [UInt16] = []
        rows.reserveCapacity(bytes.count / 3)
        var count = 0
        func nibble(_ byte: UInt8) -> Int? {
            switch byte {
            case 0x30...0x39: return Int(byte - 0x30)
            case 0x41...0x46: return Int(byte - 0x41 + 10)
            case 0x61...0x66: return Int(byte - 0x61 + 10)
            default: return nil
            }
        }
        var position = 0
        let end = bytes.count
        while position < end {
            var lineEnd = position
            while lineEnd < end, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { position = lineEnd + 1 }
            var cursor = position
            var codePoint = 0
            var digits = 0
            while cursor < lineEnd, let value = nibble(bytes[cursor]) {
                codePoint = codePoint << 4 | value
                digits += 1
                cursor += 1
                if digits > 6 { break }
            }
            guard digits > 0, digits <= 6, cursor < lineEnd, bytes[cursor] == 0x3A, codePoint < 0x10000 else {
                continue
            }
            cursor += 1
            var hexEnd = lineEnd
            if hexEnd > cursor, bytes[hexEnd - 1] == 0x0D { hexEnd -= 1 }
            let length = hexEnd - cursor
            guard length == 32 || length == 64 else { continue }
            let bytesPerRow = length / 32
            let start = rows.count
            var valid = true
            for row in 0..<16 {
                var value = 0
                for digit in 0..<(bytesPerRow * 2) {
                    guard let nibbleValue = nibble(bytes[cursor + row * bytesPerRow * 2 + digit]) else {
                        valid = false
                        break
                    }
                    value = value << 4 | nibbleValue
                }
                rows.append(UInt16(truncatingIfNeeded: bytesPerRow == 1 ? value << 8 : value))
            }
            guard valid else {
                rows.removeSubrange(start...)
                continue
            }
            if offsets[codePoint] < 0 { count += 1 }
            offsets[codePoint] = Int32(start)
            widths[codePoint] = UInt8(bytesPerRow * 8)
        }
        guard count > 0 else {
            throw EscPosError(
                .fontUnavailable,
                "\(source) holds no Unifont glyph; give the path of a unifont .hex file"
            )
        }
        self.offsets = offsets
        self.widths = widths
        self.rows = rows
        self.glyphCount = count
    }

    /// The bitmap of `scalar`, or `nil` when the font has none (code points above U+FFFF included).
    public func glyph(for scalar: Unicode.Scalar) -> Glyph? {
        let value = Int(scalar.value)
        guard value < 0x10000, offsets[value] >= 0 else { return nil }
        let start = Int(offsets[value])
        return Glyph(width: Int(widths[value]), rows: Array(rows[start..<(start + 16)]))
    }
}
