import Testing

@testable import EscPos

@Suite struct SymbolCommandEncoderTests {
    static let epson80 = SymbolCapabilities(
        printableWidth: 576,
        barcodes: Set(Barcode.Symbology.allKnown),
        twoDimensionalCodes: [.qrCode, .microQRCode, .pdf417, .dataMatrix, .aztecCode, .maxiCode]
    )
    static let old58 = SymbolCapabilities(
        printableWidth: 384,
        barcodeFunctionB: false,
        barcodes: [.ean13, .upcA, .code39],
        twoDimensionalCodes: []
    )
    static let code128Only = SymbolCapabilities(
        printableWidth: 576,
        barcodes: [.code128],
        twoDimensionalCodes: [.qrCode]
    )

    let encoder = SymbolCommandEncoder(capabilities: Self.epson80)

    static func hex(_ text: String) -> [UInt8] {
        text.split(separator: " ").map { UInt8($0, radix: 16) ?? 0xEE }
    }

    // MARK: QR

    @Test func qrCodeReproducesTheWellKnownVector() throws {
        let expected = Self.hex(
            "1D 28 6B 04 00 31 41 32 00 1D 28 6B 03 00 31 43 03 1D 28 6B 03 00 31 45 30 "
                + "1D 28 6B 07 00 31 50 30 31 32 33 34 1D 28 6B 03 00 31 51 30"
        )
        let qr = QRCode("1234").model(.model2).moduleSize(.dots(3)).errorCorrection(.low)
        #expect(try encoder.encode(qr) == expected)
        #expect(try encoder.encode(QRCode("1234")) == expected, "the defaults are model 2, size 3, level L")
    }

    @Test func qrLengthCountsUTF8BytesNotCharacters() throws {
        let bytes = try encoder.encode(QRCode("€ü"))
        // "€ü" is 2 characters but 5 UTF-8 bytes: pL = 5 + 3.
        let store: [UInt8] = [0x1D, 0x28, 0x6B, 0x08, 0x00, 0x31, 0x50, 0x30, 0xE2, 0x82, 0xAC, 0xC3, 0xBC]
        #expect(bytes.indices.contains { Array(bytes[$0...].prefix(store.count)) == store })
    }

    @Test func qrUserBytesAreStoredUnchanged() throws {
        let bytes = try encoder.encode(QRCode(bytes: [0x00, 0xFF, 0x1B]))
        #expect(bytes.count == 9 + 8 + 8 + 11 + 8)
        #expect(Array(bytes[25..<36]) == [0x1D, 0x28, 0x6B, 0x06, 0x00, 0x31, 0x50, 0x30, 0x00, 0xFF, 0x1B])
    }

    @Test(arguments: QRCode.ErrorCorrection.allCases)
    func qrErrorCorrectionLevelsUseFunction169(level: QRCode.ErrorCorrection) throws {
        let bytes = try encoder.encode(QRCode("A").errorCorrection(level))
        #expect(Array(bytes[17..<25]) == [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, UInt8(0x30 + level.index)])
    }

    @Test func qrAlignmentIsSentBeforeTheSymbolAndRestoredAfter() throws {
        let bytes = try encoder.encode(QRCode("1234").alignment(.center))
        #expect(Array(bytes.prefix(3)) == [0x1B, 0x61, 0x01])
        #expect(Array(bytes.suffix(11)) == [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30, 0x1B, 0x61, 0x00])
        let inCentredGroup = try encoder.encode(QRCode("1234").alignment(.center), currentAlignment: .center)
        #expect(inCentredGroup.first == 0x1D, "no ESC a when the alignment is already right")
    }

    /// The largest amounts that fit a version 40 symbol (ISO/IEC 18004 table 7) and one more.
    static let capacityLimits: [(QRCode.ErrorCorrection, String, Int)] = [
        (.low, "1", 7089), (.low, "A", 4296), (.low, "a", 2953), (.medium, "a", 2331),
        (.quartile, "a", 1663), (.high, "a", 1273), (.high, "1", 3057), (.medium, "A", 3391),
    ]

    @Test(arguments: capacityLimits)
    func qrCapacityIsTheRealLimit(level: QRCode.ErrorCorrection, character: String, limit: Int) throws {
        let fits = QRCode(String(repeating: character, count: limit)).errorCorrection(level).moduleSize(.auto)
        #expect(try encoder.qrSymbolModules(fits) == 177)
        let tooLong = QRCode(String(repeating: character, count: limit + 1)).errorCorrection(level)
        let error = try #require(throws: EscPosError.self) {
            try encoder.encode(tooLong, at: DocumentPath(parsing: "blocks[2]"))
        }
        #expect(error.code == .dataTooLong)
        #expect(error.path.description == "blocks[2].data")
        #expect(error.message.contains("at most \(limit)"))
    }

    @Test func qrAutoModuleSizeIsTheLargestThatFits() throws {
        // 100 bytes at level M need version 6 (version 5 holds 84 bytes): 41 modules, 576 / 41 = 14 dots.
        let qr = QRCode(String(repeating: "x", count: 100)).errorCorrection(.medium).moduleSize(.auto)
        #expect(try encoder.qrSymbolModules(qr) == 41)
        let bytes = try encoder.encode(qr)
        #expect(Array(bytes[9..<17]) == [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 14])
        // A tiny code is capped at 16 dots.
        #expect(try encoder.encode(QRCode("1").moduleSize(.auto))[16] == 16)
    }

    @Test func qrTooWideForThePaperIsAnError() throws {
        let qr = QRCode(String(repeating: "x", count: 200)).moduleSize(.dots(16))
        let error = try #require(throws: EscPosError.self) { try encoder.encode(qr) }
        #expect(error.code == .doesNotFit)
        #expect(error.path.description == "moduleSize")
    }

    @Test(arguments: [0, 17, -1])
    func qrModuleSizeOutOfRangeIsAnError(size: Int) throws {
        let error = try #require(throws: EscPosError.self) { try encoder.encode(QRCode("1").moduleSize(.dots(size))) }
        #expect(error.code == .valueOutOfRange)
    }

    @Test func microQRUsesModel51AndItsOwnCapacity() throws {
        let bytes = try encoder.encode(QRCode("12345").model(.micro))
        #expect(Array(bytes.prefix(9)) == [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x33, 0x00])
        #expect(try encoder.qrSymbolModules(QRCode(String(repeating: "1", count: 35)).model(.micro)) == 17)
        let error = try #require(throws: EscPosError.self) {
            try encoder.encode(QRCode(String(repeating: "1", count: 36)).model(.micro))
        }
        #expect(error.code == .dataTooLong)
    }

    @Test func emptyQRIsAnError() throws {
        let error = try #require(throws: EscPosError.self) { try encoder.encode(QRCode("")) }
        #expect(error.code == .invalidBarcodeData)
    }

    @Test func printerWithoutQRReportsUnsupported() throws {
        let error = try #require(throws: EscPosError.self) {
            try SymbolCommandEncoder(capabilities: Self.old58).encode(QRCode("1"))
        }
        #expect(error.code == .unsupportedByProfile)
    }

    // MARK: Barcodes

    @Test func ean13UsesFunctionBWithSettingsFirst() throws {
        let bytes = try encoder.encode(Barcode("590123412345", symbology: .ean13))
        #expect(
            bytes
                == Self.hex("1D 48 02 1D 66 00 1D 68 50 1D 77 03 1D 6B 43 0D") + Array("5901234123457".utf8)
        )
    }

    @Test func optionsReachTheirCommands() throws {
        let barcode = Barcode("A-1", symbology: .code39).height(120).moduleWidth(2).hriPosition(.both, font: .b)
            .alignment(.right)
        let bytes = try encoder.encode(barcode)
        #expect(
            bytes
                == Self.hex("1B 61 02 1D 48 03 1D 66 01 1D 68 78 1D 77 02 1D 6B 45 03 41 2D 31 1B 61 00")
        )
    }

    @Test func functionAIsUsedOnlyWhenThePrinterLacksFunctionB() throws {
        let bytes = try SymbolCommandEncoder(capabilities: Self.old58).encode(Barcode("036000291452", symbology: .upcA))
        #expect(Array(bytes.suffix(16)) == [0x1D, 0x6B, 0x00] + Array("036000291452".utf8) + [0x00])
        let error = try #require(throws: EscPosError.self) {
            try SymbolCommandEncoder(capabilities: Self.old58).encode(Barcode("X", symbology: .code128))
        }
        #expect(error.code == .unsupportedByProfile)
    }

    /// Every symbology's function number, checked against the Epson `GS k` table (65–78); GS1-128 must never
    /// go out as 72 (Code 93), a mistake other libraries make.
    static let functionNumbers: [(Barcode.Symbology, String, UInt8)] = [
        (.upcA, "03600029145", 65), (.upcE, "0123456", 66), (.ean13, "400638133393", 67), (.ean8, "9638507", 68),
        (.code39, "ABC", 69), (.itf, "1234", 70), (.itf14, "1540014128876", 70), (.codabar, "A123B", 71),
        (.code93, "abc", 72), (.code128, "abc", 73), (.gs1128, "(01)09501101530003", 74),
        (.gs1DataBarOmnidirectional, "0950110153000", 75), (.gs1DataBarTruncated, "0950110153000", 76),
        (.gs1DataBarLimited, "0950110153000", 77), (.gs1DataBarExpanded, "(01)09501101530003(10)AB", 78),
    ]

    @Test(arguments: functionNumbers)
    func symbologiesUseTheirFunctionNumbers(symbology: Barcode.Symbology, data: String, number: UInt8) throws {
        let bytes = try encoder.encode(Barcode(data, symbology: symbology).moduleWidth(2))
        #expect(bytes[12] == 0x1D && bytes[13] == 0x6B)
        #expect(bytes[14] == number)
        #expect(Int(bytes[15]) == bytes.count - 16)
    }

    @Test func gs1128NativeDataKeepsBracketsAndSeparatesVariableFields() throws {
        let barcode = Barcode(gs1: [.gtin("0950110153000"), .batch("AB*1"), .serial("77")]).moduleWidth(2)
        let bytes = try encoder.encode(barcode)
        #expect(Array(bytes[16...]) == Array("(01)09501101530003(10)AB{*1{1(21)77".utf8))
    }

    @Test func gs1128GoesThroughCode128WithFNC1WhenThePrinterLacksFunction74() throws {
        let bytes = try SymbolCommandEncoder(capabilities: Self.code128Only).encode(
            Barcode(gs1: [.gtin("0950110153000"), .batch("AB")])
        )
        #expect(bytes[14] == 73)
        #expect(Array(bytes[16...]) == [0x7B, 0x43, 0x7B, 0x31, 1, 9, 50, 11, 1, 53, 0, 3, 10, 0x7B, 0x42, 0x41, 0x42])
    }

    @Test func code128DataIsEncodedForTheUser() throws {
        let bytes = try encoder.encode(Barcode("No.{123456", symbology: .code128))
        #expect(Array(bytes[14...]) == [73, 12, 0x7B, 0x42, 0x4E, 0x6F, 0x2E, 0x7B, 0x7B, 0x7B, 0x43, 12, 34, 56])
    }

    @Test func tooWideBarcodeIsAnErrorOrNarrowedWhenAllowed() throws {
        let long = Barcode(String(repeating: "Ab", count: 10), symbology: .code128)  // 21 symbols: 255 modules
        let error = try #require(throws: EscPosError.self) { try encoder.encode(long.moduleWidth(3)) }
        #expect(error.code == .doesNotFit)
        #expect(error.message.contains("576"))
        let narrowed = try encoder.encode(long.moduleWidth(3, allowingNarrower: true))
        #expect(Array(narrowed[9..<12]) == [0x1D, 0x77, 0x02])
        let hopeless = Barcode(String(repeating: "Ab", count: 40), symbology: .code128).moduleWidth(
            3,
            allowingNarrower: true
        )
        #expect(throws: EscPosError.self) { try encoder.encode(hopeless) }
    }

    @Test func wideElementsCountInTwoWidthSymbologies() throws {
        // Code 39, 20 characters + start/stop at GS w 2: 22 × (7 × 2 + 3 × 5) − 2 = 636 dots > 576.
        let barcode = Barcode(String(repeating: "A", count: 20), symbology: .code39).moduleWidth(2)
        let error = try #require(throws: EscPosError.self) { try encoder.encode(barcode) }
        #expect(error.code == .doesNotFit)
        #expect(error.message.contains("636"))
    }

    // MARK: Bad input

    static let badInput: [(Barcode.Symbology, String, EscPosError.Code)] = [
        (.ean13, "59012341234", .invalidBarcodeData), (.ean13, "590123412345X", .invalidBarcodeData),
        (.ean13, "59012341234578", .invalidBarcodeData), (.ean8, "123", .invalidBarcodeData),
        (.upcA, "03600029145A", .invalidBarcodeData), (.itf, "123", .invalidBarcodeData),
        (.itf, "12a4", .invalidBarcodeData), (.itf14, "123", .invalidBarcodeData),
        (.code39, "abc", .invalidBarcodeData), (.code39, "A*B", .invalidBarcodeData),
        (.code39, "", .invalidBarcodeData),
        (.codabar, "123", .invalidBarcodeData), (.codabar, "A12B34B", .invalidBarcodeData),
        (.code93, "é", .invalidBarcodeData), (.code128, "", .invalidBarcodeData),
        (.code128, "Grüße", .invalidBarcodeData), (.code128, String(repeating: "a", count: 254), .dataTooLong),
        (.gs1128, "0109501101530003", .invalidBarcodeData), (.gs1128, "(01)0950110153000X", .invalidBarcodeData),
        (.gs1128, "(01)09501101530004", .invalidCheckDigit),
        (.gs1128, "(10)" + String(repeating: "A", count: 21), .invalidBarcodeData),
        (.gs1128, "(17)2712", .invalidBarcodeData), (.gs1128, "(310)001234", .invalidBarcodeData),
        (.gs1128, "(10)A B", .invalidBarcodeData), (.gs1DataBarLimited, "2950110153000", .invalidBarcodeData),
        (.gs1DataBarOmnidirectional, "09501101530004", .invalidCheckDigit),
        (.gs1DataBarExpanded, String(repeating: "(10)ABCDEFGHIJKLMNOPQRST", count: 3), .dataTooLong),
        (Barcode.Symbology(rawValue: "code11"), "123", .invalidBarcodeData),
    ]

    @Test(arguments: badInput)
    func badInputIsATypedErrorNeverBytes(symbology: Barcode.Symbology, data: String, code: EscPosError.Code) throws {
        var bytes: [UInt8]?
        let error = try #require(throws: EscPosError.self) {
            bytes = try encoder.encode(Barcode(data, symbology: symbology), at: DocumentPath(parsing: "blocks[5]"))
        }
        #expect(bytes == nil)
        #expect(error.code == code)
        #expect(error.path.description.hasPrefix("blocks[5]"))
        #expect(!error.message.isEmpty)
    }

    @Test(arguments: [(0, "height"), (256, "height")])
    func barHeightOutOfRangeIsAnError(value: Int, key: String) throws {
        let error = try #require(throws: EscPosError.self) {
            try encoder.encode(Barcode("1234", symbology: .itf).height(value))
        }
        #expect(error.code == .valueOutOfRange)
        #expect(error.path.description == key)
    }

    @Test(arguments: [1, 7])
    func moduleWidthOutOfRangeIsAnError(value: Int) throws {
        let error = try #require(throws: EscPosError.self) {
            try encoder.encode(Barcode("1234", symbology: .itf).moduleWidth(value))
        }
        #expect(error.code == .valueOutOfRange)
    }

    // MARK: Other 2D codes

    @Test func pdf417UsesCn48Functions() throws {
        let bytes = try encoder.encode(
            PDF417("AB").columns(3).rows(5).moduleWidth(2, rowHeight: 4).errorCorrection(.level(2)).truncated()
        )
        let expected = Self.hex(
            "1D 28 6B 03 00 30 41 03 1D 28 6B 03 00 30 42 05 1D 28 6B 03 00 30 43 02 1D 28 6B 03 00 30 44 04 "
                + "1D 28 6B 04 00 30 45 30 32 1D 28 6B 03 00 30 46 01 1D 28 6B 05 00 30 50 30 41 42 "
                + "1D 28 6B 03 00 30 51 30"
        )
        #expect(bytes == expected)
        let ratio = try encoder.encode(PDF417("AB").errorCorrection(.ratio(5)))
        #expect(Array(ratio[32..<41]) == Self.hex("1D 28 6B 04 00 30 45 31 05"))
    }

    @Test func pdf417BadOptionsAndOverflowAreErrors() throws {
        let cases: [(PDF417, EscPosError.Code)] = [
            (PDF417("A").columns(31), .valueOutOfRange), (PDF417("A").rows(2), .valueOutOfRange),
            (PDF417("A").moduleWidth(9), .valueOutOfRange), (PDF417("A").errorCorrection(.level(9)), .valueOutOfRange),
            (PDF417("A").errorCorrection(.ratio(0)), .valueOutOfRange), (PDF417(""), .invalidBarcodeData),
            (PDF417(bytes: [UInt8](repeating: 0xFF, count: 1200)), .dataTooLong),
            (PDF417(String(repeating: "A", count: 100)).columns(2).rows(3), .dataTooLong),
            (PDF417("A").columns(30).moduleWidth(3), .doesNotFit),
        ]
        for (symbol, code) in cases {
            let error = try #require(throws: EscPosError.self) { try encoder.encode(symbol) }
            #expect(error.code == code, "\(symbol)")
        }
    }

    @Test func dataMatrixAztecAndMaxiCodeUseEpsonNumbers() throws {
        #expect(
            try encoder.encode(DataMatrix("AB").shape(.rectangle, rows: 8, columns: 18).moduleSize(4))
                == Self.hex(
                    "1D 28 6B 05 00 36 42 01 08 12 1D 28 6B 03 00 36 43 04 1D 28 6B 05 00 36 50 30 41 42 "
                        + "1D 28 6B 03 00 36 51 30"
                )
        )
        #expect(
            try encoder.encode(AztecCode("AB").format(.compact, layers: 2).moduleSize(5).errorCorrectionPercent(30))
                == Self.hex(
                    "1D 28 6B 04 00 35 42 01 02 1D 28 6B 03 00 35 43 05 1D 28 6B 03 00 35 45 1E "
                        + "1D 28 6B 05 00 35 50 30 41 42 1D 28 6B 03 00 35 51 30"
                )
        )
        #expect(
            try encoder.encode(MaxiCode("AB", mode: 4))
                == Self.hex("1D 28 6B 03 00 32 41 34 1D 28 6B 05 00 32 50 30 41 42 1D 28 6B 03 00 32 51 30")
        )
    }

    @Test func dataMatrixAztecAndMaxiCodeRejectBadInput() throws {
        let errors: [(() throws -> [UInt8], EscPosError.Code)] = [
            ({ try encoder.encode(DataMatrix("A").moduleSize(1)) }, .valueOutOfRange),
            ({ try encoder.encode(DataMatrix("A").shape(.square, rows: 11, columns: 11)) }, .valueOutOfRange),
            (
                {
                    try encoder.encode(
                        DataMatrix(String(repeating: "A", count: 6)).shape(.square, rows: 10, columns: 10)
                    )
                }, .dataTooLong
            ),
            ({ try encoder.encode(DataMatrix(String(repeating: "A", count: 1000)).moduleSize(16)) }, .doesNotFit),
            ({ try encoder.encode(AztecCode("A").format(.compact, layers: 5)) }, .valueOutOfRange),
            ({ try encoder.encode(AztecCode("A").errorCorrectionPercent(99)) }, .valueOutOfRange),
            ({ try encoder.encode(AztecCode(bytes: [UInt8](repeating: 1, count: 54)).format(.compact)) }, .dataTooLong),
            ({ try encoder.encode(AztecCode("A").format(.fullRange, layers: 32).moduleSize(4)) }, .doesNotFit),
            ({ try encoder.encode(MaxiCode("A", mode: 7)) }, .valueOutOfRange),
            ({ try encoder.encode(MaxiCode(String(repeating: "A", count: 94))) }, .dataTooLong),
        ]
        for (index, (encode, code)) in errors.enumerated() {
            let error = try #require(throws: EscPosError.self, "case \(index)") { try encode() }
            #expect(error.code == code, "case \(index)")
        }
    }
}
