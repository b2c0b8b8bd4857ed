/// A one-dimensional barcode that the printer draws with its own symbology engine (`GS k`).
///
/// A plain value: put one in a receipt and the compiler emits `GS H`, `GS f`, `GS h`, `GS w` and `GS k`
/// for the target printer, or renders it in software where the printer lacks the symbology. Creating one
/// never fails; the data is validated when the receipt is compiled (or by ``validated(at:)``) and problems
/// are reported as ``EscPosError`` values that point at the block.
///
/// Pass the data without start, stop or check characters: check digits of EAN/UPC/ITF-14/GS1 symbols are
/// computed when omitted and verified when given, and Code 128 code sets are chosen automatically.
///
/// ```swift
/// Barcode("5901234123457", symbology: .ean13).height(80).hriPosition(.below)
/// Barcode("ORDER-1234", symbology: .code128).moduleWidth(2).alignment(.center)
/// ```
public struct Barcode: Hashable, Sendable, Codable {
    /// The characters to encode, without start, stop or check characters (a given EAN/UPC check digit is
    /// verified). GS1 symbologies take element strings in the bracketed form, `(01)09501101530003(10)ABC`.
    public var data: String
    /// The encoding that turns ``data`` into bars, such as EAN-13 or Code 128.
    public var symbology: Symbology
    /// The bar height in printer dots (1–255); 80 dots is 10 mm on a 203 dpi printer.
    public var height: Int = 80
    /// The width of the narrowest bar in dots (2–6), the `GS w` value.
    public var moduleWidth: Int = 3
    /// Whether the compiler may use a narrower module width (down to 2) when the barcode would not fit the
    /// printable width at ``moduleWidth``. When `false` a barcode that is too wide is an error.
    public var allowsNarrowerModules: Bool = false
    /// Where the human-readable interpretation (the digits under an EAN) is printed.
    public var hriPosition: HRIPosition = .below
    /// The font of the human-readable interpretation.
    public var hriFont: HRIFont = .a
    /// The horizontal position on the paper; `nil` follows the enclosing group's alignment.
    public var alignment: TextStyle.Alignment?

    /// Creates a barcode that encodes `data` with `symbology`.
    ///
    /// - Parameters:
    ///   - data: The characters to encode, without start, stop or check characters.
    ///   - symbology: How to encode them, such as ``Symbology/ean13`` or ``Symbology/code128``.
    public init(_ data: String, symbology: Symbology) {
        self.data = data
        self.symbology = symbology
    }

    /// Creates a GS1-128 barcode from typed GS1 element strings.
    ///
    /// ```swift
    /// Barcode(gs1: [.gtin("0950110153000"), .batch("LOT42")])
    /// ```
    ///
    /// - Parameters:
    ///   - elements: The application identifiers and their values, in order.
    ///   - symbology: ``Symbology/gs1128`` (the default) or ``Symbology/gs1DataBarExpanded``.
    public init(gs1 elements: [GS1Element], symbology: Symbology = .gs1128) {
        self.data = GS1Element.bracketedString(elements)
        self.symbology = symbology
    }

    /// Returns a copy of this barcode with bars `dots` printer dots high (1–255).
    public func height(_ dots: Int) -> Barcode {
        var copy = self
        copy.height = dots
        return copy
    }

    /// Returns a copy with the narrowest bar `dots` wide (2–6).
    ///
    /// - Parameters:
    ///   - dots: The module width in printer dots.
    ///   - allowingNarrower: Whether a narrower module width may be used when the barcode would not fit.
    public func moduleWidth(_ dots: Int, allowingNarrower: Bool = false) -> Barcode {
        var copy = self
        copy.moduleWidth = dots
        copy.allowsNarrowerModules = allowingNarrower
        return copy
    }

    /// Returns a copy that prints the human-readable interpretation at `position` in `font`.
    public func hriPosition(_ position: HRIPosition, font: HRIFont = .a) -> Barcode {
        var copy = self
        copy.hriPosition = position
        copy.hriFont = font
        return copy
    }

    /// Returns a copy placed at `alignment` on the paper.
    public func alignment(_ alignment: TextStyle.Alignment) -> Barcode {
        var copy = self
        copy.alignment = alignment
        return copy
    }

    private enum CodingKeys: String, CodingKey {
        case data, symbology, height, moduleWidth, allowsNarrowerModules, hriPosition, hriFont, alignment
    }

    /// Decodes a barcode; every field but `data` and `symbology` is optional and takes its default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.data = try container.decode(String.self, forKey: .data)
        self.symbology = try container.decode(Symbology.self, forKey: .symbology)
        self.height = try container.decodeIfPresent(Int.self, forKey: .height) ?? 80
        self.moduleWidth = try container.decodeIfPresent(Int.self, forKey: .moduleWidth) ?? 3
        self.allowsNarrowerModules =
            try container.decodeIfPresent(Bool.self, forKey: .allowsNarrowerModules) ?? false
        self.hriPosition = try container.decodeIfPresent(HRIPosition.self, forKey: .hriPosition) ?? .below
        self.hriFont = try container.decodeIfPresent(HRIFont.self, forKey: .hriFont) ?? .a
        self.alignment = try container.decodeIfPresent(TextStyle.Alignment.self, forKey: .alignment)
    }
}

extension Barcode {
    /// Where the human-readable interpretation (HRI) of a barcode is printed (`GS H`).
    public enum HRIPosition: String, Hashable, Sendable, Codable, CaseIterable {
        /// No text.
        case none
        /// Above the bars.
        case above
        /// Below the bars.
        case below
        /// Above and below the bars.
        case both

        /// The `GS H` parameter.
        var commandValue: UInt8 {
            switch self {
            case .none: 0
            case .above: 1
            case .below: 2
            case .both: 3
            }
        }
    }

    /// The font of the human-readable interpretation (`GS f`).
    public enum HRIFont: String, Hashable, Sendable, Codable, CaseIterable {
        /// Font A, the printer's normal font (12 × 24 dots on most 80 mm printers).
        case a
        /// Font B, the smaller font (9 × 17 dots on most 80 mm printers).
        case b

        /// The `GS f` parameter.
        var commandValue: UInt8 { self == .a ? 0 : 1 }
    }
}
