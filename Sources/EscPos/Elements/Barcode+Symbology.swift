extension Barcode {
    /// A one-dimensional barcode symbology: an open set of names with a static for each one this library knows.
    ///
    /// Encoded in JSON as its name (`"ean13"`). Each static documents its `GS k` function number
    /// (function B; function A numbers are 0–6 for the first seven).
    public struct Symbology: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The symbology's name as it appears in JSON.
        public let rawValue: String

        /// Creates a symbology from its name. Unknown names are rejected when the receipt is compiled.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Decodes a symbology from its JSON name.
        public init(from decoder: any Decoder) throws {
            self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
        }

        /// Encodes the symbology as its JSON name.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }

        /// The name.
        public var description: String { rawValue }

        /// UPC-A: 11 digits plus a check digit (`GS k` 65, function A 0).
        public static let upcA = Symbology(rawValue: "upcA")
        /// UPC-E: the zero-suppressed 8-digit form of a UPC-A number (`GS k` 66, function A 1).
        /// Accepts 6, 7 or 8 digits (number system 0) or the 11/12-digit UPC-A number it compresses.
        public static let upcE = Symbology(rawValue: "upcE")
        /// EAN-13 (and JAN-13): 12 digits plus a check digit (`GS k` 67, function A 2).
        public static let ean13 = Symbology(rawValue: "ean13")
        /// EAN-8: 7 digits plus a check digit (`GS k` 68, function A 3).
        public static let ean8 = Symbology(rawValue: "ean8")
        /// Code 39: digits, upper-case letters, space and `$ % + - . /` (`GS k` 69, function A 4).
        public static let code39 = Symbology(rawValue: "code39")
        /// Interleaved 2 of 5: an even number of digits (`GS k` 70, function A 5).
        public static let itf = Symbology(rawValue: "itf")
        /// ITF-14: a GTIN-14 as Interleaved 2 of 5, 13 digits plus a check digit (`GS k` 70).
        public static let itf14 = Symbology(rawValue: "itf14")
        /// Codabar (NW-7): digits and `- $ : / . +` between start/stop characters A–D (`GS k` 71, function A 6).
        public static let codabar = Symbology(rawValue: "codabar")
        /// Code 93: any ASCII character (`GS k` 72).
        public static let code93 = Symbology(rawValue: "code93")
        /// Code 128: any ASCII character; code sets are chosen for the shortest symbol (`GS k` 73).
        public static let code128 = Symbology(rawValue: "code128")
        /// GS1-128: GS1 element strings on Code 128 with FNC1 (`GS k` 74, or `GS k` 73 with a leading FNC1).
        public static let gs1128 = Symbology(rawValue: "gs1128")
        /// GS1 DataBar Omnidirectional: a GTIN (`GS k` 75).
        public static let gs1DataBarOmnidirectional = Symbology(rawValue: "gs1DataBarOmnidirectional")
        /// GS1 DataBar Truncated: a GTIN, in a lower symbol (`GS k` 76).
        public static let gs1DataBarTruncated = Symbology(rawValue: "gs1DataBarTruncated")
        /// GS1 DataBar Limited: a GTIN whose indicator digit is 0 or 1 (`GS k` 77).
        public static let gs1DataBarLimited = Symbology(rawValue: "gs1DataBarLimited")
        /// GS1 DataBar Expanded: GS1 element strings (`GS k` 78).
        public static let gs1DataBarExpanded = Symbology(rawValue: "gs1DataBarExpanded")

        /// Every symbology this version of the library can validate and print.
        public static let allKnown: [Symbology] = [
            .upcA, .upcE, .ean13, .ean8, .code39, .itf, .itf14, .codabar, .code93, .code128, .gs1128,
            .gs1DataBarOmnidirectional, .gs1DataBarTruncated, .gs1DataBarLimited, .gs1DataBarExpanded,
        ]
    }
}
