// PDF417: `GS ( k` cn 48.

extension SymbolCommandEncoder {
    /// Encodes a PDF417 symbol as `GS ( k` functions 065–070, 080 and 081.
    ///
    /// - Throws: ``EscPosError``: `.valueOutOfRange` (an option), `.invalidBarcodeData` (empty data),
    ///   `.dataTooLong` (more than 928 codewords, or more than a fixed grid holds), `.doesNotFit`,
    ///   `.unsupportedByProfile`.
    public func encode(
        _ pdf417: PDF417,
        at path: DocumentPath = .root,
        currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        try validate(pdf417, at: path)
        guard capabilities.twoDimensionalCodes.contains(.pdf417) else { throw unsupported(.pdf417, at: path) }
        var bytes = alignmentPrefix(pdf417.alignment, current: currentAlignment)
        bytes += TwoDimensionalCodeCommand.command(
            .pdf417,
            TwoDimensionalCodeCommand.modelColumnsOrMode,
            [UInt8(pdf417.columns)]
        )
        bytes += TwoDimensionalCodeCommand.command(.pdf417, TwoDimensionalCodeCommand.rowsOrShape, [UInt8(pdf417.rows)])
        bytes += TwoDimensionalCodeCommand.command(
            .pdf417,
            TwoDimensionalCodeCommand.moduleSize,
            [UInt8(pdf417.moduleWidth)]
        )
        bytes += TwoDimensionalCodeCommand.command(
            .pdf417,
            TwoDimensionalCodeCommand.rowHeight,
            [UInt8(pdf417.rowHeight)]
        )
        let errorCorrection: [UInt8] =
            switch pdf417.errorCorrection {
            case .level(let level):
                [TwoDimensionalCodeCommand.pdf417Level, TwoDimensionalCodeCommand.pdf417Level + UInt8(level)]
            case .ratio(let ratio): [TwoDimensionalCodeCommand.pdf417Ratio, UInt8(ratio)]
            }
        bytes += TwoDimensionalCodeCommand.command(.pdf417, TwoDimensionalCodeCommand.errorCorrection, errorCorrection)
        bytes += TwoDimensionalCodeCommand.command(
            .pdf417,
            TwoDimensionalCodeCommand.truncation,
            [pdf417.truncated ? 1 : 0]
        )
        bytes += TwoDimensionalCodeCommand.storeCommand(.pdf417, data: pdf417.content.bytes)
        bytes += TwoDimensionalCodeCommand.printCommand(.pdf417)
        bytes += alignmentSuffix(pdf417.alignment, current: currentAlignment)
        return bytes
    }

    /// Checks a PDF417 symbol's options, capacity and width without producing bytes.
    public func validate(_ pdf417: PDF417, at path: DocumentPath = .root) throws {
        func range(_ value: Int, _ allowed: [ClosedRange<Int>], _ key: String, _ text: String) throws {
            guard allowed.contains(where: { $0.contains(value) }) else {
                throw EscPosError(
                    .valueOutOfRange,
                    at: path.appending(key),
                    "PDF417 \(key) \(value) is out of range; use \(text)."
                )
            }
        }
        try range(pdf417.columns, [0...30], "columns", "1–30, or 0 for automatic")
        try range(pdf417.rows, [0...0, 3...90], "rows", "3–90, or 0 for automatic")
        try range(pdf417.moduleWidth, [2...8], "moduleWidth", "2–8 dots")
        try range(pdf417.rowHeight, [2...8], "rowHeight", "2–8 module widths")
        switch pdf417.errorCorrection {
        case .level(let level): try range(level, [0...8], "errorCorrection", "level 0–8 or ratio 1–40")
        case .ratio(let ratio): try range(ratio, [1...40], "errorCorrection", "level 0–8 or ratio 1–40")
        }
        let data = pdf417.content.bytes
        let dataPath = path.appending("data")
        guard !data.isEmpty else {
            throw EscPosError(.invalidBarcodeData, at: dataPath, "PDF417 data is empty; give at least one byte.")
        }
        let dataCodewords = Self.minimumPDF417Codewords(data)
        let total = 1 + dataCodewords + pdf417.errorCorrection.codewords(forData: dataCodewords)
        guard total <= 928 else {
            throw EscPosError(
                .dataTooLong,
                at: dataPath,
                "the PDF417 data needs at least \(total) codewords with its error correction; a symbol holds 928. "
                    + "Shorten the data or lower the error correction."
            )
        }
        if pdf417.columns > 0, pdf417.rows > 0, pdf417.columns * pdf417.rows < total {
            throw EscPosError(
                .dataTooLong,
                at: dataPath,
                "the PDF417 data needs at least \(total) codewords but \(pdf417.columns) columns × \(pdf417.rows) "
                    + "rows hold \(pdf417.columns * pdf417.rows); add columns or rows, or set them to 0 (automatic)."
            )
        }
        if pdf417.columns > 0 {
            let modules = 17 * pdf417.columns + (pdf417.truncated ? 35 : 69)
            guard modules * pdf417.moduleWidth <= capabilities.printableWidth else {
                throw EscPosError(
                    .doesNotFit,
                    at: path.appending("columns"),
                    "\(pdf417.columns) PDF417 columns at module width \(pdf417.moduleWidth) are "
                        + "\(modules * pdf417.moduleWidth) dots wide but the printable width is "
                        + "\(capabilities.printableWidth) dots; use fewer columns or a narrower module."
                )
            }
        }
    }

    /// The fewest data codewords PDF417's compaction modes can need for `data` (numeric: 15 codewords per 44
    /// digits; text: 2 characters per codeword; byte: 5 codewords per 6 bytes), plus a mode latch.
    static func minimumPDF417Codewords(_ data: [UInt8]) -> Int {
        if data.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            return 1 + (data.count / 44) * 15 + (data.count % 44 == 0 ? 0 : data.count % 44 / 3 + 1)
        }
        if data.allSatisfy({ $0 >= 32 && $0 < 127 || $0 == 9 || $0 == 10 || $0 == 13 }) {
            return 1 + (data.count + 1) / 2
        }
        return 1 + data.count / 6 * 5 + data.count % 6
    }
}
