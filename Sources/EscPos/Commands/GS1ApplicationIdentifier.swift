/// The GS1 application-identifier tables: which AIs have a predefined length, how long an AI is, and the
/// limits of the common variable-length ones (GS1 General Specifications, 3.2 and 7.8.5).
///
/// One copy for the compiler, which checks bracketed element strings, and the decoder, which splits the
/// FNC1-separated data of a printed GS1-128 barcode back into elements.
package enum GS1ApplicationIdentifier {
    /// The AIs whose first two digits fix their length, so no FNC1 follows them: the AI's digits and its
    /// value's length (the "predefined length" table).
    package static let predefinedLengths: [String: (identifierLength: Int, valueLength: Int)] = [
        "00": (2, 18), "01": (2, 14), "02": (2, 14), "03": (2, 14), "04": (2, 16),
        "11": (2, 6), "12": (2, 6), "13": (2, 6), "14": (2, 6), "15": (2, 6), "16": (2, 6), "17": (2, 6),
        "18": (2, 6), "19": (2, 6), "20": (2, 2),
        "31": (4, 6), "32": (4, 6), "33": (4, 6), "34": (4, 6), "35": (4, 6), "36": (4, 6),
        "41": (3, 13),
    ]

    /// The AIs whose value ends in a GS1 check digit.
    package static let checkDigitPrefixes: Set<String> = ["00", "01", "02"]

    /// Maximum value lengths of common variable-length AIs; others may hold up to ``defaultMaximumLength``.
    package static let variableMaximums: [String: Int] = [
        "10": 20, "21": 20, "22": 20, "30": 8, "37": 8, "240": 30, "241": 30, "250": 30, "251": 30,
        "400": 30, "401": 30, "403": 30, "420": 20, "8003": 30, "8004": 30, "8020": 25, "90": 30,
    ]

    /// The longest value any AI takes.
    package static let defaultMaximumLength = 90

    /// The variable-length AIs above whose values are digits only.
    package static let numericVariable: Set<String> = ["30", "37"]

    /// The number of digits of an AI starting with the two digits `prefix`: 2 for 00–22, 30, 37 and 90–99;
    /// 3 for 23–29, 40–42 and 71; 4 otherwise (31–36, 39, 43–49, 70, 72–89).
    package static func identifierLength(prefix: String) -> Int {
        if let predefined = predefinedLengths[prefix] { return predefined.identifierLength }
        guard let number = Int(prefix) else { return 2 }
        switch number {
        case 0...22, 30, 37, 90...99: return 2
        case 23...29, 40...42, 71: return 3
        default: return 4
        }
    }
}
