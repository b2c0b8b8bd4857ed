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
        return reverseTable[value]
    }

    // Pages are few and immutable, so each builds its reverse map once, on first use.
    private var reverseTable: ReverseTable { ReverseTable.cache(for: self) }
}

/// The Unicode → byte direction of a ``CodePage``, built once per page.
struct ReverseTable: Sendable {
    private let map: [UInt32: UInt8]

    init(_ page: CodePage) {
        var map: [UInt32: UInt8] = [:]
        map.reserveCapacity(224)
        // Walk down so that a character on two bytes maps to the lower one.
        for byte in stride(from: 255, through: 0x20, by: -1) where page.scalars[byte] != 0 {
            map[UInt32(page.scalars[byte])] = UInt8(byte)
        }
        self.map = map
    }

    subscript(value: UInt32) -> UInt8? { map[value] }

    static func cache(for page: CodePage) -> ReverseTable {
        allTables[page.ordinal]
    }

    private static let allTables: [ReverseTable] = CodePage.all.map(ReverseTable.init)
}
