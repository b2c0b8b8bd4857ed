import Testing

@testable import EscPos

/// The `package` vocabulary under `Sources/EscPos/Commands`: its byte builders give the bytes of the Epson
/// reference (shared/reference/escpos.md), and its tables hold the numbers the reference lists.
@Suite struct CommandVocabularyTests {
    @Test func twoDimensionalCodeCommandsGiveTheReferenceQRCode() {
        // qr("1234", native=True) as python-escpos sends it (reference E.1).
        typealias Code = TwoDimensionalCodeCommand
        let bytes =
            Code.command(.qrCode, Code.modelColumnsOrMode, [Code.qrModel2, 0])
            + Code.command(.qrCode, Code.moduleSize, [3])
            + Code.command(.qrCode, Code.errorCorrection, [Code.qrErrorCorrectionBase])
            + Code.storeCommand(.qrCode, data: Array("1234".utf8))
            + Code.printCommand(.qrCode)
        #expect(
            Hex.bytes(bytes)
                == "1D 28 6B 04 00 31 41 32 00 1D 28 6B 03 00 31 43 03 1D 28 6B 03 00 31 45 30 "
                + "1D 28 6B 07 00 31 50 30 31 32 33 34 1D 28 6B 03 00 31 51 30"
        )
    }

    @Test func gsParenLengthCountsEveryParameterByteLittleEndian() {
        // Store: pL + pH · 256 = k + 3; 300 bytes of data give 303 = 0x012F.
        let store = TwoDimensionalCodeCommand.storeCommand(.pdf417, data: Array(repeating: 0x41, count: 300))
        #expect(Array(store.prefix(8)) == [0x1D, 0x28, 0x6B, 0x2F, 0x01, 0x30, 0x50, 0x30])
        #expect(store.count == 5 + 303)
        // GS ( L for a 384 × 24 band: p = 10 + 1152 (reference E.3), and the print function.
        #expect(GSExtendedFunction.graphics.header(parameterLength: 10 + 1152) == [0x1D, 0x28, 0x4C, 0x8A, 0x04])
        #expect(
            GSExtendedFunction.graphics.longHeader(parameterLength: 0x012345) == [
                0x1D, 0x38, 0x4C, 0x45, 0x23, 0x01, 0x00,
            ]
        )
        #expect(RasterEncoder.printGraphics == [0x1D, 0x28, 0x4C, 0x02, 0x00, 0x30, 0x32])
    }

    @Test func everyKnownSymbologyHasItsGSkNumber() throws {
        let expected: [(Barcode.Symbology, UInt8, UInt8?)] = [
            (.upcA, 65, 0), (.upcE, 66, 1), (.ean13, 67, 2), (.ean8, 68, 3), (.code39, 69, 4), (.itf, 70, 5),
            (.itf14, 70, 5), (.codabar, 71, 6), (.code93, 72, nil), (.code128, 73, nil), (.gs1128, 74, nil),
            (.gs1DataBarOmnidirectional, 75, nil), (.gs1DataBarTruncated, 76, nil), (.gs1DataBarLimited, 77, nil),
            (.gs1DataBarExpanded, 78, nil),
        ]
        #expect(Set(expected.map(\.0)) == Set(Barcode.Symbology.allKnown))
        for (symbology, functionB, functionA) in expected {
            let system = try #require(BarcodeSystem(printing: symbology))
            #expect(system.functionB == functionB, "\(symbology)")
            #expect(system.functionA == functionA, "\(symbology)")
        }
    }

    @Test func functionANumbersNameTheSameSymbologiesAsFunctionB() {
        for m in UInt8(0)...6 {
            #expect(BarcodeSystem(m: m) == BarcodeSystem(m: m + 65))
        }
        #expect(BarcodeSystem(m: 7) == nil && BarcodeSystem(m: 64) == nil && BarcodeSystem(m: 80) == nil)
        #expect(BarcodeSystem(m: 79)?.symbology == .code128)
    }

    @Test func mnemonicsSpellTheCommandBytes() {
        // `ESC E` is 1B 45: the name is the prefix and the function byte as a character (SP and GS spelled out).
        for function in ESCFunction.allCases {
            let character = String(Character(Unicode.Scalar(function.rawValue)))
            let expected = function == .characterSpacing ? "SP" : function == .starExtension ? "GS" : character
            #expect(function.mnemonic == "ESC " + expected, "\(function)")
        }
        for function in GSFunction.allCases {
            #expect(function.mnemonic == "GS " + String(Character(Unicode.Scalar(function.rawValue))), "\(function)")
        }
        for function in FSFunction.allCases {
            #expect(function.mnemonic == "FS " + String(Character(Unicode.Scalar(function.rawValue))), "\(function)")
        }
        #expect(DLEFunction.allCases.map(\.mnemonic) == ["DLE EOT", "DLE ENQ", "DLE DC4"])
    }

    @Test func hexIsUpperCaseAndParsesBack() {
        #expect(Hex.byte(0x1B) == "1B" && Hex.byte(0x0A) == "0A" && Hex.byte(0xFF) == "FF")
        #expect(Hex.bytes([0x1B, 0x40]) == "1B 40")
        #expect(Hex.word(0x04B8) == "04B8")
        #expect(Hex.parse("1b 40,0A") == [0x1B, 0x40, 0x0A])
        #expect(Hex.parse("1B4") == nil)
    }

    @Test func theDecoderHandsTypedSymbols() throws {
        let qr = try ReceiptCompiler(profile: .epsonTMT88VI).compile(Receipt(blocks: [.qrCode(QRCode("1234"))])).bytes
        let printed = CommandDecoder().decode(qr).compactMap(\.symbol)
        let symbol = try #require(printed.first)
        #expect(printed.count == 1)
        #expect(symbol.label == "QR" && symbol.twoDimensionalSymbology == .qrCode && symbol.moduleSize == 3)
        guard case .qrCode(let code)? = symbol.symbol else {
            Issue.record("not a QR code: \(String(describing: symbol.symbol))")
            return
        }
        #expect(code.content.bytes == Array("1234".utf8) && code.errorCorrection == .low && code.model == .model2)

        let ean = [0x1D, 0x6B, 0x43, 0x0D] + Array("5901234123457".utf8)
        let barcode = try #require(CommandDecoder().decode(ean).first?.symbol)
        #expect(barcode.symbol == .barcode(Barcode("5901234123457", symbology: .ean13)))
        #expect(barcode.label == "EAN13" && barcode.humanReadableText == "5901234123457" && !barcode.isTwoDimensional)
    }
}
