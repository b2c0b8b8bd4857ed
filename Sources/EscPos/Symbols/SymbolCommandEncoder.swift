/// Turns barcodes and 2D codes into ESC/POS commands for one printer, validating everything first.
///
/// Each `encode` either returns the complete command sequence (`ESC a` when the symbol is not left-aligned,
/// the symbol's settings, the symbol, `ESC a` back) or throws before producing any byte. When the printer
/// cannot draw the symbology it throws `.unsupportedByProfile`; the compiler then renders the symbol in
/// software instead.
///
/// ```swift
/// let encoder = SymbolCommandEncoder(capabilities: capabilities)
/// let bytes = try encoder.encode(QRCode("1234"))
/// // 1D 28 6B 04 00 31 41 32 00  1D 28 6B 03 00 31 43 03  1D 28 6B 03 00 31 45 30
/// // 1D 28 6B 07 00 31 50 30 31 32 33 34  1D 28 6B 03 00 31 51 30
/// ```
public struct SymbolCommandEncoder: Sendable {
    /// What the target printer can draw and how wide it prints.
    public var capabilities: SymbolCapabilities

    /// Creates an encoder for a printer with `capabilities`.
    public init(capabilities: SymbolCapabilities) {
        self.capabilities = capabilities
    }

    /// Encodes any symbol; see the symbol-specific `encode` methods.
    public func encode(
        _ symbol: Symbol, at path: DocumentPath = .root, currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        switch symbol {
        case .barcode(let barcode): try encode(barcode, at: path, currentAlignment: currentAlignment)
        case .qrCode(let qrCode): try encode(qrCode, at: path, currentAlignment: currentAlignment)
        case .pdf417(let pdf417): try encode(pdf417, at: path, currentAlignment: currentAlignment)
        case .dataMatrix(let dataMatrix): try encode(dataMatrix, at: path, currentAlignment: currentAlignment)
        case .aztecCode(let aztecCode): try encode(aztecCode, at: path, currentAlignment: currentAlignment)
        case .maxiCode(let maxiCode): try encode(maxiCode, at: path, currentAlignment: currentAlignment)
        }
    }

    // MARK: - Barcodes

    /// Encodes a 1D barcode as `GS H`, `GS f`, `GS h`, `GS w` and `GS k` (function B where the printer has it).
    ///
    /// - Parameters:
    ///   - barcode: The barcode.
    ///   - path: Where it is in its document, for error messages.
    ///   - currentAlignment: The alignment in effect before the barcode; it is restored afterwards.
    /// - Returns: The command bytes.
    /// - Throws: ``EscPosError``: the codes of ``Barcode/validated(at:)``, `.doesNotFit` when the barcode is
    ///   wider than the printable width, `.unsupportedByProfile` when the printer cannot draw the symbology.
    public func encode(
        _ barcode: Barcode, at path: DocumentPath = .root, currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        try encode(barcode.validated(at: path), at: path, currentAlignment: currentAlignment)
    }

    /// Encodes an already validated barcode; see ``encode(_:at:currentAlignment:)-(Barcode,_,_)``.
    public func encode(
        _ validated: ValidatedBarcode, at path: DocumentPath = .root, currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        let barcode = validated.barcode
        let symbology = barcode.symbology
        guard capabilities.canPrintNatively(symbology), let functionB = symbology.functionBNumber else {
            throw EscPosError(
                .unsupportedByProfile, at: path.appending("symbology"),
                "this printer cannot draw \(symbology.rawValue) barcodes itself; give the compiler a symbol "
                    + "renderer (EscPosSymbolRendering) to print it as an image.")
        }
        var function = functionB
        var data = validated.nativeData
        var modules = validated.widths
        if symbology == .gs1128, !(capabilities.barcodes.contains(.gs1128) && capabilities.barcodeFunctionB),
            let code128 = validated.code128
        {
            // Printers without GS k 74: the same symbol through Code 128 with a leading FNC1.
            function = 73
            data = code128.bytes
            modules = ValidatedBarcode.BarWidths(narrow: code128.modules)
        }
        let moduleWidth = try fittingModuleWidth(barcode, widths: modules, at: path)
        var bytes: [UInt8] = []
        bytes += alignmentPrefix(barcode.alignment, current: currentAlignment)
        bytes += [0x1D, 0x48, barcode.hriPosition.commandValue]
        bytes += [0x1D, 0x66, barcode.hriFont.commandValue]
        bytes += [0x1D, 0x68, UInt8(barcode.height)]
        bytes += [0x1D, 0x77, UInt8(moduleWidth)]
        if capabilities.barcodeFunctionB || symbology.functionANumber == nil {
            bytes += [0x1D, 0x6B, function, UInt8(data.count)] + data
        } else if let functionA = symbology.functionANumber {
            bytes += [0x1D, 0x6B, functionA] + data + [0x00]
        }
        bytes += alignmentSuffix(barcode.alignment, current: currentAlignment)
        return bytes
    }

    /// The module width to print with: the requested one, or the widest narrower one that fits when allowed.
    func fittingModuleWidth(
        _ barcode: Barcode, widths: ValidatedBarcode.BarWidths, at path: DocumentPath
    ) throws(EscPosError) -> Int {
        let lowest = barcode.allowsNarrowerModules ? 2 : barcode.moduleWidth
        for moduleWidth in stride(from: barcode.moduleWidth, through: lowest, by: -1)
        where widths.dots(moduleWidth: moduleWidth) <= capabilities.printableWidth {
            return moduleWidth
        }
        let needed = widths.dots(moduleWidth: lowest)
        throw EscPosError(
            .doesNotFit, at: path.appending("moduleWidth"),
            "the \(barcode.symbology.rawValue) barcode is \(needed) dots wide at module width \(lowest) but the "
                + "printable width is \(capabilities.printableWidth) dots; "
                + (lowest > 2 ? "use a smaller module width or allow narrower modules, or " : "")
                + "shorten the data.")
    }

    // MARK: - QR codes

    /// Encodes a QR code as `GS ( k` functions 165, 167, 169, 180 and 181.
    ///
    /// - Parameters:
    ///   - qrCode: The QR code.
    ///   - path: Where it is in its document, for error messages.
    ///   - currentAlignment: The alignment in effect before the code; it is restored afterwards.
    /// - Returns: The command bytes.
    /// - Throws: ``EscPosError``: `.invalidBarcodeData` (empty data), `.dataTooLong` (over the capacity of
    ///   the largest symbol at the chosen error correction), `.valueOutOfRange` (module size), `.doesNotFit`,
    ///   `.unsupportedByProfile`.
    public func encode(
        _ qrCode: QRCode, at path: DocumentPath = .root, currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        let moduleSize = try qrModuleSize(qrCode, at: path)
        let needed: TwoDimensionalSymbology = qrCode.model == .micro ? .microQRCode : .qrCode
        guard capabilities.twoDimensionalCodes.contains(needed) else {
            throw unsupported(needed, at: path)
        }
        let data = qrCode.content.bytes
        var bytes = alignmentPrefix(qrCode.alignment, current: currentAlignment)
        bytes += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, qrCode.model == .micro ? 0x33 : 0x32, 0x00]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, UInt8(moduleSize)]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, UInt8(48 + qrCode.errorCorrection.index)]
        bytes += storeCommand(symbol: 0x31, data: data)
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]
        bytes += alignmentSuffix(qrCode.alignment, current: currentAlignment)
        return bytes
    }

    /// The symbol's side in modules, after checking data and capacity.
    public func qrSymbolModules(_ qrCode: QRCode, at path: DocumentPath = .root) throws -> Int {
        let dataPath = path.appending("data")
        let data = qrCode.content.bytes
        guard !data.isEmpty else {
            throw EscPosError(.invalidBarcodeData, at: dataPath, "QR code data is empty; give at least one byte.")
        }
        switch qrCode.model {
        case .model2:
            guard let version = QRCapacity.minimumVersion(for: data, level: qrCode.errorCorrection) else {
                let mode = QRCapacity.Mode.best(for: data)
                let limit = QRCapacity.maximumCharacters(mode, level: qrCode.errorCorrection)
                let unit = mode == .byte ? "bytes" : mode == .numeric ? "digits" : "characters"
                throw EscPosError(
                    .dataTooLong, at: dataPath,
                    "the QR code data is \(data.count) \(unit) (as UTF-8); at error correction "
                        + "\(qrCode.errorCorrection.rawValue) a QR code holds at most \(limit) \(unit). "
                        + "Shorten the data or lower the error correction.")
            }
            return 17 + 4 * version
        case .micro:
            guard let version = QRCapacity.minimumMicroVersion(for: data, level: qrCode.errorCorrection) else {
                throw EscPosError(
                    .dataTooLong, at: dataPath,
                    "\(data.count) bytes do not fit a Micro QR symbol at error correction "
                        + "\(qrCode.errorCorrection.rawValue); Micro QR holds at most 35 digits, 21 letters or "
                        + "15 bytes (level low; high is not available). Use model 2.")
            }
            return 9 + 2 * version
        }
    }

    /// The module size to print with: the given one after the fit check, or the largest that fits for `.auto`.
    func qrModuleSize(_ qrCode: QRCode, at path: DocumentPath) throws -> Int {
        let modules = try qrSymbolModules(qrCode, at: path)
        let sizePath = path.appending("moduleSize")
        switch qrCode.moduleSize {
        case .auto:
            let size = min(16, capabilities.printableWidth / modules)
            guard size >= 1 else {
                throw EscPosError(
                    .doesNotFit, at: sizePath,
                    "the QR code is \(modules) modules wide, more than the \(capabilities.printableWidth)-dot "
                        + "printable width; shorten the data or lower the error correction.")
            }
            return size
        case .dots(let size):
            guard (1...16).contains(size) else {
                throw EscPosError(
                    .valueOutOfRange, at: sizePath, "QR module size \(size) is out of range; use 1–16 dots or auto.")
            }
            guard modules * size <= capabilities.printableWidth else {
                throw EscPosError(
                    .doesNotFit, at: sizePath,
                    "the QR code is \(modules) modules × \(size) dots = \(modules * size) dots wide but the printable "
                        + "width is \(capabilities.printableWidth) dots; use a module size of at most "
                        + "\(max(1, capabilities.printableWidth / modules)) or auto.")
            }
            return size
        }
    }

    // MARK: - PDF417

    /// Encodes a PDF417 symbol as `GS ( k` functions 065–070, 080 and 081.
    ///
    /// - Throws: ``EscPosError``: `.valueOutOfRange` (an option), `.invalidBarcodeData` (empty data),
    ///   `.dataTooLong` (more than 928 codewords, or more than a fixed grid holds), `.doesNotFit`,
    ///   `.unsupportedByProfile`.
    public func encode(
        _ pdf417: PDF417, at path: DocumentPath = .root, currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        try validate(pdf417, at: path)
        guard capabilities.twoDimensionalCodes.contains(.pdf417) else { throw unsupported(.pdf417, at: path) }
        var bytes = alignmentPrefix(pdf417.alignment, current: currentAlignment)
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x30, 0x41, UInt8(pdf417.columns)]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x30, 0x42, UInt8(pdf417.rows)]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x30, 0x43, UInt8(pdf417.moduleWidth)]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x30, 0x44, UInt8(pdf417.rowHeight)]
        switch pdf417.errorCorrection {
        case .level(let level): bytes += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x30, 0x45, 0x30, UInt8(48 + level)]
        case .ratio(let ratio): bytes += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x30, 0x45, 0x31, UInt8(ratio)]
        }
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x30, 0x46, pdf417.truncated ? 1 : 0]
        bytes += storeCommand(symbol: 0x30, data: pdf417.content.bytes)
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x30, 0x51, 0x30]
        bytes += alignmentSuffix(pdf417.alignment, current: currentAlignment)
        return bytes
    }

    /// Checks a PDF417 symbol's options, capacity and width without producing bytes.
    public func validate(_ pdf417: PDF417, at path: DocumentPath = .root) throws {
        func range(_ value: Int, _ allowed: [ClosedRange<Int>], _ key: String, _ text: String) throws {
            guard allowed.contains(where: { $0.contains(value) }) else {
                throw EscPosError(
                    .valueOutOfRange, at: path.appending(key), "PDF417 \(key) \(value) is out of range; use \(text).")
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
                .dataTooLong, at: dataPath,
                "the PDF417 data needs at least \(total) codewords with its error correction; a symbol holds 928. "
                    + "Shorten the data or lower the error correction.")
        }
        if pdf417.columns > 0, pdf417.rows > 0, pdf417.columns * pdf417.rows < total {
            throw EscPosError(
                .dataTooLong, at: dataPath,
                "the PDF417 data needs at least \(total) codewords but \(pdf417.columns) columns × \(pdf417.rows) "
                    + "rows hold \(pdf417.columns * pdf417.rows); add columns or rows, or set them to 0 (automatic).")
        }
        if pdf417.columns > 0 {
            let modules = 17 * pdf417.columns + (pdf417.truncated ? 35 : 69)
            guard modules * pdf417.moduleWidth <= capabilities.printableWidth else {
                throw EscPosError(
                    .doesNotFit, at: path.appending("columns"),
                    "\(pdf417.columns) PDF417 columns at module width \(pdf417.moduleWidth) are "
                        + "\(modules * pdf417.moduleWidth) dots wide but the printable width is "
                        + "\(capabilities.printableWidth) dots; use fewer columns or a narrower module.")
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

    // MARK: - Data Matrix, Aztec, MaxiCode

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
        _ dataMatrix: DataMatrix, at path: DocumentPath = .root, currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        try validate(dataMatrix, at: path)
        guard capabilities.twoDimensionalCodes.contains(.dataMatrix) else {
            throw unsupported(.dataMatrix, at: path)
        }
        var bytes = alignmentPrefix(dataMatrix.alignment, current: currentAlignment)
        bytes += [
            0x1D, 0x28, 0x6B, 0x05, 0x00, 0x36, 0x42, dataMatrix.shape == .square ? 0 : 1,
            UInt8(dataMatrix.rows), UInt8(dataMatrix.columns),
        ]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x36, 0x43, UInt8(dataMatrix.moduleSize)]
        bytes += storeCommand(symbol: 0x36, data: dataMatrix.content.bytes)
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x36, 0x51, 0x30]
        bytes += alignmentSuffix(dataMatrix.alignment, current: currentAlignment)
        return bytes
    }

    /// Checks a Data Matrix symbol's options, capacity and width without producing bytes.
    public func validate(_ dataMatrix: DataMatrix, at path: DocumentPath = .root) throws {
        guard (2...16).contains(dataMatrix.moduleSize) else {
            throw EscPosError(
                .valueOutOfRange, at: path.appending("moduleSize"),
                "Data Matrix module size \(dataMatrix.moduleSize) is out of range; use 2–16 dots.")
        }
        let square = dataMatrix.shape == .square
        let candidates = Self.dataMatrixSizes.filter { $0.square == square }
        var sizes = candidates
        if dataMatrix.rows != 0 || dataMatrix.columns != 0 {
            sizes = candidates.filter { $0.rows == dataMatrix.rows && $0.columns == dataMatrix.columns }
            guard !sizes.isEmpty else {
                throw EscPosError(
                    .valueOutOfRange, at: path.appending("rows"),
                    "\(dataMatrix.rows) × \(dataMatrix.columns) is not a \(dataMatrix.shape.rawValue) Data Matrix size; "
                        + "use one of " + candidates.map { "\($0.rows)×\($0.columns)" }.joined(separator: ", ")
                        + ", or 0 × 0 for automatic.")
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
                .dataTooLong, at: path.appending("data"),
                "the Data Matrix data needs \(codewords) codewords; the largest allowed symbol holds \(capacity). "
                    + "Shorten the data, choose a larger size, or use a QR code.")
        }
        guard size.columns * dataMatrix.moduleSize <= capabilities.printableWidth else {
            throw EscPosError(
                .doesNotFit, at: path.appending("moduleSize"),
                "the Data Matrix symbol is \(size.columns) modules × \(dataMatrix.moduleSize) dots wide, more than "
                    + "the \(capabilities.printableWidth)-dot printable width; use a smaller module size.")
        }
    }

    /// Encodes an Aztec code as `GS ( k` functions 566, 567, 569, 580 and 581 (cn 53, Epson's numbering).
    ///
    /// - Throws: ``EscPosError``: `.valueOutOfRange`, `.invalidBarcodeData`, `.dataTooLong`, `.doesNotFit`,
    ///   `.unsupportedByProfile`.
    public func encode(
        _ aztec: AztecCode, at path: DocumentPath = .root, currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        try validate(aztec, at: path)
        guard capabilities.twoDimensionalCodes.contains(.aztecCode) else { throw unsupported(.aztecCode, at: path) }
        var bytes = alignmentPrefix(aztec.alignment, current: currentAlignment)
        bytes += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x35, 0x42, aztec.format == .fullRange ? 0 : 1, UInt8(aztec.layers)]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x35, 0x43, UInt8(aztec.moduleSize)]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x35, 0x45, UInt8(aztec.errorCorrectionPercent)]
        bytes += storeCommand(symbol: 0x35, data: aztec.content.bytes)
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x35, 0x51, 0x30]
        bytes += alignmentSuffix(aztec.alignment, current: currentAlignment)
        return bytes
    }

    /// Checks an Aztec code's options and capacity (and its width when the layers are fixed).
    public func validate(_ aztec: AztecCode, at path: DocumentPath = .root) throws {
        let maximumLayers = aztec.format == .compact ? 4 : 32
        guard (0...maximumLayers).contains(aztec.layers) else {
            throw EscPosError(
                .valueOutOfRange, at: path.appending("layers"),
                "\(aztec.layers) layers is out of range for a \(aztec.format.rawValue) Aztec code; use "
                    + "1–\(maximumLayers), or 0 for automatic.")
        }
        guard (2...16).contains(aztec.moduleSize) else {
            throw EscPosError(
                .valueOutOfRange, at: path.appending("moduleSize"),
                "Aztec module size \(aztec.moduleSize) is out of range; use 2–16 dots.")
        }
        guard (5...95).contains(aztec.errorCorrectionPercent) else {
            throw EscPosError(
                .valueOutOfRange, at: path.appending("errorCorrectionPercent"),
                "Aztec error correction \(aztec.errorCorrectionPercent) % is out of range; use 5–95 %.")
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
                .dataTooLong, at: path.appending("data"),
                "\(data.count) \(digitsOnly ? "digits" : textOnly ? "characters" : "bytes") exceed what a "
                    + "\(aztec.format.rawValue) Aztec code holds (\(limit)); shorten the data"
                    + (aztec.format == .compact ? " or use the full-range format." : "."))
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
                    .doesNotFit, at: path.appending("moduleSize"),
                    "the Aztec code is \(side) modules × \(aztec.moduleSize) dots wide, more than the "
                        + "\(capabilities.printableWidth)-dot printable width; use fewer layers or smaller modules.")
            }
        }
    }

    /// Encodes a MaxiCode symbol as `GS ( k` functions 265, 280 and 281 (cn 50).
    ///
    /// - Throws: ``EscPosError``: `.valueOutOfRange` (mode), `.invalidBarcodeData`, `.dataTooLong`,
    ///   `.unsupportedByProfile`.
    public func encode(
        _ maxiCode: MaxiCode, at path: DocumentPath = .root, currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        try validate(maxiCode, at: path)
        guard capabilities.twoDimensionalCodes.contains(.maxiCode) else { throw unsupported(.maxiCode, at: path) }
        var bytes = alignmentPrefix(maxiCode.alignment, current: currentAlignment)
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x32, 0x41, UInt8(48 + maxiCode.mode)]
        bytes += storeCommand(symbol: 0x32, data: maxiCode.content.bytes)
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x32, 0x51, 0x30]
        bytes += alignmentSuffix(maxiCode.alignment, current: currentAlignment)
        return bytes
    }

    /// Checks a MaxiCode symbol's mode and capacity (138 digits or 93 characters; 77 in mode 5).
    public func validate(_ maxiCode: MaxiCode, at path: DocumentPath = .root) throws {
        guard (2...6).contains(maxiCode.mode) else {
            throw EscPosError(
                .valueOutOfRange, at: path.appending("mode"), "MaxiCode mode \(maxiCode.mode) is out of range; use 2–6.")
        }
        let data = maxiCode.content.bytes
        guard !data.isEmpty else {
            throw EscPosError(.invalidBarcodeData, at: path.appending("data"), "MaxiCode data is empty.")
        }
        let digitsOnly = data.allSatisfy { $0 >= 48 && $0 <= 57 }
        let limit = maxiCode.mode == 5 ? (digitsOnly ? 113 : 77) : (digitsOnly ? 138 : 93)
        guard data.count <= limit else {
            throw EscPosError(
                .dataTooLong, at: path.appending("data"),
                "MaxiCode mode \(maxiCode.mode) holds at most \(limit) \(digitsOnly ? "digits" : "characters"); "
                    + "got \(data.count). Use a QR code for more data.")
        }
    }

    // MARK: - Shared pieces

    /// `GS ( k pL pH cn 80 48 d…`: stores symbol data; the length counts bytes, plus 3.
    func storeCommand(symbol: UInt8, data: [UInt8]) -> [UInt8] {
        let length = data.count + 3
        return [0x1D, 0x28, 0x6B, UInt8(length & 0xFF), UInt8(length >> 8), symbol, 0x50, 0x30] + data
    }

    func alignmentPrefix(_ alignment: TextStyle.Alignment?, current: TextStyle.Alignment) -> [UInt8] {
        guard let alignment, alignment != current else { return [] }
        return [0x1B, 0x61, alignment.symbolCommandValue]
    }

    func alignmentSuffix(_ alignment: TextStyle.Alignment?, current: TextStyle.Alignment) -> [UInt8] {
        guard let alignment, alignment != current else { return [] }
        return [0x1B, 0x61, current.symbolCommandValue]
    }

    private func unsupported(_ symbology: TwoDimensionalSymbology, at path: DocumentPath) -> EscPosError {
        EscPosError(
            .unsupportedByProfile, at: path,
            "this printer cannot draw \(symbology.rawValue) symbols itself; give the compiler a symbol renderer "
                + "(EscPosSymbolRendering) to print it as an image.")
    }
}
