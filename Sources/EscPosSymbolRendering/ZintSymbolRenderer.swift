import CZint
public import EscPos

/// Draws barcodes and 2D codes with libzint, for printers that cannot draw a symbology themselves.
///
/// Give one to the compiler and every symbol the target profile lacks (QR on most 58 mm printers, Code 128
/// on some) prints as a raster image at the printer's dot pitch, so one document prints everywhere:
///
/// ```swift
/// import EscPos
/// import EscPosSymbolRendering
///
/// var options = CompileOptions()
/// options.symbolRenderer = ZintSymbolRenderer()
/// let job = try ReceiptCompiler(profile: .generic58mm, options: options).compile(receipt)
/// ```
///
/// The renderer asks libzint only for the module matrix (`ZBarcode_Encode`) and draws every module itself as
/// an exact `moduleSize × moduleSize` dot square, so bars never blur between dots. MaxiCode, whose modules
/// are hexagons, goes through libzint's raster output (`ZBarcode_Buffer`) instead. Software MaxiCode is
/// limited to modes 4–6 (modes 2 and 3 need a structured carrier message).
///
/// Install libzint first: `apt-get install libzint-dev` (Debian/Ubuntu) or `brew install zint`.
public struct ZintSymbolRenderer: SymbolRendering {
    /// Creates a renderer.
    public init() {}

    /// Draws `symbol` with modules `moduleSize` dots wide; 1D bars are `height` dots high.
    ///
    /// - Parameters:
    ///   - symbol: The barcode or 2D code, with validated data (see ``SymbolRendering``).
    ///   - moduleSize: Dots per module, at least 1.
    ///   - height: Bar height in dots for 1D symbols.
    /// - Returns: The symbol without quiet zone or human-readable text.
    /// - Throws: ``EscPosError`` with `.invalidBarcodeData` or `.dataTooLong` when libzint rejects the data
    ///   (its own message is included), `.unsupportedByProfile` for a symbology libzint does not draw.
    ///   The corresponding C function is `ZBarcode_Encode`.
    public func render(_ symbol: Symbol, moduleSize: Int, height: Int) throws -> MonochromeBitmap {
        guard moduleSize >= 1 else {
            throw EscPosError(.valueOutOfRange, "the module size must be at least 1 dot; got \(moduleSize).")
        }
        let request = try ZintRequest(symbol)
        guard let handle = ZBarcode_Create() else {
            throw EscPosError(.missingRenderer, "libzint could not allocate a symbol (out of memory).")
        }
        defer { ZBarcode_Delete(handle) }
        handle.pointee.symbology = request.symbology
        handle.pointee.input_mode = request.inputMode
        handle.pointee.option_1 = request.option1
        handle.pointee.option_2 = request.option2
        handle.pointee.option_3 = request.option3
        handle.pointee.show_hrt = 0
        let status = request.data.withUnsafeBufferPointer { buffer in
            ZBarcode_Encode(handle, buffer.baseAddress, Int32(buffer.count))
        }
        if status >= ZINT_ERROR {
            let message = String(cString: CZint_error_text(handle))
            let code: EscPosError.Code = status == ZINT_ERROR_TOO_LONG ? .dataTooLong : .invalidBarcodeData
            throw EscPosError(code, "libzint cannot encode this \(request.name): \(message).")
        }
        if request.symbology == BARCODE_MAXICODE {
            return try rasterized(handle, moduleSize: moduleSize)
        }
        return matrix(
            handle,
            moduleSize: moduleSize,
            barHeight: height,
            rowHeight: request.rowHeight,
            isLinear: request.isLinear
        )
    }

    /// Draws zint's module matrix with every module a `moduleSize` square (or a full-height bar).
    private func matrix(
        _ handle: UnsafeMutablePointer<zint_symbol>,
        moduleSize: Int,
        barHeight: Int,
        rowHeight: Int?,
        isLinear: Bool
    ) -> MonochromeBitmap {
        let rows = Int(handle.pointee.rows)
        let columns = Int(handle.pointee.width)
        let rowHeights: [Int] = (0..<rows).map { row in
            if isLinear { return max(1, barHeight / max(rows, 1)) }
            if let rowHeight { return rowHeight * moduleSize }
            return max(1, Int(CZint_row_height(handle, Int32(row)).rounded())) * moduleSize
        }
        var bitmap = MonochromeBitmap(width: columns * moduleSize, height: rowHeights.reduce(0, +))
        var top = 0
        for row in 0..<rows {
            for column in 0..<columns where CZint_module_is_set(handle, Int32(row), Int32(column)) != 0 {
                for y in top..<(top + rowHeights[row]) {
                    for x in (column * moduleSize)..<((column + 1) * moduleSize) {
                        bitmap[x, y] = true
                    }
                }
            }
            top += rowHeights[row]
        }
        return bitmap
    }

    /// Draws through zint's raster buffer (MaxiCode's hexagons), at `moduleSize / 2` scale.
    /// The corresponding C function is `ZBarcode_Buffer`.
    private func rasterized(_ handle: UnsafeMutablePointer<zint_symbol>, moduleSize: Int) throws -> MonochromeBitmap {
        handle.pointee.scale = Float(moduleSize) / 2
        let status = ZBarcode_Buffer(handle, 0)
        guard status < ZINT_ERROR else {
            throw EscPosError(
                .invalidBarcodeData,
                "libzint cannot draw this MaxiCode: \(String(cString: CZint_error_text(handle)))."
            )
        }
        let width = Int(handle.pointee.bitmap_width)
        let height = Int(handle.pointee.bitmap_height)
        var bitmap = MonochromeBitmap(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width where CZint_bitmap_is_dark(handle, Int32(x), Int32(y)) != 0 {
                bitmap[x, y] = true
            }
        }
        return bitmap
    }
}

/// What to ask libzint for one symbol.
private struct ZintRequest {
    var name = ""
    var symbology: Int32 = 0
    var inputMode: Int32 = DATA_MODE
    var option1: Int32 = -1
    var option2: Int32 = 0
    var option3: Int32 = 0
    var data: [UInt8] = []
    var rowHeight: Int?
    var isLinear = false

    init(_ symbol: Symbol) throws {
        switch symbol {
        case .barcode(let barcode):
            self = try ZintRequest(barcode: barcode)
        case .qrCode(let qr):
            name = "QR code"
            symbology = qr.model == .micro ? BARCODE_MICROQR : BARCODE_QRCODE
            option1 = Int32(qr.errorCorrection.zintLevel)
            data = qr.content.bytes
        case .pdf417(let pdf):
            name = "PDF417 symbol"
            symbology = pdf.truncated ? BARCODE_PDF417COMP : BARCODE_PDF417
            data = pdf.content.bytes
            switch pdf.errorCorrection {
            case .level(let level):
                option1 = Int32(level)
            case .ratio(let tenths):
                // The smallest level whose 2^(level+1) codewords cover the ratio of the data.
                let wanted = max(2, (data.count * tenths + 9) / 10)
                option1 = Int32((0...8).first { 1 << ($0 + 1) >= wanted } ?? 8)
            }
            option2 = Int32(pdf.columns)
            option3 = Int32(pdf.rows)
            rowHeight = pdf.rowHeight
        case .dataMatrix(let matrix):
            name = "Data Matrix symbol"
            symbology = BARCODE_DATAMATRIX
            data = matrix.content.bytes
            let sizes = SymbolCommandEncoder.dataMatrixSizes
            if let index = sizes.firstIndex(where: { $0.rows == matrix.rows && $0.columns == matrix.columns }) {
                option2 = Int32(index + 1)
            }
            option3 = matrix.shape == .square ? Int32(DM_SQUARE) : 0
        case .aztecCode(let aztec):
            name = "Aztec code"
            symbology = BARCODE_AZTEC
            data = aztec.content.bytes
            if aztec.layers > 0 {
                option2 = Int32(aztec.format == .compact ? aztec.layers : aztec.layers + 4)
            } else {
                let percent = aztec.errorCorrectionPercent
                option1 = percent <= 10 ? 1 : percent <= 23 ? 2 : percent <= 36 ? 3 : 4
            }
        case .maxiCode(let maxi):
            name = "MaxiCode symbol"
            guard maxi.mode >= 4 else {
                throw EscPosError(
                    .unsupportedByProfile,
                    at: DocumentPath.root.appending("mode"),
                    "software MaxiCode supports modes 4–6; modes 2 and 3 need a structured carrier message."
                )
            }
            symbology = BARCODE_MAXICODE
            option1 = Int32(maxi.mode)
            data = maxi.content.bytes
        }
    }

    init(barcode: Barcode) throws {
        let text = barcode.data
        name = "\(barcode.symbology.rawValue) barcode"
        isLinear = true
        data = Array(text.utf8)
        switch barcode.symbology {
        case .ean13, .ean8: symbology = BARCODE_EANX_CHK
        case .upcA: symbology = BARCODE_UPCA_CHK
        case .upcE: symbology = BARCODE_UPCE_CHK
        case .code39: symbology = BARCODE_CODE39
        case .itf, .itf14: symbology = BARCODE_C25INTER
        case .codabar:
            symbology = BARCODE_CODABAR
            data = Array(text.uppercased().utf8)
        case .code93: symbology = BARCODE_CODE93
        case .code128: symbology = BARCODE_CODE128
        case .gs1128:
            symbology = BARCODE_GS1_128
            inputMode = GS1_MODE | GS1PARENS_MODE
        case .gs1DataBarOmnidirectional, .gs1DataBarTruncated, .gs1DataBarLimited:
            symbology = barcode.symbology == .gs1DataBarLimited ? BARCODE_DBAR_LTD : BARCODE_DBAR_OMN
            // zint takes the GTIN's 13 digits without AI and check digit.
            let digits = text.utf8.filter { $0 >= 48 && $0 <= 57 }
            data = Array(digits.dropFirst(digits.count == 16 ? 2 : 0).prefix(13))
        case .gs1DataBarExpanded:
            symbology = BARCODE_DBAR_EXP
            inputMode = GS1_MODE | GS1PARENS_MODE
        default:
            throw EscPosError(
                .unsupportedByProfile,
                at: DocumentPath.root.appending("symbology"),
                "the software renderer does not draw \(barcode.symbology.rawValue) barcodes."
            )
        }
    }
}

extension QRCode.ErrorCorrection {
    /// libzint's `option_1` for QR codes: 1 = L … 4 = H.
    fileprivate var zintLevel: Int {
        switch self {
        case .low: 1
        case .medium: 2
        case .quartile: 3
        case .high: 4
        }
    }
}
