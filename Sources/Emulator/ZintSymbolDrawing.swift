public import EscPos
import EscPosSymbolRendering

/// Draws the virtual printer's barcodes and 2D codes with libzint (through `ZintSymbolRenderer`), so the
/// page shows scannable symbols built from the data the commands carry.
///
/// This is the ``ReceiptRenderer``'s default. It draws the `GS k` symbologies UPC-A, UPC-E, EAN-13, EAN-8,
/// Code 39, ITF, Codabar, Code 93, Code 128 (code sets `{A`, `{B`, `{C` and shifts `{S` as ESC/POS sends
/// them), GS1-128 (`GS k` 74, or 73 with a leading FNC1 `{1`) and GS1 DataBar Omnidirectional, Truncated,
/// Limited and Expanded (`GS k` 75–78), and the `GS ( k` QR codes, PDF417, Data Matrix, Aztec codes and
/// MaxiCode (modes 4–6). Data libzint rejects, and MaxiCode modes 2 and 3 (structured carrier messages),
/// are left to the renderer's labelled placeholder. Bars are drawn by libzint's encoder, so the module
/// pattern may differ from a given printer's (another valid Code 128 code-set choice, for instance) while
/// the data read back is the same.
public struct ZintSymbolDrawing: SymbolDrawing {
    private let renderer = ZintSymbolRenderer()

    /// Creates a drawing.
    public init() {}

    /// Draws a `GS k` barcode, or returns `nil` for a symbology or data it does not handle.
    public func drawBarcode(system: UInt8, data: [UInt8], moduleWidth: Int, height: Int) -> MonochromeBitmap? {
        guard let barcode = Self.barcode(system: system, data: data) else { return nil }
        return try? renderer.render(.barcode(barcode), moduleSize: moduleWidth, height: height)
    }

    /// Draws a `GS ( k` 2D code, or returns `nil` for a symbology or data it does not handle.
    public func drawTwoDimensionalCode(cn: UInt8, data: [UInt8], moduleSize: Int, settings: [UInt8: [UInt8]]) -> MonochromeBitmap? {
        let symbol: Symbol
        switch cn {
        case 49:
            var code = QRCode(bytes: data)
            let levels: [QRCode.ErrorCorrection] = [.low, .medium, .quartile, .high]
            if let level = settings[69]?.first, (48...51).contains(level) { code.errorCorrection = levels[Int(level - 48)] }
            if let model = settings[65]?.first, model == 51 { code.model = .micro }
            symbol = .qrCode(code)
        case 48: symbol = .pdf417(PDF417(bytes: data))
        case 50:
            // Function 65 selects the mode as 48 + mode; printers default to mode 2.
            let mode = settings[65]?.first.map { Int($0) - 48 } ?? 2
            guard (2...6).contains(mode) else { return nil }
            var code = MaxiCode("", mode: mode)
            code.content = .bytes(data)
            symbol = .maxiCode(code)
        case 54: symbol = .dataMatrix(DataMatrix(bytes: data))
        case 53: symbol = .aztecCode(AztecCode(bytes: data))
        default: return nil
        }
        return try? renderer.render(symbol, moduleSize: moduleSize, height: 0)
    }

    /// The barcode a `GS k` command describes, with its data as a ``Barcode`` holds it (GS1 element strings
    /// in bracketed form, DataBar GTINs as digits), or `nil` for a symbology or data it cannot read.
    static func barcode(system: UInt8, data: [UInt8]) -> Barcode? {
        let symbologies: [UInt8: Barcode.Symbology] = [
            0: .upcA, 65: .upcA, 1: .upcE, 66: .upcE, 2: .ean13, 67: .ean13, 3: .ean8, 68: .ean8, 4: .code39, 69: .code39,
            5: .itf, 70: .itf, 6: .codabar, 71: .codabar, 72: .code93, 74: .gs1128, 75: .gs1DataBarOmnidirectional,
            76: .gs1DataBarTruncated, 77: .gs1DataBarLimited, 78: .gs1DataBarExpanded,
        ]
        switch system {
        case 73, 79:
            // Code 128; a leading FNC1 makes it GS1-128 (how the compiler sends GS1-128 to printers without 74).
            guard let items = code128Items(data) else { return nil }
            if items.first == .fnc1 {
                guard let text = gs1Bracketed(fnc1Separated: items.dropFirst()) else { return nil }
                return Barcode(text, symbology: .gs1128)
            }
            guard let text = code128Text(data) else { return nil }
            return Barcode(text, symbology: .code128)
        case 74, 78:
            guard let text = gs1Bracketed(escPosData: data) else { return nil }
            return Barcode(text, symbology: symbologies[system] ?? .gs1128)
        case 75, 76, 77:
            // The GTIN's first 13 digits; the printer computes the check digit.
            guard data.count == 13, data.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return Barcode(String(decoding: data, as: UTF8.self), symbology: symbologies[system] ?? .gs1DataBarOmnidirectional)
        default:
            guard let symbology = symbologies[system] else { return nil }
            return Barcode(String(decoding: data, as: UTF8.self), symbology: symbology)
        }
    }

    /// The human-readable text a printer prints with a `GS k` barcode: Code 128 without its code-set
    /// switches, GS1 data with its AIs in brackets (`(01)09501101530003(10)ABC`), DataBar as `(01)` and the
    /// 14-digit GTIN with its check digit; other data as sent.
    static func humanReadableText(system: UInt8, data: [UInt8]) -> String {
        switch system {
        case 73, 79, 74, 78:
            guard let barcode = barcode(system: system, data: data) else { return code128Text(data) ?? "" }
            return barcode.data
        case 75, 76, 77:
            guard data.count == 13, data.allSatisfy({ (0x30...0x39).contains($0) }) else {
                return String(decoding: data, as: UTF8.self)
            }
            let digits = data.map { Int($0 - 0x30) }
            // GS1 mod-10: weights 3, 1, 3, … from the rightmost data digit.
            let sum = digits.reversed().enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 3 : 1) }
            return "(01)" + String(decoding: data, as: UTF8.self) + String((10 - sum % 10) % 10)
        default:
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// One element of ESC/POS Code 128 data: a character or the FNC1 function character.
    enum Code128Item: Equatable {
        case character(UInt8)
        case fnc1
    }

    /// The characters and FNC1s of ESC/POS Code 128 data: `{A`/`{B`/`{C` select a code set, `{S` shifts one
    /// character, `{1` is FNC1, `{{` is a brace, and in code set C each byte is a pair of digits (0–99).
    /// `nil` for FNC2–FNC4 and bad bytes.
    static func code128Items(_ data: [UInt8]) -> [Code128Item]? {
        var items: [Code128Item] = []
        var codeSetC = false
        var index = 0
        while index < data.count {
            let byte = data[index]
            if byte == 0x7B, index + 1 < data.count {
                switch data[index + 1] {
                case 0x41, 0x42: codeSetC = false
                case 0x43: codeSetC = true
                case 0x53: break  // SHIFT: the next byte is a character of the other set A/B, still ASCII.
                case 0x31: items.append(.fnc1)
                case 0x7B: items.append(.character(0x7B))
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
    static func code128Text(_ data: [UInt8]) -> String? {
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
    static func gs1Bracketed(escPosData data: [UInt8]) -> String? {
        var bytes: [UInt8] = []
        var index = 0
        while index < data.count {
            if data[index] == 0x7B {
                guard index + 1 < data.count else { return nil }
                switch data[index + 1] {
                case 0x31: break
                case 0x2A, 0x7B: bytes.append(data[index + 1])
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
    /// predefined-length AIs take a value of their fixed length (GS1 General Specifications, 7.8.5);
    /// `nil` when the data does not split into elements.
    static func gs1Bracketed(fnc1Separated items: ArraySlice<Code128Item>) -> String? {
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
                guard rest.count >= 2, rest.prefix(2).allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
                let prefix = String(decoding: rest.prefix(2), as: UTF8.self)
                let aiLength = applicationIdentifierLength(prefix: prefix)
                guard rest.count > aiLength else { return nil }
                let identifier = String(decoding: rest.prefix(aiLength), as: UTF8.self)
                rest = rest.dropFirst(aiLength)
                let valueLength = predefinedValueLengths[prefix] ?? rest.count
                guard rest.count >= valueLength else { return nil }
                text += "(\(identifier))" + String(decoding: rest.prefix(valueLength), as: UTF8.self)
                rest = rest.dropFirst(valueLength)
            }
        }
        return text
    }

    /// Value lengths of the AIs whose first two digits fix their length (GS1's predefined-length table).
    private static let predefinedValueLengths: [String: Int] = [
        "00": 18, "01": 14, "02": 14, "03": 14, "04": 16, "11": 6, "12": 6, "13": 6, "14": 6, "15": 6, "16": 6,
        "17": 6, "18": 6, "19": 6, "20": 2, "31": 6, "32": 6, "33": 6, "34": 6, "35": 6, "36": 6, "41": 13,
    ]

    /// The number of digits of an AI starting with `prefix`: 2 for 00–22, 30, 37 and 90–99; 3 for 23–29,
    /// 40–42 and 71; 4 otherwise (31–36, 39, 43–49, 70, 72–89).
    private static func applicationIdentifierLength(prefix: String) -> Int {
        guard let number = Int(prefix) else { return 2 }
        switch number {
        case 0...22, 30, 37, 90...99: return 2
        case 23...29, 40...42, 71: return 3
        default: return 4
        }
    }
}
