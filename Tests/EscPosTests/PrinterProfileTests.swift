import EscPos
import Foundation
import Testing

@Suite struct PrinterProfileTests {
    @Test(arguments: PrinterProfile.builtIn)
    func builtInProfilesAreValidAndFindableByName(profile: PrinterProfile) throws {
        try profile.validate()
        #expect(try PrinterProfile.named(profile.id) == profile)
        #expect(try PrinterProfile.named(profile.id.uppercased()) == profile)
        // Page numbers are unique within a profile.
        #expect(Set(profile.codePages.map(\.number)).count == profile.codePages.count)
    }

    @Test func requiredModelsAreBuiltIn() throws {
        for name in [
            "generic-58mm", "generic-80mm", "epson-tm-t88v", "epson-tm-t88vi", "epson-tm-t20iii", "epson-tm-m30",
            "xprinter-xp-80", "star-tsp100", "star-tsp650", "bixolon-srp-350iii", "citizen-ct-s310ii", "pos-80",
        ] {
            #expect(throws: Never.self) { try PrinterProfile.named(name) }
        }
        #expect(PrinterProfile.generic58mm.dotWidth == 384)
        #expect(PrinterProfile.generic80mm.dotWidth == 576)
        #expect(PrinterProfile.generic58mm.columns(for: .a) == 32)
        #expect(PrinterProfile.generic80mm.columns(for: .b) == 64)
        #expect(PrinterProfile.epsonTMT88VI.columns(for: .a) == 42)
    }

    @Test func unknownNameSuggestsTheNearest() throws {
        let error = try #require(throws: EscPosError.self) { try PrinterProfile.named("epson-tm-t88v1") }
        #expect(error.code == .unknownProfile)
        #expect(
            error.message.contains("Did you mean \"epson-tm-t88vi\"")
                || error.message.contains("Did you mean \"epson-tm-t88v\"")
        )
    }

    @Test func vendorsNumberPagesDifferently() throws {
        func number(_ profile: PrinterProfile, _ page: String) -> UInt8? {
            profile.codePages.first { $0.page.id == page }?.number
        }
        #expect(number(.epsonTMT88VI, "wpc1251") == 46)
        #expect(number(.xprinterXP80, "wpc1251") == 23)
        #expect(number(.bixolonSRP350III, "wpc1251") == 28)
        #expect(number(.epsonTMT88VI, "cp864") == 37)
        #expect(number(.xprinterXP80, "cp864") == 22)
        #expect(number(.citizenCTS310II, "cp858") == 2)
        #expect(number(.epsonTMT88VI, "katakana") == 1)
    }

    @Test func userProfileLoadsFromJSONAndCompiles() throws {
        let json = """
            {"id": "shop-printer", "dotWidth": 432, "codePages": [{"number": 0, "page": "cp437"}, {"number": 9, "page": "cp866"}],
             "capabilities": {"cutter": null, "qrCode": false}}
            """
        let profile = try JSONDecoder().decode(PrinterProfile.self, from: Data(json.utf8))
        #expect(profile.columns(for: .a) == 36)
        #expect(profile.capabilities.cutter == nil)
        let bytes = try ReceiptCompiler(profile: profile).compile(Receipt { Text("Ж") }).bytes
        #expect(bytes == [0x1B, 0x40, 0x1B, 0x74, 0x09, 0x86, 0x0A, 0x1B, 0x74, 0x00])
        // And the built-ins survive a JSON round trip.
        for builtIn in PrinterProfile.builtIn {
            let data = try JSONEncoder().encode(builtIn)
            #expect(try JSONDecoder().decode(PrinterProfile.self, from: data) == builtIn)
        }
    }

    @Test(arguments: [
        (#"{"id": "x", "dotWidth": 0, "codePages": [{"number": 0, "page": "cp437"}]}"#, "dotWidth"),
        (#"{"id": "x", "dotWidth": 384, "codePages": [{"number": 0, "page": "cp4377"}]}"#, "codePages[0].page"),
        (#"{"id": "x", "dotWidth": 384, "codePages": []}"#, "codePages"),
        (
            #"{"id": "x", "dotWidth": 384, "codePages": [{"number": 0, "page": "cp437"}], "replacementCharacter": "€"}"#,
            "replacementCharacter"
        ),
    ])
    func invalidProfilesAreTypedErrors(json: String, path: String) throws {
        do {
            _ = try JSONDecoder().decode(PrinterProfile.self, from: Data(json.utf8))
            Issue.record("expected an error")
        } catch let error as EscPosError {
            #expect(error.code == .invalidProfile)
            #expect(error.path.description == path)
        }
    }
}
