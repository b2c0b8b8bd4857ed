// Data Matrix ECC 200: `GS ( k` cn 54.

extension SymbolCommandEncoder {
    /// The ECC 200 sizes (rows, columns) with their data codewords.
    package static let dataMatrixSizes: [(rows: Int, columns: Int, dataCodewords: Int, square: Bool)] = [
        (10, 10, 3, true), (12, 12, 5, true), (14, 14, 8, true), (16, 16, 12, true), (18, 18, 18, true),
        (20, 20, 22, true), (22, 22, 30, true), (24, 24, 36, true), (26, 26, 44, true), (32, 32, 62, true),
        (36, 36, 86, true), (40, 40, 114, true), (44, 44, 144, true), (48, 48, 174, true), (52, 52, 204, true),
        (64, 64, 280, true), (72, 72, 368, true), (80, 80, 456, true), (88, 88, 576, true), (96, 96, 696, true),
        (104, 104, 816, true), (120, 120, 1050, true), (132, 132, 1304, true), (144, 144, 1558, true),
        (8, 18, 5, false), (8, 32, 10, false), (12, 26, 16, false), (12, 36, 22, false), (16, 36, 32, false),
        (16, 48, 49, false),
    ]

    /// Encodes a Data Matrix symbol as `GS ( k` functions 666, 667, 680 and 681 (cn 54).
    ///
    /// - Throws: ``EscPosError``: `.valueOutOfRange`, `.invalidBarcodeData`, `.dataTooLong`, `.doesNotFit`,
    ///   `.unsupportedByProfile`.
    public func encode(
        _ dataMatrix: DataMatrix,
        at path: DocumentPath = .root,
        currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        try validate(dataMatrix, at: path)
        guard capabilities.twoDimensionalCodes.contains(.dataMatrix) else {
            throw unsupported(.dataMatrix, at: path)
        }
        var bytes = alignmentPrefix(dataMatrix.alignment, current: currentAlignment)
        let shape: [UInt8] = [dataMatrix.shape == .square ? 0 : 1, UInt8(dataMatrix.rows), UInt8(dataMatrix.columns)]
        bytes += TwoDimensionalCodeCommand.command(.dataMatrix, TwoDimensionalCodeCommand.rowsOrShape, shape)
        bytes += TwoDimensionalCodeCommand.command(
            .dataMatrix,
            TwoDimensionalCodeCommand.moduleSize,
            [UInt8(dataMatrix.moduleSize)]
        )
        bytes += TwoDimensionalCodeCommand.storeCommand(.dataMatrix, data: dataMatrix.content.bytes)
        bytes += TwoDimensionalCodeCommand.printCommand(.dataMatrix)
        bytes += alignmentSuffix(dataMatrix.alignment, current: currentAlignment)
        return bytes
    }

    /// Checks a Data Matrix symbol's options, capacity and width without producing bytes.
    public func validate(_ dataMatrix: DataMatrix, at path: DocumentPath = .root) throws {
        guard (2...16).contains(dataMatrix.moduleSize) else {
            throw EscPosError(
                .valueOutOfRange,
                at: path.appending("moduleSize"),
                "Data Matrix module size \(dataMatrix.moduleSize) is out of range; use 2–16 dots."
            )
        }
        let square = dataMatrix.shape == .square
        let candidates = Self.dataMatrixSizes.filter { $0.square == square }
        var sizes = candidates
        if dataMatrix.rows != 0 || dataMatrix.columns != 0 {
            sizes = candidates.filter { $0.rows == dataMatrix.rows && $0.columns == dataMatrix.columns }
            guard !sizes.isEmpty else {
                throw EscPosError(
                    .valueOutOfRange,
                    at: path.appending("rows"),
                    "\(dataMatrix.rows) × \(dataMatrix.columns) is not a \(dataMatrix.shape.rawValue) Data Matrix size; "
                        + "use one of " + candidates.map { "\($0.rows)×\($0.columns)" }.joined(separator: ", ")
                        + ", or 0 × 0 for automatic."
                )
            }
        }
        let data = dataMatrix.content.bytes
        guard !data.isEmpty else {
            throw EscPosError(.invalidBarcodeData, at: path.appending("data"), "Data Matrix data is empty.")
        }
        // ASCII encodation: a digit pair or an ASCII character is one codeword, other bytes two.
        var codewords = 0
        var index = 0
        while index < data.count {
            let isDigit = { (i: Int) in i < data.count && data[i] >= 48 && data[i] <= 57 }
            if isDigit(index), isDigit(index + 1) {
                index += 2
            } else {
                index += 1
            }
            codewords += data[index - 1] > 127 ? 2 : 1
        }
        guard let size = sizes.first(where: { $0.dataCodewords >= codewords }) else {
            let capacity = sizes.last?.dataCodewords ?? 0
            throw EscPosError(
                .dataTooLong,
                at: path.appending("data"),
                "the Data Matrix data needs \(codewords) codewords; the largest allowed symbol holds \(capacity). "
                    + "Shorten the data, choose a larger size, or use a QR code."
            )
        }
        guard size.columns * dataMatrix.moduleSize <= capabilities.printableWidth else {
            throw EscPosError(
                .doesNotFit,
                at: path.appending("moduleSize"),
                "the Data Matrix symbol is \(size.columns) modules × \(dataMatrix.moduleSize) dots wide, more than "
                    + "the \(capabilities.printableWidth)-dot printable width; use a smaller module size."
            )
        }
    }
}
