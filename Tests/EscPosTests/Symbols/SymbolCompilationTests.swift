import EscPos
import Foundation
import Testing

@Suite struct SymbolCompilationTests {
    static let qrVector: [UInt8] = [
        0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00, 0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x03,
        0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x30, 0x1D, 0x28, 0x6B, 0x07, 0x00, 0x31, 0x50, 0x30, 0x31,
        0x32, 0x33, 0x34, 0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30,
    ]

    static func contains(_ bytes: [UInt8], _ part: [UInt8]) -> Bool {
        guard bytes.count >= part.count else { return false }
        return (0...(bytes.count - part.count)).contains { Array(bytes[$0..<($0 + part.count)]) == part }
    }

    @Test func nativeQRCodeIsTheReferenceSequenceInsideTheReceipt() throws {
        let bytes = try ReceiptCompiler(profile: .epsonTMT88VI).compile(Receipt { QRCode("1234") }).bytes
        #expect(bytes == [0x1B, 0x40] + Self.qrVector)
    }

    @Test func alignmentComesFromTheSymbolOrItsGroupAndIsRestored() throws {
        let own = try ReceiptCompiler(profile: .epsonTMT88VI).compile(Receipt { QRCode("1234").alignment(.center) })
        #expect(own.bytes == [0x1B, 0x40, 0x1B, 0x61, 0x01] + Self.qrVector + [0x1B, 0x61, 0x00])
        let inherited = try ReceiptCompiler(profile: .epsonTMT88VI).compile(
            Receipt { Group { QRCode("1234") }.alignment(.right) }
        )
        #expect(inherited.bytes == [0x1B, 0x40, 0x1B, 0x61, 0x02] + Self.qrVector + [0x1B, 0x61, 0x00])
        let overridden = try ReceiptCompiler(profile: .epsonTMT88VI).compile(
            Receipt { Group { QRCode("1234").alignment(.left) }.alignment(.right) }
        )
        #expect(overridden.bytes == [0x1B, 0x40] + Self.qrVector)
    }

    @Test func printerWithoutQRAndNoRendererIsAnActionableError() throws {
        let receipt = Receipt {
            Text("x")
            QRCode("1234")
        }
        let error = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: .generic58mm).compile(receipt)
        }
        #expect(error.code == .missingRenderer)
        #expect(error.path.description == "blocks[1]")
        #expect(error.message.contains("ZintSymbolRenderer"))
    }

    @Test func forcedSoftwareRenderingNeedsARenderer() throws {
        let receipt = Receipt(options: .init(symbolRendering: .software)) {
            Barcode("5901234123457", symbology: .ean13)
        }
        let error = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: .epsonTMT88VI).compile(receipt)
        }
        #expect(error.code == .missingRenderer)
        #expect(error.message.contains("software"))
    }

    @Test func barcodeFitUsesThePrintAreaOfItsGroup() throws {
        // 145 modules: 435 dots
        let barcode = Barcode(String(repeating: "Ab", count: 5), symbology: .code128).moduleWidth(3)
        #expect(throws: Never.self) { try ReceiptCompiler(profile: .epsonTMT88VI).compile(Receipt { barcode }) }
        let error = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: .epsonTMT88VI).compile(
                Receipt { Group { barcode }.leftMargin(0).printAreaWidth(400) }
            )
        }
        #expect(error.code == .doesNotFit)
        #expect(error.path.description == "blocks[0].blocks[0].moduleWidth")
    }

    @Test func badDataInJSONIsReportedWithItsPathWhileDecoding() throws {
        let json =
            #"{"schemaVersion":1,"blocks":[{"type":"text","text":"a"},{"type":"barcode","symbology":"ean13","data":"5901234123458"}]}"#
        let error = try #require(throws: EscPosError.self) {
            try JSONDecoder().decode(Receipt.self, from: Data(json.utf8))
        }
        #expect(error.code == .invalidCheckDigit)
        #expect(error.path.description == "blocks[1].data")
    }

    @Test func unknownSymbolFieldsAreRejected() throws {
        let json = #"{"schemaVersion":1,"blocks":[{"type":"qrCode","data":"x","modulSize":3}]}"#
        let error = try #require(throws: EscPosError.self) {
            try JSONDecoder().decode(Receipt.self, from: Data(json.utf8))
        }
        #expect(error.code == .invalidDocument)
        #expect(error.message.contains("moduleSize"))
    }

    @Test func jsonFormOfSymbolsAndTheSoftwareOption() throws {
        let json = #"""
            {"schemaVersion":1,"options":{"symbolRendering":"software"},"blocks":[
              {"type":"qrCode","data":"1234","moduleSize":"auto","errorCorrection":"high","alignment":"center"},
              {"type":"qrCode","bytes":[0,255]},
              {"type":"barcode","symbology":"gs1128","data":"(01)09501101530003(10)AB"},
              {"type":"pdf417","data":"x","errorCorrection":{"ratio":3}},
              {"type":"dataMatrix","data":"x","shape":"rectangle"},
              {"type":"aztecCode","data":"x","format":"compact"},
              {"type":"maxiCode","data":"x","mode":5}
            ]}
            """#
        let receipt = try JSONDecoder().decode(Receipt.self, from: Data(json.utf8))
        #expect(receipt.options.symbolRendering == .software)
        #expect(
            receipt.blocks == [
                .qrCode(QRCode("1234").moduleSize(.auto).errorCorrection(.high).alignment(.center)),
                .qrCode(QRCode(bytes: [0, 255])),
                .barcode(Barcode(gs1: [.gtin("09501101530003"), .batch("AB")])),
                .pdf417(PDF417("x").errorCorrection(.ratio(3))),
                .dataMatrix(DataMatrix("x").shape(.rectangle)),
                .aztecCode(AztecCode("x").format(.compact)),
                .maxiCode(MaxiCode("x", mode: 5)),
            ]
        )
        let encoded = try JSONEncoder().encode(receipt)
        #expect(try JSONDecoder().decode(Receipt.self, from: encoded) == receipt)
    }

    @Test func functionAProfileFallsBackForCode128() throws {
        var profile = PrinterProfile.epsonTMT88VI
        profile.capabilities.barcodeFunctionB = false
        let ean = try ReceiptCompiler(profile: profile).compile(Receipt { Barcode("5901234123457", symbology: .ean13) })
        #expect(Self.contains(ean.bytes, [0x1D, 0x6B, 0x02] + Array("5901234123457".utf8) + [0x00]))
        let error = try #require(throws: EscPosError.self) {
            try ReceiptCompiler(profile: profile).compile(Receipt { Barcode("abc", symbology: .code128) })
        }
        #expect(error.code == .missingRenderer)
    }
}
