/// A barcode or 2D code that a stream prints, read back from its commands into the element that prints it.
///
/// The decoder attaches one to each `GS k` command and to each `GS ( k` print function (fn 81), built from
/// the symbology's stored data and settings, so the virtual printer draws typed ``Symbol`` values and
/// never interprets symbology or function numbers itself.
package struct DecodedSymbol: Hashable, Sendable {
    /// The label the virtual printer shows for the symbology: `EAN13`, `QR`, `BARCODE-99` for an unknown one.
    package var label: String
    /// The data bytes as the stream sent them.
    package var data: [UInt8]
    /// The symbol with its data and settings, or `nil` when they cannot be read back into one.
    package var symbol: Symbol?
    /// Whether it is a `GS ( k` 2D code rather than a `GS k` barcode.
    package var isTwoDimensional: Bool
    /// The 2D symbology, or `nil` for barcodes and unknown `cn` numbers.
    package var twoDimensionalSymbology: TwoDimensionalCodeCommand.CodeType?
    /// The text a printer prints with a barcode (HRI); empty for 2D codes.
    package var humanReadableText: String
    /// The module size in dots that fn 67 set for this 2D symbology, or `nil` when none was set.
    package var moduleSize: Int?
}

/// The data and settings the `GS ( k` functions have stored for each symbology (`cn`) so far, which the
/// print function (fn 81) turns into a ``DecodedSymbol``.
struct TwoDimensionalCodeState: Sendable {
    private var data: [UInt8: [UInt8]] = [:]
    private var settings: [UInt8: [UInt8: [UInt8]]] = [:]

    /// Applies one `GS ( k` function; returns the symbol when `fn` prints one.
    mutating func apply(cn: UInt8, fn: UInt8, parameters: [UInt8]) -> DecodedSymbol? {
        switch fn {
        case TwoDimensionalCodeCommand.store:
            data[cn] = Array(parameters.dropFirst())  // after m = 48
            return nil
        case TwoDimensionalCodeCommand.print:
            guard let stored = data[cn] else { return nil }
            return symbol(cn: cn, data: stored, settings: settings[cn] ?? [:])
        default:
            // Model, module size, error correction, columns, rows: the last value of each counts.
            settings[cn, default: [:]][fn] = parameters
            return nil
        }
    }

    private func symbol(cn: UInt8, data: [UInt8], settings: [UInt8: [UInt8]]) -> DecodedSymbol {
        typealias Code = TwoDimensionalCodeCommand
        let kind = Code.CodeType(rawValue: cn)
        func first(_ fn: UInt8) -> Int? { settings[fn]?.first.map(Int.init) }
        func byte(_ fn: UInt8, _ index: Int) -> Int? {
            guard let parameters = settings[fn], index < parameters.count else { return nil }
            return Int(parameters[index])
        }
        let moduleSize = first(Code.moduleSize)
        var symbol: Symbol?
        switch kind {
        case .qrCode?:
            var code = QRCode(bytes: data)
            if let level = first(Code.errorCorrection).map({ $0 - Int(Code.qrErrorCorrectionBase) }),
                let errorCorrection = QRCode.ErrorCorrection.allCases.first(where: { $0.index == level })
            {
                code.errorCorrection = errorCorrection
            }
            if first(Code.modelColumnsOrMode) == Int(Code.qrMicro) { code.model = .micro }
            if let moduleSize { code.moduleSize = .dots(moduleSize) }
            symbol = .qrCode(code)
        case .pdf417?:
            var code = PDF417(bytes: data)
            if let columns = first(Code.modelColumnsOrMode) { code.columns = columns }
            if let rows = first(Code.rowsOrShape) { code.rows = rows }
            if let moduleSize { code.moduleWidth = moduleSize }
            if let rowHeight = first(Code.rowHeight) { code.rowHeight = rowHeight }
            if let form = byte(Code.errorCorrection, 0), let value = byte(Code.errorCorrection, 1) {
                code.errorCorrection =
                    form == Int(Code.pdf417Level) ? .level(value - Int(Code.pdf417Level)) : .ratio(value)
            }
            if let truncated = first(Code.truncation) { code.truncated = truncated == 1 }
            symbol = .pdf417(code)
        case .maxiCode?:
            // Printers default to mode 2.
            let mode = first(Code.modelColumnsOrMode).map { $0 - Int(Code.maxiCodeModeBase) } ?? 2
            if (2...6).contains(mode) {
                var code = MaxiCode("", mode: mode)
                code.content = .bytes(data)
                symbol = .maxiCode(code)
            }
        case .aztecCode?:
            var code = AztecCode(bytes: data)
            if let format = byte(Code.rowsOrShape, 0) { code.format = format == 1 ? .compact : .fullRange }
            if let layers = byte(Code.rowsOrShape, 1) { code.layers = layers }
            if let moduleSize { code.moduleSize = moduleSize }
            if let percent = first(Code.errorCorrection) { code.errorCorrectionPercent = percent }
            symbol = .aztecCode(code)
        case .dataMatrix?:
            var code = DataMatrix(bytes: data)
            if let shape = byte(Code.rowsOrShape, 0) { code.shape = shape == 1 ? .rectangle : .square }
            if let rows = byte(Code.rowsOrShape, 1) { code.rows = rows }
            if let columns = byte(Code.rowsOrShape, 2) { code.columns = columns }
            if let moduleSize { code.moduleSize = moduleSize }
            symbol = .dataMatrix(code)
        case .gs1DataBar?, .composite?, nil:
            symbol = nil
        }
        return DecodedSymbol(
            label: kind?.label ?? "2D-\(cn)",
            data: data,
            symbol: symbol,
            isTwoDimensional: true,
            twoDimensionalSymbology: kind,
            humanReadableText: "",
            moduleSize: moduleSize
        )
    }
}

extension DecodedSymbol {
    /// The barcode of a `GS k` command with system `m` and `data`.
    init(barcodeSystem m: UInt8, data: [UInt8]) {
        self.init(
            label: BarcodeSystem(m: m)?.label ?? "BARCODE-\(m)",
            data: data,
            symbol: BarcodeDataReader.barcode(system: m, data: data).map(Symbol.barcode),
            isTwoDimensional: false,
            twoDimensionalSymbology: nil,
            humanReadableText: BarcodeDataReader.humanReadableText(system: m, data: data),
            moduleSize: nil
        )
    }
}
