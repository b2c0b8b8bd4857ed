/// A single-byte character table a printer selects with `ESC t n`: which character each byte prints.
///
/// The tables are generated from the Unicode mapping tables (see `scripts/generate-tables.py`) and
/// name pages independently of any vendor: *which* `ESC t` number selects a page is a property of the
/// ``PrinterProfile``, because clones renumber Epson's pages (WPC1251 is 46 on Epson, 23 on Xprinter).
///
/// Bytes `00`–`1F` and `7F` never map to a character: on a printer they are commands.
public struct CodePage: Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier used in profiles and JSON, such as `"cp858"` or `"wpc1252"`.
    public let id: String
    /// A readable name, such as `"CP858 (Multilingual with euro)"`.
    public let name: String
    /// The Unicode scalar each byte prints, or 0 when the byte prints nothing defined.
    public let scalars: [UInt16]
    /// Whether bytes `20`–`7E` print plain ASCII, which lets the encoder copy ASCII text unchanged.
    public let isASCIICompatible: Bool

    /// Position in ``all``; indexes the reverse tables without hashing the identifier.
    let ordinal: Int

    init(ordinal: Int, id: String, name: String, scalars: [UInt16]) {
        self.ordinal = ordinal
        precondition(scalars.count == 256, "a code page maps exactly 256 bytes")
        self.id = id
        self.name = name
        self.scalars = scalars
        self.isASCIICompatible = (0x20..<0x7F).allSatisfy { scalars[$0] == UInt16($0) }
    }

    /// The page's identifier.
    public var description: String { id }

    /// Looks a page up by its identifier (`"cp437"`, `"wpc1252"`, `"iso8859-15"`), ignoring case.
    public static func named(_ id: String) -> CodePage? {
        let wanted = id.lowercased()
        return all.first { $0.id == wanted }
    }

    /// The character byte `byte` prints on this page, or `nil` when it is a command byte or undefined.
    public func character(for byte: UInt8) -> Unicode.Scalar? {
        let value = scalars[Int(byte)]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    /// The byte that prints `scalar` on this page, or `nil` when the page lacks it.
    public func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value < 0x80 {
            if isASCIICompatible { return value >= 0x20 && value != 0x7F ? UInt8(value) : nil }
        }
        return ReverseTable.byte(for: value, onPage: ordinal)
    }
}

/// The Unicode → byte direction of a ``CodePage``, built once per page.
///
/// Scalars below U+2600 (Latin, Greek, Cyrillic, Hebrew, Arabic, punctuation, currency, box drawing)
/// are found in a direct table with no hashing; the few above (Arabic presentation forms, half-width
/// katakana) in a dictionary.
struct ReverseTable: Sendable {
    static let directLimit: UInt32 = 0x2600
    private let direct: [UInt8]
    private let others: [UInt32: UInt8]

    init(_ page: CodePage) {
        var direct = [UInt8](repeating: 0, count: Int(Self.directLimit))
        var others: [UInt32: UInt8] = [:]
        // Walk down so that a character on two bytes maps to the lower one.
        for byte in stride(from: 255, through: 0x20, by: -1) where page.scalars[byte] != 0 {
            let value = UInt32(page.scalars[byte])
            if value < Self.directLimit {
                direct[Int(value)] = UInt8(byte)
            } else {
                others[value] = UInt8(byte)
            }
        }
        self.direct = direct
        self.others = others
    }

    @inline(__always)
    subscript(value: UInt32) -> UInt8? {
        if value < Self.directLimit {
            let byte = direct[Int(value)]
            return byte == 0 ? nil : byte
        }
        return others[value]
    }

    /// The byte for `value` on the page with `ordinal`; the tables are built once, on first use.
    @inline(__always)
    static func byte(for value: UInt32, onPage ordinal: Int) -> UInt8? {
        allTables[ordinal][value]
    }

    private static let allTables: [ReverseTable] = CodePage.all.map(ReverseTable.init)
}
