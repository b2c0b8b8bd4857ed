/// A receipt: an ordered list of blocks, independent of any printer.
///
/// A receipt is a plain value (`Sendable`, `Hashable`, `Codable`): build it with the DSL or decode it
/// from JSON, then compile it for a ``PrinterProfile`` with ``ReceiptCompiler``.
///
/// ```swift
/// let receipt = Receipt {
///     Text("CORNER CAFÉ").bold().size(width: 2, height: 2).alignment(.center)
///     Rule()
///     for item in order.items {
///         Columns {
///             Column(item.name)
///             Column(item.price, width: .fixed(8), alignment: .right)
///         }
///     }
///     KeyValue("Total", order.total).bold()
///     Cut(.partial)
/// }
/// ```
public struct Receipt: Hashable, Sendable {
    /// The JSON schema version this library writes and reads.
    public static let currentSchemaVersion = 1

    /// The name of the profile the document was written for, when the sender knows it. The compiler
    /// is always given a profile explicitly; this is information for print agents that pick one.
    public var profile: String?
    /// Options that affect how the whole document compiles.
    public var options: Options
    /// The blocks, in print order.
    public var blocks: [Block]

    /// Creates a receipt from blocks.
    public init(profile: String? = nil, options: Options = Options(), blocks: [Block]) {
        self.profile = profile
        self.options = options
        self.blocks = blocks
    }

    /// Creates a receipt with the receipt DSL.
    public init(profile: String? = nil, options: Options = Options(), @ReceiptBuilder _ content: () -> [Block]) {
        self.init(profile: profile, options: options, blocks: content())
    }
}

extension Receipt {
    /// Document-wide compile options that travel with the document.
    public struct Options: Hashable, Sendable, Codable {
        /// Whether an unencodable character or an unsupported cut is an error instead of a warning.
        public var strict: Bool
        /// How barcodes and 2D codes are printed: by the printer where it can (`automatic`), or always as
        /// images drawn by the compiler's ``CompileOptions/symbolRenderer`` (`software`), for previews and for
        /// printers whose own QR engine is buggy.
        public var symbolRendering: SymbolRenderingMode

        /// Creates options.
        public init(strict: Bool = false, symbolRendering: SymbolRenderingMode = .automatic) {
            self.strict = strict
            self.symbolRendering = symbolRendering
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.strict = try container.decodeIfPresent(Bool.self, forKey: .strict) ?? false
            self.symbolRendering =
                try container.decodeIfPresent(SymbolRenderingMode.self, forKey: .symbolRendering) ?? .automatic
        }

        /// Who draws barcodes and 2D codes.
        public enum SymbolRenderingMode: String, Hashable, Sendable, Codable, CaseIterable {
            /// The printer, where its profile says it can; the software renderer otherwise.
            case automatic
            /// Always the software renderer, printed as a raster image.
            case software
        }
    }
}
