/// Parses, checks and encodes GS1 element strings, `(01)09501101530003(10)ABC`.
enum GS1ElementString {
    /// One checked element: AI, value (check digit completed), and whether it is fixed-length.
    struct Element: Equatable {
        var applicationIdentifier: String
        var value: String
        var isFixedLength: Bool
    }

    /// The characters GS1 allows in alphanumeric values (the 82-character set), less the brackets this
    /// bracketed notation uses.
    static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!\"%&'*+,-./:;<=>?_".utf8).contains(byte)
        }
    }

    /// Parses and checks `text` in the bracketed form.
    ///
    /// - Throws: ``EscPosError`` `.invalidBarcodeData` or `.invalidCheckDigit` naming the element.
    static func parse(_ text: String, at path: DocumentPath) throws(EscPosError) -> [Element] {
        let bytes = Array(text.utf8)
        var elements: [Element] = []
        var index = 0
        let example = "write element strings as (AI)value, for example (01)09501101530003(10)LOT42"
        guard !bytes.isEmpty else {
            throw EscPosError(.invalidBarcodeData, at: path, "GS1 data is empty; \(example).")
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "("),
                let close = bytes[index...].firstIndex(of: UInt8(ascii: ")"))
            else {
                throw EscPosError(
                    .invalidBarcodeData,
                    at: path,
                    "GS1 data must start each element with an application identifier in brackets; \(example)."
                )
            }
            let ai = Array(bytes[(index + 1)..<close])
            guard (2...4).contains(ai.count), GS1CheckDigit.isAllDigits(ai) else {
                throw EscPosError(
                    .invalidBarcodeData,
                    at: path,
                    "\"(\(String(decoding: ai, as: UTF8.self)))\" is not a GS1 application identifier; "
                        + "an AI is 2 to 4 digits."
                )
            }
            let valueEnd = bytes[(close + 1)...].firstIndex(of: UInt8(ascii: "(")) ?? bytes.count
            var value = Array(bytes[(close + 1)..<valueEnd])
            let aiText = String(decoding: ai, as: UTF8.self)
            guard !value.isEmpty else {
                throw EscPosError(.invalidBarcodeData, at: path, "GS1 element (\(aiText)) has no value.")
            }
            if let bad = value.first(where: { !isAllowed($0) }) {
                throw EscPosError(
                    .invalidBarcodeData,
                    at: path,
                    "GS1 element (\(aiText)) contains \"\(Character(Unicode.Scalar(bad)))\"; values may use "
                        + "letters, digits and !\"%&'*+,-./:;<=>?_ only."
                )
            }
            let prefix = String(decoding: ai.prefix(2), as: UTF8.self)
            if let predefined = GS1ApplicationIdentifier.predefinedLengths[prefix] {
                guard ai.count == predefined.identifierLength else {
                    throw EscPosError(
                        .invalidBarcodeData,
                        at: path,
                        "GS1 application identifier (\(aiText)) should have \(predefined.identifierLength) digits."
                    )
                }
                let length = predefined.valueLength
                let name = "GS1 element (\(aiText))"
                if GS1ApplicationIdentifier.checkDigitPrefixes.contains(prefix) {
                    value = try GS1CheckDigit.completed(value, length: length, name: name, at: path)
                } else {
                    guard value.count == length, GS1CheckDigit.isAllDigits(value) else {
                        throw EscPosError(
                            .invalidBarcodeData,
                            at: path,
                            "\(name) takes exactly \(length) digits."
                        )
                    }
                }
                elements.append(
                    Element(
                        applicationIdentifier: aiText,
                        value: String(decoding: value, as: UTF8.self),
                        isFixedLength: true
                    )
                )
            } else {
                let maximum =
                    GS1ApplicationIdentifier.variableMaximums[aiText] ?? GS1ApplicationIdentifier.defaultMaximumLength
                guard value.count <= maximum else {
                    throw EscPosError(
                        .invalidBarcodeData,
                        at: path,
                        "GS1 element (\(aiText)) holds at most \(maximum) characters; got \(value.count)."
                    )
                }
                if GS1ApplicationIdentifier.numericVariable.contains(aiText), !GS1CheckDigit.isAllDigits(value) {
                    throw EscPosError(.invalidBarcodeData, at: path, "GS1 element (\(aiText)) takes digits only.")
                }
                elements.append(
                    Element(
                        applicationIdentifier: aiText,
                        value: String(decoding: value, as: UTF8.self),
                        isFixedLength: false
                    )
                )
            }
            index = valueEnd
        }
        return elements
    }

    /// The elements as Code 128 items: FNC1 first, then each AI and value, with FNC1 after every
    /// variable-length value that is not last.
    static func code128Items(_ elements: [Element]) -> [Code128Encoder.Item] {
        var items: [Code128Encoder.Item] = [.fnc1]
        for (index, element) in elements.enumerated() {
            items += (element.applicationIdentifier + element.value).utf8.map { .character($0) }
            if !element.isFixedLength, index < elements.count - 1 { items.append(.fnc1) }
        }
        return items
    }

    /// The data of Epson's `GS k` 74 and 78 (GS1-128, DataBar Expanded): bracketed AIs (printed in the
    /// human-readable line, not encoded), `{1` for FNC1 after variable-length values, `{*` for `*` (a bare
    /// `*` asks the printer for a check digit).
    static func escPosData(_ elements: [Element]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, element) in elements.enumerated() {
            bytes += Array("(\(element.applicationIdentifier))".utf8)
            for byte in element.value.utf8 {
                if byte == BarcodeDataEscape.asterisk { bytes.append(BarcodeDataEscape.brace) }
                bytes.append(byte)
            }
            if !element.isFixedLength, index < elements.count - 1 {
                bytes += [BarcodeDataEscape.brace, BarcodeDataEscape.fnc1]
            }
        }
        return bytes
    }

    /// The bracketed form with completed check digits, as scanners report it with AIs marked.
    static func bracketed(_ elements: [Element]) -> String {
        elements.map { "(\($0.applicationIdentifier))\($0.value)" }.joined()
    }
}
