/// Hexadecimal text for bytes, as listings, notes, errors and the JSON `raw` block write them.
///
/// Upper-case, two digits per byte: `1B 40`. One definition for every module of the package, so a byte
/// reads the same in a decoder listing, a virtual-printer note and an error message.
package enum Hex {
    /// The digits, indexed by nibble.
    package static let digits: StaticString = "0123456789ABCDEF"

    /// Two upper-case hex digits: `0x1B` is `"1B"`.
    package static func byte(_ byte: UInt8) -> String {
        let digits = Self.digits.utf8Start
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
    }

    /// Appends the two hex digits of `byte`, as UTF-8, to `output` (the listing's hot path).
    package static func append(_ byte: UInt8, to output: inout [UInt8]) {
        let digits = Self.digits.utf8Start
        output.append(digits[Int(byte >> 4)])
        output.append(digits[Int(byte & 0x0F)])
    }

    /// The bytes as hex pairs separated by spaces: `"1B 40"`.
    package static func bytes<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        bytes.map(byte).joined(separator: " ")
    }

    /// Four upper-case hex digits: `0x04B8` is `"04B8"`.
    package static func word(_ value: UInt16) -> String {
        byte(UInt8(value >> 8)) + byte(UInt8(value & 0xFF))
    }

    /// The bytes of hex text such as `"1B 40"` or `"1b,40"` (pairs may be separated by spaces, tabs,
    /// newlines or commas, never split by them); `nil` for anything else.
    package static func parse(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var high: UInt8?
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "," {
                if high != nil { return nil }
                continue
            }
            guard let nibble = nibble(scalar) else { return nil }
            if let h = high {
                bytes.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return high == nil ? bytes : nil
    }

    private static func nibble(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x30...0x39: return UInt8(scalar.value - 0x30)
        case 0x41...0x46: return UInt8(scalar.value - 0x41 + 10)
        case 0x61...0x66: return UInt8(scalar.value - 0x61 + 10)
        default: return nil
        }
    }
}
