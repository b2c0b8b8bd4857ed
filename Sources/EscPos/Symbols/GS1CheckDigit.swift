/// The GS1 modulo-10 check digit shared by EAN, UPC, ITF-14, GTIN and SSCC numbers.
enum GS1CheckDigit {
    /// The check digit for `digits` (ASCII `0`–`9`, without a check digit): weights 3 and 1 alternate from
    /// the rightmost digit, and the check digit brings the sum to a multiple of 10.
    static func compute<Digits: Collection<UInt8>>(_ digits: Digits) -> UInt8 {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            sum += Int(digit - UInt8(ascii: "0")) * (offset % 2 == 0 ? 3 : 1)
        }
        return UInt8(ascii: "0") + UInt8((10 - sum % 10) % 10)
    }

    /// Whether every byte is an ASCII digit.
    static func isAllDigits<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Returns `digits` with its check digit: computed when `digits` has `length - 1` digits, verified when it
    /// has `length`.
    ///
    /// - Throws: ``EscPosError`` `.invalidBarcodeData` for other lengths or non-digits,
    ///   `.invalidCheckDigit` when a given check digit is wrong.
    static func completed(
        _ digits: [UInt8],
        length: Int,
        name: String,
        at path: DocumentPath
    ) throws(EscPosError) -> [UInt8] {
        guard isAllDigits(digits) else {
            throw EscPosError(
                .invalidBarcodeData,
                at: path,
                "\(name) takes digits only (0–9); \"\(String(decoding: digits, as: UTF8.self))\" has other characters."
            )
        }
        if digits.count == length - 1 {
            return digits + [compute(digits)]
        }
        guard digits.count == length else {
            throw EscPosError(
                .invalidBarcodeData,
                at: path,
                "\(name) takes \(length - 1) digits (the check digit is then computed) or \(length) digits "
                    + "(the last one is the check digit); got \(digits.count)."
            )
        }
        let expected = compute(digits.dropLast())
        guard let given = digits.last, given == expected else {
            throw EscPosError(
                .invalidCheckDigit,
                at: path,
                "\(name) \"\(String(decoding: digits, as: UTF8.self))\" ends in check digit "
                    + "\(Character(Unicode.Scalar(digits.last ?? 0))) but the data gives "
                    + "\(Character(Unicode.Scalar(expected))); fix the number or leave the check digit out to "
                    + "have it computed."
            )
        }
        return digits
    }
}
