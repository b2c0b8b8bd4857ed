/// Reads the data of a `GS k` command back into the ``Barcode`` it prints: the inverse of the compiler's
/// barcode encoding, for the virtual printer and for anyone who wants to know what a stream's barcodes say.
///
/// ESC/POS carries Code 128 with its code-set switches (`{A`, `{B`, `{C`, `{S`) and GS1 data in two forms
/// (bracketed AIs for `GS k` 74 and 78, FNC1-separated on Code 128), so reading a barcode back is more than
/// decoding its bytes as text.
package enum BarcodeDataReader {
    /// The barcode a `GS k` command describes, with its data as a ``Barcode`` holds it (GS1 element strings
    /// in bracketed form, DataBar GTINs as digits), or `nil` for a symbology or data it cannot read.
    package static func barcode(system m: UInt8, data: [UInt8]) -> Barcode? {
        guard let system = BarcodeSystem(m: m), let symbology = system.symbology else { return nil }
        switch symbology {
        case .code128:
            // A leading FNC1 makes it GS1-128 (how the compiler sends GS1-128 to printers without GS k 74).
            guard let items = code128Items(data) else { return nil }
            if items.first == .fnc1 {
                guard let text = gs1Bracketed(fnc1Separated: items.dropFirst()) else { return nil }
                return Barcode(text, symbology: .gs1128)
            }
            guard let text = code128Text(data) else { return nil }
            return Barcode(text, symbology: .code128)
        case .gs1128, .gs1DataBarExpanded:
            guard let text = gs1Bracketed(escPosData: data) else { return nil }
            return Barcode(text, symbology: symbology)
        case .gs1DataBarOmnidirectional, .gs1DataBarTruncated, .gs1DataBarLimited:
            // The GTIN's first 13 digits; the printer computes the check digit.
            guard isGTINWithoutCheckDigit(data) else { return nil }
            return Barcode(String(decoding: data, as: UTF8.self), symbology: symbology)
        default:
            return Barcode(String(decoding: data, as: UTF8.self), symbology: symbology)
        }
    }

    /// The human-readable text a printer prints with a `GS k` barcode: Code 128 without its code-set
    /// switches, GS1 data with its AIs in brackets (`(01)09501101530003(10)ABC`), DataBar as `(01)` and the
    /// 14-digit GTIN with its check digit; other data as sent.
    package static func humanReadableText(system m: UInt8, data: [UInt8]) -> String {
        switch BarcodeSystem(m: m)?.symbology {
        case .code128?, .gs1128?, .gs1DataBarExpanded?:
            guard let barcode = barcode(system: m, data: data) else { return code128Text(data) ?? "" }
            return barcode.data
        case .gs1DataBarOmnidirectional?, .gs1DataBarTruncated?, .gs1DataBarLimited?:
            guard isGTINWithoutCheckDigit(data) else { return String(decoding: data, as: UTF8.self) }
            return "(01)" + String(decoding: data + [GS1CheckDigit.compute(data)], as: UTF8.self)
        default:
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// The characters and FNC1s of ESC/POS Code 128 data: `{A`/`{B`/`{C` select a code set, `{S` shifts one
    /// character, `{1` is FNC1, `{{` is a brace, and in code set C each byte is a pair of digits (0–99).
    /// `nil` for FNC2–FNC4 and bad bytes.
    package static func code128Items(_ data: [UInt8]) -> [Code128Encoder.Item]? {
        var items: [Code128Encoder.Item] = []
        var codeSetC = false
        var index = 0
        while index < data.count {
            let byte = data[index]
            if byte == BarcodeDataEscape.brace, index + 1 < data.count {
                switch data[index + 1] {
                case BarcodeDataEscape.codeSetA, BarcodeDataEscape.codeSetB: codeSetC = false
                case BarcodeDataEscape.codeSetC: codeSetC = true
                case BarcodeDataEscape.shift: break  // the next byte is a character of the other set A/B, still ASCII.
                case BarcodeDataEscape.fnc1: items.append(.fnc1)
                case BarcodeDataEscape.brace: items.append(.character(BarcodeDataEscape.brace))
                default: return nil
                }
                index += 2
                continue
            }
            if codeSetC {
                guard byte <= 99 else { return nil }
                items += [.character(0x30 + byte / 10), .character(0x30 + byte % 10)]
            } else {
                guard byte < 0x80 else { return nil }
                items.append(.character(byte))
            }
            index += 1
        }
        return items
    }

    /// The characters of ESC/POS Code 128 data (see ``code128Items(_:)``); `nil` for data with function
    /// characters (`{1`–`{4`: GS1 data is read by ``barcode(system:data:)``) and bad bytes.
    package static func code128Text(_ data: [UInt8]) -> String? {
        guard let items = code128Items(data) else { return nil }
        var text = ""
        for item in items {
            guard case .character(let byte) = item else { return nil }
            text.unicodeScalars.append(Unicode.Scalar(byte))
        }
        return text
    }

    /// The bracketed element string of `GS k` 74/78 data, which already brackets its AIs: `{1` (FNC1 after
    /// a variable-length value) goes, `{*` is a literal `*`, `{{` a brace. `nil` for other escapes.
    package static func gs1Bracketed(escPosData data: [UInt8]) -> String? {
        var bytes: [UInt8] = []
        var index = 0
        while index < data.count {
            if data[index] == BarcodeDataEscape.brace {
                guard index + 1 < data.count else { return nil }
                switch data[index + 1] {
                case BarcodeDataEscape.fnc1: break
                case BarcodeDataEscape.asterisk, BarcodeDataEscape.brace: bytes.append(data[index + 1])
                default: return nil
                }
                index += 2
                continue
            }
            bytes.append(data[index])
            index += 1
        }
        guard bytes.first == UInt8(ascii: "("), bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The bracketed element string of GS1 data as Code 128 carries it: AIs and values run together, an
    /// FNC1 after each variable-length value. Each AI's length follows from its first two digits, and
    /// predefined-length AIs take a value of their fixed length (``GS1ApplicationIdentifier``);
    /// `nil` when the data does not split into elements.
    package static func gs1Bracketed(fnc1Separated items: ArraySlice<Code128Encoder.Item>) -> String? {
        var segments: [[UInt8]] = [[]]
        for item in items {
            switch item {
            case .fnc1: segments.append([])
            case .character(let byte): segments[segments.count - 1].append(byte)
            }
        }
        var text = ""
        for segment in segments {
            var rest = segment[...]
            guard !rest.isEmpty else { return nil }
            while !rest.isEmpty {
                guard rest.count >= 2, GS1CheckDigit.isAllDigits(rest.prefix(2)) else { return nil }
                let prefix = String(decoding: rest.prefix(2), as: UTF8.self)
                let aiLength = GS1ApplicationIdentifier.identifierLength(prefix: prefix)
                guard rest.count > aiLength else { return nil }
                let identifier = String(decoding: rest.prefix(aiLength), as: UTF8.self)
                rest = rest.dropFirst(aiLength)
                let valueLength = GS1ApplicationIdentifier.predefinedLengths[prefix]?.valueLength ?? rest.count
                guard rest.count >= valueLength else { return nil }
                text += "(\(identifier))" + String(decoding: rest.prefix(valueLength), as: UTF8.self)
                rest = rest.dropFirst(valueLength)
            }
        }
        return text
    }

    /// Whether `data` is the 13 digits of a GTIN without its check digit, as `GS k` 75–77 take it.
    private static func isGTINWithoutCheckDigit(_ data: [UInt8]) -> Bool {
        data.count == 13 && GS1CheckDigit.isAllDigits(data)
    }
}
