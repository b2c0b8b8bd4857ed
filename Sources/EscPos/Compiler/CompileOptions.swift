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
        strict: Bool = false,
        imageDecoder: (any ImageDecoding)? = nil,
        imagePixelLimit: Int = GrayImage.defaultPixelLimit,
        symbolRenderer: (any SymbolRendering)? = nil,
        imageDirectory: String? = nil
    ) {
        self.strict = strict
        self.imageDecoder = imageDecoder
        self.imagePixelLimit = imagePixelLimit
        self.symbolRenderer = symbolRenderer
        self.imageDirectory = imageDirectory
    }
}
