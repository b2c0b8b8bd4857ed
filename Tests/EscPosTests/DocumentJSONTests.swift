import EscPos
import EscPosTemplates
import Foundation
import Testing

@Suite struct DocumentJSONTests {
    func decode(_ json: String) throws -> Receipt {
        try JSONDecoder().decode(Receipt.self, from: Data(json.utf8))
    }

    /// Decoding errors, whichever type they come as, converted to the one the CLI and agents report.
    func decodingError(_ json: String) throws -> EscPosError {
        do {
            _ = try decode(json)
        } catch let error as EscPosError {
            return error
        } catch let error as DecodingError {
            return EscPosError(error)
        }
        Issue.record("expected a decoding error")
        throw CancellationError()
    }

    static let everyBlock = Receipt(profile: "epson-tm-t88vi", options: .init(strict: true)) {
        Text("Hello").bold().underline(.double).doubleStrike().reverse().upsideDown().rotated().font(.b)
            .size(width: 2, height: 3).alignment(.center).lineSpacing(30).leftMargin(8).printAreaWidth(400)
        Group { Text("in group") }.alignment(.right)
        Rule("=")
        Columns(spacing: 2) {
            Column("Item")
            Column("Qty", width: .fixed(3), alignment: .center)
            Column("Note", width: .flexible(weight: 2))
        }
        KeyValue("Total", "9.99", leader: "_")
        Feed(lines: 2)
        Feed(dots: 20)
        Cut(.full, feed: false)
        DrawerPulse(pin: .pin5, onMilliseconds: 60, offMilliseconds: 240)
        Buzzer(times: 2, duration: 3)
        RawBytes(unchecked: [0x1B, 0x40])
        RasterImage(path: "logo.png").width(200).height(80).upscale().dithering(.atkinson).threshold(120)
            .brightness(0.25).contrast(-0.5).inverted().alignment(.center).doubleWidth().doubleHeight()
            .command(.graphics)
        RasterImage(data: [0x89, 0x50, 0x4E, 0x47])
        Barcode("5901234123457", symbology: .ean13).height(60).moduleWidth(2, allowingNarrower: true)
            .hriPosition(.both, font: .b).alignment(.center)
        QRCode("https://example.com").errorCorrection(.quartile).moduleSize(.auto).alignment(.right)
        PDF417("pdf").columns(3).rows(4).moduleWidth(2, rowHeight: 4).errorCorrection(.level(2)).truncated()
        DataMatrix(bytes: [1, 2, 3]).shape(.rectangle, rows: 8, columns: 18).moduleSize(4)
        AztecCode("aztec").format(.compact, layers: 2).errorCorrectionPercent(40)
        MaxiCode("maxi", mode: 5)
    }

    @Test func everyBlockTypeRoundTrips() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data = try encoder.encode(Self.everyBlock)
        let decoded = try JSONDecoder().decode(Receipt.self, from: data)
        #expect(decoded == Self.everyBlock)
        let types = Set(
            Self.everyBlock.blocks.map { block -> String in
                let json = try? JSONEncoder().encode(block)
                let object = json.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
                return object?["type"] as? String ?? ""
            }
        )
        #expect(types == Set(Block.jsonTypeNames), "the round trip covers every block type")
    }

    @Test func sampleJSONEqualsTheDSLSample() throws {
        let url = GoldenFixtureLocation.repository.appendingPathComponent("Examples/receipts/sample.json")
        let receipt = try JSONDecoder().decode(Receipt.self, from: Data(contentsOf: url))
        #expect(receipt == Receipt { SampleReceipt() })
    }

    @Test func errorPathNamesTheBadField() throws {
        let json = """
            {"schemaVersion": 1, "blocks": [
              {"type": "text", "text": "a"}, {"type": "text", "text": "b"}, {"type": "rule"}, {"type": "feed", "lines": 1},
              {"type": "cut"}, {"type": "text", "text": "c"}, {"type": "text", "text": "d"},
              {"type": "text", "text": "e", "size": {"width": 9, "height": 1}}
            ]}
            """
        let error = try decodingError(json)
        #expect(error.path.description == "blocks[7].size.width")
        #expect(error.code == .valueOutOfRange)
    }

    @Test func wrongTypeNamesThePath() throws {
        let error = try decodingError(
            #"{"schemaVersion": 1, "blocks": [{"type": "text", "text": "a", "bold": "yes"}]}"#
        )
        #expect(error.path.description == "blocks[0].bold")
        #expect(error.code == .invalidDocument)
    }

    @Test func unknownBlockTypeSuggestsTheNearest() throws {
        let error = try decodingError(#"{"schemaVersion": 1, "blocks": [{"type": "txt", "text": "a"}]}"#)
        #expect(error.path.description == "blocks[0].type")
        #expect(error.message.contains("Did you mean \"text\""))
    }

    @Test func unknownFieldIsAnErrorWithSuggestion() throws {
        let error = try decodingError(#"{"schemaVersion": 1, "blocks": [{"type": "text", "text": "a", "bol": true}]}"#)
        #expect(error.path.description == "blocks[0].bol")
        #expect(error.message.contains("Did you mean \"bold\""))
    }

    @Test func missingFieldNamesThePath() throws {
        let error = try decodingError(#"{"schemaVersion": 1, "blocks": [{"type": "keyValue", "key": "a"}]}"#)
        #expect(error.path.description == "blocks[0].value")
    }

    @Test func newerSchemaVersionIsRejectedFirst() throws {
        let error = try decodingError(#"{"schemaVersion": 2, "blocks": [{"type": "hologram"}], "newField": 1}"#)
        #expect(error.code == .unsupportedSchemaVersion)
        #expect(error.path.description == "schemaVersion")
    }

    @Test func rawBytesUseHex() throws {
        let receipt = try decode(#"{"schemaVersion": 1, "blocks": [{"type": "raw", "hex": "1b 40 0A"}]}"#)
        #expect(receipt.blocks == [.raw(RawBytes(unchecked: [0x1B, 0x40, 0x0A]))])
        let error = try decodingError(#"{"schemaVersion": 1, "blocks": [{"type": "raw", "hex": "1g"}]}"#)
        #expect(error.path.description == "blocks[0].hex")
    }

    @Test func errorsEncodeAsJSONForPrintAgents() throws {
        let error = EscPosError(.valueOutOfRange, at: DocumentPath(parsing: "blocks[7].size.width"), "too wide")
        let data = try JSONEncoder().encode(error)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["code"] as? String == "valueOutOfRange")
        #expect(object["path"] as? String == "blocks[7].size.width")
        #expect(try JSONDecoder().decode(EscPosError.self, from: data) == error)
    }
}

enum GoldenFixtureLocation {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}
