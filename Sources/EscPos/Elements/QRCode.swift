/// A QR code that the printer draws itself (`GS ( k`, cn 49), or that is rendered in software where it can't.
///
/// The content is stored as bytes (UTF-8 for text) and checked against the real capacity of the largest
/// symbol for the chosen error-correction level before any byte is produced. With ``ModuleSize/auto``
/// the compiler picks the largest module size whose symbol fits the printable width.
///
/// ```swift
/// QRCode("https://example.com/r/8812").errorCorrection(.medium).moduleSize(.auto).alignment(.center)
/// ```
public struct QRCode: Hashable, Sendable, Codable {
    /// What the symbol encodes.
    public var content: SymbolData
    /// The QR code model: model 2 (what every scanner reads) or Micro QR where the printer has it.
    public var model: Model = .model2
    /// The side of one module in dots, or ``ModuleSize/auto``.
    public var moduleSize: ModuleSize = .dots(3)
    /// How much of the symbol may be damaged and still be read; higher levels make larger symbols.
    public var errorCorrection: ErrorCorrection = .low
    /// The horizontal position on the paper; `nil` follows the enclosing group's alignment.
    public var alignment: TextStyle.Alignment?

    /// Creates a QR code holding `text` as UTF-8.
    public init(_ text: String) {
        self.content = .text(text)
    }

    /// Creates a QR code holding `bytes` unchanged.
    public init(bytes: [UInt8]) {
        self.content = .bytes(bytes)
    }

    /// Returns a copy with the given model.
    public func model(_ model: Model) -> QRCode {
        var copy = self
        copy.model = model
        return copy
    }

    /// Returns a copy with the given module size (1–16 dots, or ``ModuleSize/auto``).
    public func moduleSize(_ size: ModuleSize) -> QRCode {
        var copy = self
        copy.moduleSize = size
        return copy
    }

    /// Returns a copy with the given error-correction level.
    public func errorCorrection(_ level: ErrorCorrection) -> QRCode {
        var copy = self
        copy.errorCorrection = level
        return copy
    }

    /// Returns a copy placed at `alignment` on the paper.
    public func alignment(_ alignment: TextStyle.Alignment) -> QRCode {
        var copy = self
        copy.alignment = alignment
        return copy
    }

    /// QR code models (`GS ( k` function 165).
    public enum Model: String, Hashable, Sendable, Codable, CaseIterable {
        /// Model 2, the QR code of ISO/IEC 18004 that phones read (versions 1–40).
        case model2
        /// Micro QR (M1–M4, up to 35 digits or 15 bytes), only on printers whose profile declares it.
        case micro
    }

    /// Error-correction levels (`GS ( k` function 169).
    public enum ErrorCorrection: String, Hashable, Sendable, Codable, CaseIterable {
        /// Level L: about 7 % of the symbol can be restored.
        case low
        /// Level M: about 15 %.
        case medium
        /// Level Q: about 25 %.
        case quartile
        /// Level H: about 30 %.
        case high

        /// The row of the capacity table and the `GS ( k` function 169 value minus 48.
        var index: Int {
            switch self {
            case .low: 0
            case .medium: 1
            case .quartile: 2
            case .high: 3
            }
        }
    }

    /// The size of one QR module in printer dots.
    public enum ModuleSize: Hashable, Sendable, Codable {
        /// The largest size (up to 16 dots) whose symbol fits the printable width.
        case auto
        /// A fixed size, 1–16 dots.
        case dots(Int)

        /// Decodes `"auto"` or a number of dots.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let dots = try? container.decode(Int.self) {
                self = .dots(dots)
                return
            }
            let text = try container.decode(String.self)
            guard text == "auto" else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "moduleSize must be \"auto\" or a number of dots (1–16)"
                )
            }
            self = .auto
        }

        /// Encodes `"auto"` or the number of dots.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .auto: try container.encode("auto")
            case .dots(let dots): try container.encode(dots)
            }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case model, moduleSize, errorCorrection, alignment
    }

    /// Decodes a QR code: `data` or `bytes`, the rest optional.
    public init(from decoder: any Decoder) throws {
        self.content = try SymbolData(from: decoder.container(keyedBy: SymbolData.CodingKeys.self))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.model = try container.decodeIfPresent(Model.self, forKey: .model) ?? .model2
        self.moduleSize = try container.decodeIfPresent(ModuleSize.self, forKey: .moduleSize) ?? .dots(3)
        self.errorCorrection = try container.decodeIfPresent(ErrorCorrection.self, forKey: .errorCorrection) ?? .low
        self.alignment = try container.decodeIfPresent(TextStyle.Alignment.self, forKey: .alignment)
    }

    /// Encodes a QR code.
    public func encode(to encoder: any Encoder) throws {
        var dataContainer = encoder.container(keyedBy: SymbolData.CodingKeys.self)
        try content.encode(to: &dataContainer)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(moduleSize, forKey: .moduleSize)
        try container.encode(errorCorrection, forKey: .errorCorrection)
        try container.encodeIfPresent(alignment, forKey: .alignment)
    }
}
