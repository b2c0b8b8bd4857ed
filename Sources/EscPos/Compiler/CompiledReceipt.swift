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
