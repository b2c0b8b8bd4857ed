/// A PDF417 stacked symbol drawn by the printer (`GS ( k`, cn 48).
///
/// Columns and rows of 0 let the printer choose. The compiler checks every option's range, that a fixed
/// `columns × rows` grid can hold the data with its error correction, and that the symbol fits the paper.
///
/// ```swift
/// PDF417("TICKET 0042 / GATE B").columns(4).errorCorrection(.level(2))
/// ```
public struct PDF417: Hashable, Sendable, Codable {
    /// What the symbol encodes.
    public var content: SymbolData
    /// Data columns, 1–30, or 0 to let the printer choose.
    public var columns: Int = 0
    /// Rows, 3–90, or 0 to let the printer choose.
    public var rows: Int = 0
    /// The width of one module in dots, 2–8.
    public var moduleWidth: Int = 3
    /// The row height as a multiple of the module width, 2–8.
    public var rowHeight: Int = 3
    /// How many error-correction codewords are added.
    public var errorCorrection: ErrorCorrection = .ratio(1)
    /// Whether to print the truncated (compact) form, without right row indicators.
    public var truncated: Bool = false
    /// The horizontal position on the paper; `nil` follows the enclosing group's alignment.
    public var alignment: TextStyle.Alignment?

    /// Creates a PDF417 symbol holding `text` as UTF-8.
    public init(_ text: String) { self.content = .text(text) }

    /// Creates a PDF417 symbol holding `bytes` unchanged.
    public init(bytes: [UInt8]) { self.content = .bytes(bytes) }

    /// Returns a copy with `count` data columns (1–30, 0 = automatic).
    public func columns(_ count: Int) -> PDF417 {
        var copy = self
        copy.columns = count
        return copy
    }

    /// Returns a copy with `count` rows (3–90, 0 = automatic).
    public func rows(_ count: Int) -> PDF417 {
        var copy = self
        copy.rows = count
        return copy
    }

    /// Returns a copy with modules `dots` wide (2–8) and rows `rowHeight` module widths high (2–8).
    public func moduleWidth(_ dots: Int, rowHeight: Int = 3) -> PDF417 {
        var copy = self
        copy.moduleWidth = dots
        copy.rowHeight = rowHeight
        return copy
    }

    /// Returns a copy with the given error correction.
    public func errorCorrection(_ errorCorrection: ErrorCorrection) -> PDF417 {
        var copy = self
        copy.errorCorrection = errorCorrection
        return copy
    }

    /// Returns a copy that prints the truncated form.
    public func truncated(_ truncated: Bool = true) -> PDF417 {
        var copy = self
        copy.truncated = truncated
        return copy
    }

    /// Returns a copy placed at `alignment` on the paper.
    public func alignment(_ alignment: TextStyle.Alignment) -> PDF417 {
        var copy = self
        copy.alignment = alignment
        return copy
    }

    /// PDF417 error correction (`GS ( k` function 069): a fixed level, or a ratio of the data.
    public enum ErrorCorrection: Hashable, Sendable, Codable {
        /// Level 0–8: 2^(level+1) error-correction codewords.
        case level(Int)
        /// A ratio of 1–40 tenths of the data codewords (1 = 10 %).
        case ratio(Int)

        private enum CodingKeys: String, CodingKey {
            case level, ratio
        }

        /// Decodes `{"level": 2}` or `{"ratio": 1}`.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let level = try container.decodeIfPresent(Int.self, forKey: .level) {
                self = .level(level)
            } else if let ratio = try container.decodeIfPresent(Int.self, forKey: .ratio) {
                self = .ratio(ratio)
            } else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription: "errorCorrection needs \"level\" (0–8) or \"ratio\" (1–40)"
                    )
                )
            }
        }

        /// Encodes `{"level": n}` or `{"ratio": n}`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .level(let level): try container.encode(level, forKey: .level)
            case .ratio(let ratio): try container.encode(ratio, forKey: .ratio)
            }
        }

        /// The number of error-correction codewords for `dataCodewords` data codewords.
        func codewords(forData dataCodewords: Int) -> Int {
            switch self {
            case .level(let level): 1 << (level + 1)
            case .ratio(let tenths): max(2, (dataCodewords * tenths + 9) / 10)
            }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case columns, rows, moduleWidth, rowHeight, errorCorrection, truncated, alignment
    }

    /// Decodes a PDF417 symbol: `data` or `bytes`, the rest optional.
    public init(from decoder: any Decoder) throws {
        self.content = try SymbolData(from: decoder.container(keyedBy: SymbolData.CodingKeys.self))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.columns = try container.decodeIfPresent(Int.self, forKey: .columns) ?? 0
        self.rows = try container.decodeIfPresent(Int.self, forKey: .rows) ?? 0
        self.moduleWidth = try container.decodeIfPresent(Int.self, forKey: .moduleWidth) ?? 3
        self.rowHeight = try container.decodeIfPresent(Int.self, forKey: .rowHeight) ?? 3
        self.errorCorrection =
            try container.decodeIfPresent(ErrorCorrection.self, forKey: .errorCorrection) ?? .ratio(1)
        self.truncated = try container.decodeIfPresent(Bool.self, forKey: .truncated) ?? false
        self.alignment = try container.decodeIfPresent(TextStyle.Alignment.self, forKey: .alignment)
    }

    /// Encodes a PDF417 symbol.
    public func encode(to encoder: any Encoder) throws {
        var dataContainer = encoder.container(keyedBy: SymbolData.CodingKeys.self)
        try content.encode(to: &dataContainer)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(columns, forKey: .columns)
        try container.encode(rows, forKey: .rows)
        try container.encode(moduleWidth, forKey: .moduleWidth)
        try container.encode(rowHeight, forKey: .rowHeight)
        try container.encode(errorCorrection, forKey: .errorCorrection)
        try container.encode(truncated, forKey: .truncated)
        try container.encodeIfPresent(alignment, forKey: .alignment)
    }
}
