/// An Aztec code drawn by the printer (`GS ( k`, cn 53, Epson's numbering) where the profile declares it.
///
/// ```swift
/// AztecCode("BOARDING 12F").errorCorrectionPercent(33)
/// ```
public struct AztecCode: Hashable, Sendable, Codable {
    /// What the symbol encodes.
    public var content: SymbolData
    /// Full-range or compact symbols.
    public var format: Format = .fullRange
    /// Data layers (compact 1–4, full range 1–32), or 0 to let the printer choose.
    public var layers: Int = 0
    /// The side of one module in dots, 2–16.
    public var moduleSize: Int = 3
    /// The share of the symbol used for error correction, 5–95 %.
    public var errorCorrectionPercent: Int = 23
    /// The horizontal position on the paper; `nil` follows the enclosing group's alignment.
    public var alignment: TextStyle.Alignment?

    /// Creates an Aztec code holding `text` as UTF-8.
    public init(_ text: String) { self.content = .text(text) }

    /// Creates an Aztec code holding `bytes` unchanged.
    public init(bytes: [UInt8]) { self.content = .bytes(bytes) }

    /// Returns a copy with the given format and number of layers (0 = automatic).
    public func format(_ format: Format, layers: Int = 0) -> AztecCode {
        var copy = self
        copy.format = format
        copy.layers = layers
        return copy
    }

    /// Returns a copy with modules `dots` wide (2–16).
    public func moduleSize(_ dots: Int) -> AztecCode {
        var copy = self
        copy.moduleSize = dots
        return copy
    }

    /// Returns a copy with `percent` (5–95) of the symbol used for error correction.
    public func errorCorrectionPercent(_ percent: Int) -> AztecCode {
        var copy = self
        copy.errorCorrectionPercent = percent
        return copy
    }

    /// Returns a copy placed at `alignment` on the paper.
    public func alignment(_ alignment: TextStyle.Alignment) -> AztecCode {
        var copy = self
        copy.alignment = alignment
        return copy
    }

    /// Aztec symbol formats.
    public enum Format: String, Hashable, Sendable, Codable, CaseIterable {
        /// Full-range symbols, 1–32 layers.
        case fullRange
        /// Compact symbols, 1–4 layers.
        case compact
    }

    private enum CodingKeys: String, CodingKey {
        case format, layers, moduleSize, errorCorrectionPercent, alignment
    }

    /// Decodes an Aztec code: `data` or `bytes`, the rest optional.
    public init(from decoder: any Decoder) throws {
        self.content = try SymbolData(from: decoder.container(keyedBy: SymbolData.CodingKeys.self))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.format = try container.decodeIfPresent(Format.self, forKey: .format) ?? .fullRange
        self.layers = try container.decodeIfPresent(Int.self, forKey: .layers) ?? 0
        self.moduleSize = try container.decodeIfPresent(Int.self, forKey: .moduleSize) ?? 3
        self.errorCorrectionPercent = try container.decodeIfPresent(Int.self, forKey: .errorCorrectionPercent) ?? 23
        self.alignment = try container.decodeIfPresent(TextStyle.Alignment.self, forKey: .alignment)
    }

    /// Encodes an Aztec code.
    public func encode(to encoder: any Encoder) throws {
        var dataContainer = encoder.container(keyedBy: SymbolData.CodingKeys.self)
        try content.encode(to: &dataContainer)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(layers, forKey: .layers)
        try container.encode(moduleSize, forKey: .moduleSize)
        try container.encode(errorCorrectionPercent, forKey: .errorCorrectionPercent)
        try container.encodeIfPresent(alignment, forKey: .alignment)
    }
}
