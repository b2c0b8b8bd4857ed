/// A Data Matrix (ECC 200) symbol drawn by the printer (`GS ( k`, cn 54) where the profile declares it.
///
/// ```swift
/// DataMatrix("LOT42-0001").moduleSize(4)
/// ```
public struct DataMatrix: Hashable, Sendable, Codable {
    /// What the symbol encodes.
    public var content: SymbolData
    /// Square or rectangular symbols.
    public var shape: Shape = .square
    /// Rows of modules (one of the ECC 200 sizes), or 0 to let the printer choose.
    public var rows: Int = 0
    /// Columns of modules (one of the ECC 200 sizes), or 0 to let the printer choose.
    public var columns: Int = 0
    /// The side of one module in dots, 2–16.
    public var moduleSize: Int = 3
    /// The horizontal position on the paper; `nil` follows the enclosing group's alignment.
    public var alignment: TextStyle.Alignment?

    /// Creates a Data Matrix symbol holding `text` as UTF-8.
    public init(_ text: String) { self.content = .text(text) }

    /// Creates a Data Matrix symbol holding `bytes` unchanged.
    public init(bytes: [UInt8]) { self.content = .bytes(bytes) }

    /// Returns a copy with the given shape and, optionally, a fixed size (`rows × columns` modules).
    public func shape(_ shape: Shape, rows: Int = 0, columns: Int = 0) -> DataMatrix {
        var copy = self
        copy.shape = shape
        copy.rows = rows
        copy.columns = columns
        return copy
    }

    /// Returns a copy with modules `dots` wide (2–16).
    public func moduleSize(_ dots: Int) -> DataMatrix {
        var copy = self
        copy.moduleSize = dots
        return copy
    }

    /// Returns a copy placed at `alignment` on the paper.
    public func alignment(_ alignment: TextStyle.Alignment) -> DataMatrix {
        var copy = self
        copy.alignment = alignment
        return copy
    }

    /// Data Matrix symbol shapes.
    public enum Shape: String, Hashable, Sendable, Codable, CaseIterable {
        /// Square symbols, 10 × 10 to 144 × 144 modules.
        case square
        /// Rectangular symbols, 8 × 18 to 16 × 48 modules.
        case rectangle
    }

    private enum CodingKeys: String, CodingKey {
        case shape, rows, columns, moduleSize, alignment
    }

    /// Decodes a Data Matrix symbol: `data` or `bytes`, the rest optional.
    public init(from decoder: any Decoder) throws {
        self.content = try SymbolData(from: decoder.container(keyedBy: SymbolData.CodingKeys.self))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.shape = try container.decodeIfPresent(Shape.self, forKey: .shape) ?? .square
        self.rows = try container.decodeIfPresent(Int.self, forKey: .rows) ?? 0
        self.columns = try container.decodeIfPresent(Int.self, forKey: .columns) ?? 0
        self.moduleSize = try container.decodeIfPresent(Int.self, forKey: .moduleSize) ?? 3
        self.alignment = try container.decodeIfPresent(TextStyle.Alignment.self, forKey: .alignment)
    }

    /// Encodes a Data Matrix symbol.
    public func encode(to encoder: any Encoder) throws {
        var dataContainer = encoder.container(keyedBy: SymbolData.CodingKeys.self)
        try content.encode(to: &dataContainer)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shape, forKey: .shape)
        try container.encode(rows, forKey: .rows)
        try container.encode(columns, forKey: .columns)
        try container.encode(moduleSize, forKey: .moduleSize)
        try container.encodeIfPresent(alignment, forKey: .alignment)
    }
}
