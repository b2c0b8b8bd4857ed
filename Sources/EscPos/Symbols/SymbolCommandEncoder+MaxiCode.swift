// MaxiCode: `GS ( k` cn 50.

extension SymbolCommandEncoder {
    /// Encodes a MaxiCode symbol as `GS ( k` functions 265, 280 and 281 (cn 50).
    ///
    /// - Throws: ``EscPosError``: `.valueOutOfRange` (mode), `.invalidBarcodeData`, `.dataTooLong`,
    ///   `.unsupportedByProfile`.
    public func encode(
        _ maxiCode: MaxiCode,
        at path: DocumentPath = .root,
        currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        try validate(maxiCode, at: path)
        guard capabilities.twoDimensionalCodes.contains(.maxiCode) else { throw unsupported(.maxiCode, at: path) }
        var bytes = alignmentPrefix(maxiCode.alignment, current: currentAlignment)
        bytes += TwoDimensionalCodeCommand.command(
            .maxiCode,
            TwoDimensionalCodeCommand.modelColumnsOrMode,
            [TwoDimensionalCodeCommand.maxiCodeModeBase + UInt8(maxiCode.mode)]
        )
        bytes += TwoDimensionalCodeCommand.storeCommand(.maxiCode, data: maxiCode.content.bytes)
        bytes += TwoDimensionalCodeCommand.printCommand(.maxiCode)
        bytes += alignmentSuffix(maxiCode.alignment, current: currentAlignment)
        return bytes
    }

    /// Checks a MaxiCode symbol's mode and capacity (138 digits or 93 characters; 77 in mode 5).
    public func validate(_ maxiCode: MaxiCode, at path: DocumentPath = .root) throws {
        guard (2...6).contains(maxiCode.mode) else {
            throw EscPosError(
                .valueOutOfRange,
                at: path.appending("mode"),
                "MaxiCode mode \(maxiCode.mode) is out of range; use 2–6."
            )
        }
        let data = maxiCode.content.bytes
        guard !data.isEmpty else {
            throw EscPosError(.invalidBarcodeData, at: path.appending("data"), "MaxiCode data is empty.")
        }
        let digitsOnly = data.allSatisfy { $0 >= 48 && $0 <= 57 }
        let limit = maxiCode.mode == 5 ? (digitsOnly ? 113 : 77) : (digitsOnly ? 138 : 93)
        guard data.count <= limit else {
            throw EscPosError(
                .dataTooLong,
                at: path.appending("data"),
                "MaxiCode mode \(maxiCode.mode) holds at most \(limit) \(digitsOnly ? "digits" : "characters"); "
                    + "got \(data.count). Use a QR code for more data."
            )
        }
    }
}
