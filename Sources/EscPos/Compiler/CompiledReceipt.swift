/// The result of compiling a receipt: the exact bytes to send and what the compiler had to adjust.
public struct CompiledReceipt: Hashable, Sendable {
    /// The ESC/POS byte stream, starting with `ESC @` and ending with the printer in its default state.
    public var bytes: [UInt8]
    /// Everything printed differently from what the document asked for (a replaced character, a cut
    /// the printer cannot make). Empty when the receipt prints exactly as written.
    public var warnings: [CompileWarning]

    /// Creates a result.
    public init(bytes: [UInt8], warnings: [CompileWarning]) {
        self.bytes = bytes
        self.warnings = warnings
    }
}

/// Something the compiler printed differently from the document, with where and why.
///
/// In strict mode (``CompileOptions/strict`` or ``Receipt/Options/strict``) each of these is thrown as
/// an ``EscPosError`` with the same code instead.
public struct CompileWarning: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The same code the strict-mode error would carry.
    public var code: EscPosError.Code
    /// The block concerned.
    public var path: DocumentPath
    /// What happened and how to avoid it.
    public var message: String

    /// Creates a warning.
    public init(_ code: EscPosError.Code, at path: DocumentPath, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// The path and the message.
    public var description: String { "\(path): \(message)" }
}

/// Options for ``ReceiptCompiler`` that belong to the caller rather than the document.
public struct CompileOptions: Sendable {
    /// Whether anything that would be a ``CompileWarning`` is thrown as an error instead.
    public var strict: Bool
    /// Decodes image files for ``RasterImage`` blocks given as a path or file bytes; `nil` allows only
    /// gray pixels. `EscPosImaging`'s `ImageDecoder` reads PNG and JPEG.
    public var imageDecoder: (any ImageDecoding)?
    /// The most pixels a decoded image may have (before scaling); larger ones are refused with
    /// ``EscPosError/Code/invalidImage``, which keeps memory bounded.
    public var imagePixelLimit: Int
    /// Draws barcodes and 2D codes the printer cannot draw itself (and every symbol when a receipt asks for
    /// ``Receipt/Options/SymbolRenderingMode/software``). `EscPosSymbolRendering` provides
    /// `ZintSymbolRenderer`; without a renderer such symbols are an error (`missingRenderer`).
    public var symbolRenderer: (any SymbolRendering)?
    /// The folder that ``RasterImage`` paths must lie in, or `nil` to allow any file the process can read.
    ///
    /// With a directory, a relative path is taken inside it, and a path that leads outside it (through `..`
    /// or a symbolic link) is refused with ``EscPosError/Code/invalidImage`` before anything outside it is
    /// opened. **A service that compiles documents it did not write itself (a print agent, a web backend) must
    /// set this**: without it, a document can name any file the service can read, such as `/etc/shadow`.
    public var imageDirectory: String?

    /// Creates options.
    public init(
        strict: Bool = false, imageDecoder: (any ImageDecoding)? = nil,
        imagePixelLimit: Int = GrayImage.defaultPixelLimit, symbolRenderer: (any SymbolRendering)? = nil,
        imageDirectory: String? = nil
    ) {
        self.strict = strict
        self.imageDecoder = imageDecoder
        self.imagePixelLimit = imagePixelLimit
        self.symbolRenderer = symbolRenderer
        self.imageDirectory = imageDirectory
    }
}
