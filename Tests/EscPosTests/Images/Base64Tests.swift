import Testing

@testable import EscPos

@Suite struct Base64Tests {
    /// The RFC 4648 test vectors.
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test func roundTripsEveryByteValue() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        #expect(Base64.decode(Base64.encode(bytes)) == bytes)
    }

    @Test func ignoresLineBreaksAndMissingPadding() {
        #expect(Base64.decode("Zm9v\nYmE") == Array("fooba".utf8))
    }

    @Test func rejectsCharactersOutsideTheAlphabet() {
        #expect(Base64.decode("Zm9v!") == nil)
        #expect(Base64.decode("Zg==Zg") == nil)
        #expect(Base64.decode("Z") == nil)
    }
}
