/// A MaxiCode symbol (the fixed-size parcel code) drawn by the printer (`GS ( k`, cn 50) where the
/// profile declares it.
///
/// ```swift
/// MaxiCode("PARCEL 1Z999", mode: 4)
/// ```
public struct MaxiCode: Hashable, Sendable, Codable {
    /// What the symbol encodes; modes 2 and 3 expect a structured carrier message.
    public var content: SymbolData
    /// The MaxiCode mode, 2–6 (4 = standard symbol, 5 = enhanced error correction).
    public var mode: Int
    /// The horizontal position on the paper; `nil` follows the enclosing group's alignment.
    public var alignment: TextStyle.Alignment?

    /// Creates a MaxiCode symbol holding `text` (ASCII/Latin-1) in `mode`.
    public init(_ text: String, mode: Int = 4) {
        self.content = .text(text)
        self.mode = mode
    }

    /// Returns a copy placed at `alignment` on the paper.
    public func alignment(_ alignment: TextStyle.Alignment) -> MaxiCode {
        var copy = self
        copy.alignment = alignment
        return copy
    }

    private enum CodingKeys: String, CodingKey {
        case mode, alignment
    }

    /// Decodes a MaxiCode symbol: `data` or `bytes`, the rest optional.
    public init(from decoder: any Decoder) throws {
        self.content = try SymbolData(from: decoder.container(keyedBy: SymbolData.CodingKeys.self))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.mode = try container.decodeIfPresent(Int.self, forKey: .mode) ?? 4
        self.alignment = try container.decodeIfPresent(TextStyle.Alignment.self, forKey: .alignment)
    }

    /// Encodes a MaxiCode symbol.
    public func encode(to encoder: any Encoder) throws {
        var dataContainer = encoder.container(keyedBy: SymbolData.CodingKeys.self)
        try content.encode(to: &dataContainer)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mode, forKey: .mode)
        try container.encodeIfPresent(alignment, forKey: .alignment)
    }
}
