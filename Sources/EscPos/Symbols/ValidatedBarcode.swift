/// A ``Barcode`` whose data passed every check of its symbology, with check digits completed.
///
/// Made by ``Barcode/validated(at:)``; the compiler and ``SymbolCommandEncoder`` use it to produce bytes,
/// and software renderers receive ``normalizedData``.
public struct ValidatedBarcode: Hashable, Sendable {
    /// The barcode as written, options included.
    public let barcode: Barcode
    /// The data a scanner reads back: EAN/UPC/ITF-14 digits with their check digit (UPC-E as its 8 digits),
    /// GS1 element strings in bracketed form with check digits, other symbologies as given.
    public let normalizedData: String
    /// The bytes after `GS k m n` for the symbology's own function number.
    let nativeData: [UInt8]
    /// The Code 128 encoding (Code 128 and GS1-128 only).
    let code128: Code128Encoder.Encoding?
    /// The bar pattern's size in narrow and wide elements, for the width check.
    let widths: BarWidths

    /// A bar pattern's extent: `narrow` module-width units plus `wide` wide elements.
    struct BarWidths: Hashable {
        var narrow: Int
        var wide: Int = 0

        /// The width in dots at `GS w` `moduleWidth`, using the wide-element widths of Epson's `GS w` table.
        func dots(moduleWidth: Int) -> Int {
            let wideDots = [0, 3, 5, 8, 10, 13, 15][min(max(moduleWidth, 0), 6)]
            return narrow * moduleWidth + wide * wideDots
        }
    }
}

extension ValidatedBarcode {
    /// Validates `barcode`; see ``Barcode/validated(at:)``.
    init(validating barcode: Barcode, at path: DocumentPath) throws(EscPosError) {
        self.barcode = barcode
        let dataPath = path.appending("data")
        let bytes = Array(barcode.data.utf8)
        let symbology = barcode.symbology
        func fail(_ message: String) -> EscPosError { EscPosError(.invalidBarcodeData, at: dataPath, message) }
        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        var code128: Code128Encoder.Encoding?
        let digits: [UInt8]
        switch symbology {
        case .ean13:
            digits = try GS1CheckDigit.completed(bytes, length: 13, name: "EAN-13", at: dataPath)
            self.widths = BarWidths(narrow: 95)
            self.nativeData = digits
            self.normalizedData = text(digits)
        case .ean8:
            digits = try GS1CheckDigit.completed(bytes, length: 8, name: "EAN-8", at: dataPath)
            self.widths = BarWidths(narrow: 67)
            self.nativeData = digits
            self.normalizedData = text(digits)
        case .upcA:
            digits = try GS1CheckDigit.completed(bytes, length: 12, name: "UPC-A", at: dataPath)
            self.widths = BarWidths(narrow: 95)
            self.nativeData = digits
            self.normalizedData = text(digits)
        case .upcE:
            let upcA = try Self.upcAForm(ofUPCE: bytes, at: dataPath)
            // Printers compress the 12-digit UPC-A form themselves; it is the form every generation accepts.
            self.nativeData = upcA
            let body = UPCE.compress(Array(upcA.prefix(11))) ?? []
            self.normalizedData = text([upcA[0]] + body + [upcA[11]])
            self.widths = BarWidths(narrow: 51)
        case .itf14:
            digits = try GS1CheckDigit.completed(bytes, length: 14, name: "ITF-14", at: dataPath)
            self.nativeData = digits
            self.normalizedData = text(digits)
            self.widths = BarWidths(narrow: 3 * 14 + 6, wide: 2 * 14 + 1)
        case .itf:
            guard GS1CheckDigit.isAllDigits(bytes), bytes.count >= 2, bytes.count % 2 == 0, bytes.count <= 254 else {
                throw fail(
                    "ITF (Interleaved 2 of 5) takes an even number of digits, 2 to 254; got \"\(barcode.data)\" "
                        + "(\(bytes.count) characters). Add a leading 0 to make the count even."
                )
            }
            self.nativeData = bytes
            self.normalizedData = barcode.data
            self.widths = BarWidths(narrow: 3 * bytes.count + 6, wide: 2 * bytes.count + 1)
        case .code39:
            let allowed = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ -.$/+%".utf8)
            if let bad = bytes.first(where: { !allowed.contains($0) }) {
                throw fail(
                    "Code 39 cannot encode \"\(Character(Unicode.Scalar(bad)))\"; it takes digits, upper-case letters, "
                        + "space and - . $ / + % (the * start/stop characters are added by the printer). "
                        + "Use Code 128 for lower case."
                )
            }
            guard (1...253).contains(bytes.count) else {
                throw fail("Code 39 takes 1 to 253 characters; got \(bytes.count).")
            }
            self.nativeData = bytes
            self.normalizedData = barcode.data
            let characters = bytes.count + 2
            self.widths = BarWidths(narrow: 7 * characters - 1, wide: 3 * characters)
        case .codabar:
            let startStop = Array("ABCDabcd".utf8)
            let inner = Array("0123456789-$:/.+".utf8)
            guard bytes.count >= 2, bytes.count <= 255, let first = bytes.first, let last = bytes.last,
                startStop.contains(first), startStop.contains(last)
            else {
                throw fail(
                    "Codabar data starts and ends with a start/stop character A, B, C or D (for example A40156B); "
                        + "got \"\(barcode.data)\"."
                )
            }
            if let bad = bytes.dropFirst().dropLast().first(where: { !inner.contains($0) }) {
                throw fail(
                    "Codabar cannot encode \"\(Character(Unicode.Scalar(bad)))\" between its start and stop "
                        + "characters; it takes digits and - $ : / . + only."
                )
            }
            self.nativeData = bytes
            self.normalizedData = barcode.data
            var narrow = bytes.count - 1
            var wide = 0
            for byte in bytes {
                let threeWide = !Array("0123456789-$".utf8).contains(byte)
                narrow += threeWide ? 4 : 5
                wide += threeWide ? 3 : 2
            }
            self.widths = BarWidths(narrow: narrow, wide: wide)
        case .code93:
            guard (1...255).contains(bytes.count), bytes.allSatisfy({ $0 < 128 }) else {
                throw fail(
                    "Code 93 takes 1 to 255 ASCII characters; \"\(barcode.data)\" has \(bytes.count) bytes"
                        + (bytes.allSatisfy { $0 < 128 } ? "." : " and characters outside ASCII.")
                )
            }
            self.nativeData = bytes
            self.normalizedData = barcode.data
            let single = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%".utf8)
            let symbols = bytes.reduce(0) { $0 + (single.contains($1) ? 1 : 2) }
            self.widths = BarWidths(narrow: 9 * (symbols + 4) + 1)
        case .code128:
            guard !bytes.isEmpty, bytes.allSatisfy({ $0 < 128 }) else {
                throw fail(
                    bytes.isEmpty
                        ? "Code 128 data is empty; give at least one character."
                        : "Code 128 encodes ASCII characters only (0–127); \"\(barcode.data)\" has others. "
                            + "Use a QR code for other text."
                )
            }
            let encoding = Code128Encoder.encode(bytes.map { .character($0) })
            code128 = encoding
            self.nativeData = encoding.bytes
            self.normalizedData = barcode.data
            self.widths = BarWidths(narrow: encoding.modules)
        case .gs1128:
            let elements = try GS1ElementString.parse(barcode.data, at: dataPath)
            let encoding = Code128Encoder.encode(GS1ElementString.code128Items(elements))
            code128 = encoding
            self.nativeData = GS1ElementString.escPosData(elements)
            self.normalizedData = GS1ElementString.bracketed(elements)
            self.widths = BarWidths(narrow: encoding.modules)
        case .gs1DataBarOmnidirectional, .gs1DataBarTruncated, .gs1DataBarLimited:
            var gtin = bytes
            if gtin.starts(with: Array("(01)".utf8)) { gtin.removeFirst(4) }
            let complete = try GS1CheckDigit.completed(gtin, length: 14, name: "GS1 DataBar GTIN", at: dataPath)
            if symbology == .gs1DataBarLimited, complete[0] > UInt8(ascii: "1") {
                throw fail(
                    "GS1 DataBar Limited encodes GTINs whose first (indicator) digit is 0 or 1; \"\(text(complete))\" "
                        + "starts with \(Character(Unicode.Scalar(complete[0]))). Use DataBar Omnidirectional."
                )
            }
            // Epson's GS k 75–77 take the 13 digits without AI 01 and without the check digit.
            self.nativeData = Array(complete.prefix(13))
            self.normalizedData = "(01)" + text(complete)
            self.widths = BarWidths(narrow: symbology == .gs1DataBarLimited ? 79 : 96)
        case .gs1DataBarExpanded:
            let elements = try GS1ElementString.parse(barcode.data, at: dataPath)
            self.nativeData = GS1ElementString.escPosData(elements)
            self.normalizedData = GS1ElementString.bracketed(elements)
            let dataCharacters = Self.estimatedDataBarExpandedCharacters(elements)
            guard dataCharacters <= 22 else {
                throw EscPosError(
                    .dataTooLong,
                    at: dataPath,
                    "GS1 DataBar Expanded holds at most 74 digits or 41 letters; these elements need about "
                        + "\(dataCharacters) symbol characters of 22. Use GS1-128 or a 2D code."
                )
            }
            let finders = (dataCharacters + 1) / 2
            self.widths = BarWidths(narrow: 2 + 17 * dataCharacters + 15 * finders + 2)
        default:
            throw EscPosError(
                .invalidBarcodeData,
                at: path.appending("symbology"),
                "\"\(symbology.rawValue)\" is not a barcode symbology this library knows; use one of "
                    + Barcode.Symbology.allKnown.map(\.rawValue).joined(separator: ", ") + "."
            )
        }
        self.code128 = code128
        guard nativeData.count <= 255 else {
            throw EscPosError(
                .dataTooLong,
                at: dataPath,
                "\(symbology.rawValue) data needs \(nativeData.count) bytes in the print command; at most 255 fit. "
                    + "Shorten the data or use a QR code."
            )
        }
        try Self.checkOptions(barcode, at: path)
    }

    private static func checkOptions(_ barcode: Barcode, at path: DocumentPath) throws(EscPosError) {
        guard (1...255).contains(barcode.height) else {
            throw EscPosError(
                .valueOutOfRange,
                at: path.appending("height"),
                "barcode height \(barcode.height) is out of range; use 1–255 dots."
            )
        }
        guard (2...6).contains(barcode.moduleWidth) else {
            throw EscPosError(
                .valueOutOfRange,
                at: path.appending("moduleWidth"),
                "barcode module width \(barcode.moduleWidth) is out of range; use 2–6 dots."
            )
        }
    }

    /// Accepts the UPC-E forms (6, 7 or 8 digits, number system 0) and the UPC-A forms (11 or 12 digits) of
    /// a zero-suppressible number; returns the 12-digit UPC-A number with its check digit.
    private static func upcAForm(ofUPCE bytes: [UInt8], at path: DocumentPath) throws(EscPosError) -> [UInt8] {
        guard GS1CheckDigit.isAllDigits(bytes), [6, 7, 8, 11, 12].contains(bytes.count) else {
            throw EscPosError(
                .invalidBarcodeData,
                at: path,
                "UPC-E takes 6 digits, 7 (number system 0 first), 8 (with the check digit last), or the 11/12-digit "
                    + "UPC-A number it compresses; got \"\(String(decoding: bytes, as: UTF8.self))\"."
            )
        }
        let zero = UInt8(ascii: "0")
        if bytes.count >= 11 {
            let upcA = try GS1CheckDigit.completed(bytes, length: 12, name: "UPC-A (for UPC-E)", at: path)
            guard upcA[0] == zero, UPCE.compress(Array(upcA.prefix(11))) != nil else {
                throw EscPosError(
                    .invalidBarcodeData,
                    at: path,
                    "UPC-A \(String(decoding: upcA, as: UTF8.self)) has no UPC-E form: zero suppression needs number "
                        + "system 0 and a manufacturer code ending in 000, 100, 200 (product ≤ 999), 00 (≤ 99) or "
                        + "0 (≤ 9), or a product code 00005–00009. Print it as UPC-A."
                )
            }
            return upcA
        }
        var body = bytes
        if bytes.count >= 7 {
            guard bytes[0] == zero else {
                throw EscPosError(
                    .invalidBarcodeData,
                    at: path,
                    "UPC-E number system must be 0 (ESC/POS printers encode number system 0 only); got "
                        + "\(Character(Unicode.Scalar(bytes[0])))."
                )
            }
            body = Array(bytes[1...6])
        }
        let expanded = UPCE.expand(body: body, numberSystem: zero)
        let upcA = expanded + [GS1CheckDigit.compute(expanded)]
        if bytes.count == 8, bytes[7] != upcA[11] {
            throw EscPosError(
                .invalidCheckDigit,
                at: path,
                "UPC-E \(String(decoding: bytes, as: UTF8.self)) ends in check digit "
                    + "\(Character(Unicode.Scalar(bytes[7]))) but its UPC-A expansion "
                    + "\(String(decoding: expanded, as: UTF8.self)) gives \(Character(Unicode.Scalar(upcA[11])))."
            )
        }
        return upcA
    }

    /// An estimate of the GS1 DataBar Expanded symbol characters (12 bits each, plus the check character),
    /// following ISO/IEC 24724's encodation: a leading AI 01 is compressed to 44 bits, then digit pairs take
    /// 7 bits, letters 5–6 bits after a 5-bit latch, and other characters 7–8 bits. Errs on the large side.
    static func estimatedDataBarExpandedCharacters(_ elements: [GS1ElementString.Element]) -> Int {
        // Linkage flag, encodation method and variable-length field, plus 12 bits of margin: the encoder's
        // mode choices (FNC1 and latches inside alphanumeric runs) can cost up to one more character.
        var bits = 2 + 2 + 12
        var remaining = elements
        if let first = remaining.first, first.applicationIdentifier == "01" {
            bits += 1 + 4 + 40
            remaining.removeFirst()
        } else {
            bits += 1
        }
        var numeric = true
        var pendingDigit = false
        for (index, element) in remaining.enumerated() {
            var characters = Array((element.applicationIdentifier + element.value).utf8)
            if !element.isFixedLength, index < remaining.count - 1 { characters.append(0x1D) }
            for byte in characters {
                let isDigit = byte >= 48 && byte <= 57
                if isDigit || byte == 0x1D {
                    if !numeric {
                        bits += 3  // latch back to numeric
                        numeric = true
                    }
                    bits += pendingDigit ? 3 : 4  // 7 bits per digit pair
                    pendingDigit.toggle()
                } else {
                    if numeric {
                        bits += 5  // latch to alphanumeric
                        numeric = false
                        pendingDigit = false
                    }
                    bits += (byte >= 65 && byte <= 90) ? 5 : 8
                }
            }
        }
        return max(3, (bits + 11) / 12 + 1)
    }
}

extension Barcode {
    /// Checks the data and options against the symbology's rules, completing check digits.
    ///
    /// The compiler calls this for every barcode; call it yourself to validate user input early.
    ///
    /// ```swift
    /// let checked = try Barcode("590123412345", symbology: .ean13).validated()
    /// checked.normalizedData  // "5901234123457"
    /// ```
    ///
    /// - Parameter path: Where the barcode is in its document, for error messages.
    /// - Returns: The validated barcode.
    /// - Throws: ``EscPosError`` with code `.invalidBarcodeData` (characters, lengths, unknown symbology),
    ///   `.invalidCheckDigit` (a given check digit is wrong), `.dataTooLong` or `.valueOutOfRange` (options).
    public func validated(at path: DocumentPath = .root) throws -> ValidatedBarcode {
        try ValidatedBarcode(validating: self, at: path)
    }
}
