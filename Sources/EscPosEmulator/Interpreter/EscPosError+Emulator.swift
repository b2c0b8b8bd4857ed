public import EscPos

extension EscPosError.Code {
    /// The virtual printer's font file is missing or unreadable. Install Debian's `unifont` package or
    /// set `ESCPOS_UNIFONT` to a Unifont `.hex` file.
    public static let fontUnavailable = EscPosError.Code(rawValue: "fontUnavailable")
}
