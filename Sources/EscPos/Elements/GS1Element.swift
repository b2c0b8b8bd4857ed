/// One GS1 element string: an application identifier (AI) and its value, such as `(01)09501101530003`.
///
/// GS1-128 and GS1 DataBar Expanded barcodes carry a sequence of these. The compiler checks each value's
/// length and characters against the AI, computes or verifies the check digit of GTINs and SSCCs, and
/// inserts the FNC1 separators that variable-length values need.
///
/// ```swift
/// Barcode(gs1: [.gtin("0950110153000"), .expiry(year: 27, month: 12, day: 31), .batch("LOT42")])
/// ```
public struct GS1Element: Hashable, Sendable, Codable {
    /// The application identifier, two to four digits, such as `"01"`.
    public var applicationIdentifier: String
    /// The value, without brackets or separators.
    public var value: String

    /// Creates an element for any application identifier.
    public init(applicationIdentifier: String, value: String) {
        self.applicationIdentifier = applicationIdentifier
        self.value = value
    }

    /// AI 00: a Serial Shipping Container Code, 17 digits (the check digit is computed) or 18 (verified).
    public static func sscc(_ digits: String) -> GS1Element { GS1Element(applicationIdentifier: "00", value: digits) }
    /// AI 01: a Global Trade Item Number, 13 digits (the check digit is computed) or 14 (verified).
    public static func gtin(_ digits: String) -> GS1Element { GS1Element(applicationIdentifier: "01", value: digits) }
    /// AI 10: a batch or lot number, up to 20 characters.
    public static func batch(_ text: String) -> GS1Element { GS1Element(applicationIdentifier: "10", value: text) }
    /// AI 21: a serial number, up to 20 characters.
    public static func serial(_ text: String) -> GS1Element { GS1Element(applicationIdentifier: "21", value: text) }
    /// AI 17: an expiry date (YYMMDD; a day of 0 means the end of the month).
    public static func expiry(year: Int, month: Int, day: Int) -> GS1Element {
        GS1Element(applicationIdentifier: "17", value: twoDigits(year) + twoDigits(month) + twoDigits(day))
    }
    /// AI 15: a best-before date (YYMMDD).
    public static func bestBefore(year: Int, month: Int, day: Int) -> GS1Element {
        GS1Element(applicationIdentifier: "15", value: twoDigits(year) + twoDigits(month) + twoDigits(day))
    }
    /// AI 30: a variable count of items, up to 8 digits.
    public static func count(_ count: Int) -> GS1Element {
        GS1Element(applicationIdentifier: "30", value: String(count))
    }
    /// AI 310n: the net weight in kilograms with `decimals` digits after the point (6 digits).
    public static func netWeightKilograms(_ sixDigits: String, decimals: Int) -> GS1Element {
        GS1Element(applicationIdentifier: "310" + String(decimals), value: sixDigits)
    }

    private static func twoDigits(_ value: Int) -> String {
        value >= 0 && value < 10 ? "0" + String(value) : String(value)
    }

    /// The bracketed text form, `(01)09501101530003(10)ABC`, which ``Barcode/data`` holds.
    static func bracketedString(_ elements: [GS1Element]) -> String {
        elements.map { "(" + $0.applicationIdentifier + ")" + $0.value }.joined()
    }
}
