// Aztec codes: `GS ( k` cn 53.

extension SymbolCommandEncoder {
    /// Encodes an Aztec code as `GS ( k` functions 566, 567, 569, 580 and 581 (cn 53, Epson's numbering).
    ///
    /// - Throws: ``EscPosError``: `.valueOutOfRange`, `.invalidBarcodeData`, `.dataTooLong`, `.doesNotFit`,
    ///   `.unsupportedByProfile`.
    public func encode(
        _ aztec: AztecCode,
        at path: DocumentPath = .root,
        currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        try validate(aztec, at: path)
        guard capabilities.twoDimensionalCodes.contains(.aztecCode) else { throw unsupported(.aztecCode, at: path) }
        var bytes = alignmentPrefix(aztec.alignment, current: currentAlignment)
        bytes += TwoDimensionalCodeCommand.command(
            .aztecCode,
            TwoDimensionalCodeCommand.rowsOrShape,
            [aztec.format == .fullRange ? 0 : 1, UInt8(aztec.layers)]
        )
        bytes += TwoDimensionalCodeCommand.command(
            .aztecCode,
            TwoDimensionalCodeCommand.moduleSize,
            [UInt8(aztec.moduleSize)]
        )
        bytes += TwoDimensionalCodeCommand.command(
            .aztecCode,
            TwoDimensionalCodeCommand.errorCorrection,
            [UInt8(aztec.errorCorrectionPercent)]
        )
        bytes += TwoDimensionalCodeCommand.storeCommand(.aztecCode, data: aztec.content.bytes)
        bytes += TwoDimensionalCodeCommand.printCommand(.aztecCode)
        bytes += alignmentSuffix(aztec.alignment, current: currentAlignment)
        return bytes
    }

    /// Checks an Aztec code's options and capacity (and its width when the layers are fixed).
    public func validate(_ aztec: AztecCode, at path: DocumentPath = .root) throws {
        let maximumLayers = aztec.format == .compact ? 4 : 32
        guard (0...maximumLayers).contains(aztec.layers) else {
            throw EscPosError(
                .valueOutOfRange,
                at: path.appending("layers"),
                "\(aztec.layers) layers is out of range for a \(aztec.format.rawValue) Aztec code; use "
                    + "1–\(maximumLayers), or 0 for automatic."
            )
        }
        guard (2...16).contains(aztec.moduleSize) else {
            throw EscPosError(
                .valueOutOfRange,
                at: path.appending("moduleSize"),
                "Aztec module size \(aztec.moduleSize) is out of range; use 2–16 dots."
            )
        }
        guard (5...95).contains(aztec.errorCorrectionPercent) else {
            throw EscPosError(
                .valueOutOfRange,
                at: path.appending("errorCorrectionPercent"),
                "Aztec error correction \(aztec.errorCorrectionPercent) % is out of range; use 5–95 %."
            )
        }
        let data = aztec.content.bytes
        guard !data.isEmpty else {
            throw EscPosError(.invalidBarcodeData, at: path.appending("data"), "Aztec data is empty.")
        }
        let digitsOnly = data.allSatisfy { $0 >= 48 && $0 <= 57 }
        let textOnly = data.allSatisfy { ($0 >= 65 && $0 <= 90) || $0 == 32 || ($0 >= 48 && $0 <= 57) }
        let limits = aztec.format == .compact ? (89, 77, 53) : (3832, 3067, 1914)
        let limit = digitsOnly ? limits.0 : textOnly ? limits.1 : limits.2
        guard data.count <= limit else {
            throw EscPosError(
                .dataTooLong,
                at: path.appending("data"),
                "\(data.count) \(digitsOnly ? "digits" : textOnly ? "characters" : "bytes") exceed what a "
                    + "\(aztec.format.rawValue) Aztec code holds (\(limit)); shorten the data"
                    + (aztec.format == .compact ? " or use the full-range format." : ".")
            )
        }
        if aztec.layers > 0 {
            let side: Int
            if aztec.format == .compact {
                side = 11 + 4 * aztec.layers
            } else {
                let base = 14 + 4 * aztec.layers
                side = base + 1 + 2 * ((base / 2 - 1) / 15)
            }
            guard side * aztec.moduleSize <= capabilities.printableWidth else {
                throw EscPosError(
                    .doesNotFit,
                    at: path.appending("moduleSize"),
                    "the Aztec code is \(side) modules × \(aztec.moduleSize) dots wide, more than the "
                        + "\(capabilities.printableWidth)-dot printable width; use fewer layers or smaller modules."
                )
            }
        }
    }
}
