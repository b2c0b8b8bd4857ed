/// Compiles a ``Receipt`` into the exact ESC/POS bytes for one ``PrinterProfile``.
///
/// Compilation is pure and deterministic: the same receipt and profile always give the same bytes.
/// The whole document is validated as it compiles and nothing is returned unless all of it is valid,
/// so a printer never receives half a receipt.
///
/// The compiler tracks the printer's state and sends only changes: a style command appears when a
/// line needs a different style, and never twice. It uses `GS !` for character size (never `ESC !`,
/// which would also reset bold and underline), knows that `ESC @` resets styles and the code page,
/// and leaves the printer in its power-on state at the end.
///
/// ```swift
/// let compiler = ReceiptCompiler(profile: .epsonTMT20III)
/// let result = try compiler.compile(receipt)
/// for warning in result.warnings { log(warning) }
/// try await printer.send(result.bytes)
/// ```
public struct ReceiptCompiler: Sendable {
    /// The printer the bytes are for.
    public let profile: PrinterProfile
    /// Caller options.
    public var options: CompileOptions
    /// Whether printable-ASCII lines that fit skip the general layout. Always on; tests turn it off to prove
    /// both paths give the same bytes.
    var usesASCIIFastPath = true

    /// Creates a compiler for `profile`.
    public init(profile: PrinterProfile, options: CompileOptions = CompileOptions()) {
        self.profile = profile
        self.options = options
    }

    /// Compiles `receipt`.
    ///
    /// - Returns: The bytes and any warnings (characters replaced, cuts adapted to the cutter).
    /// - Throws: ``EscPosError`` naming the first invalid block and how to fix it. In strict mode, a
    ///   warning is thrown as an error too.
    public func compile(_ receipt: Receipt) throws -> CompiledReceipt {
        try profile.validate()
        var run = CompilationRun(profile: profile, strict: options.strict || receipt.options.strict)
        run.usesASCIIFastPath = usesASCIIFastPath
        run.imageDecoder = options.imageDecoder
        run.imagePixelLimit = options.imagePixelLimit
        run.imageDirectory = options.imageDirectory
        run.symbolRenderer = options.symbolRenderer
        run.softwareSymbols = receipt.options.symbolRendering == .software
        try run.compile(receipt.blocks, inherited: .inherited, path: .root)
        run.finish()
        return CompiledReceipt(bytes: run.output, warnings: run.warnings)
    }
}
