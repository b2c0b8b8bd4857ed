/// An error found in a receipt, a profile or a JSON document before any byte was produced.
///
/// Every error says what was wrong, where (``path``, in the JSON form's spelling) and how to fix it,
/// so a print agent can send it back to the backend that made the document.
///
/// ```swift
/// do {
///     let job = try ReceiptCompiler(profile: .epsonTMT88VI).compile(receipt)
/// } catch let error as EscPosError {
///     print(error)  // blocks[3].style.size.width: character width 9 is out of range; use 1–8.
/// }
/// ```
public struct EscPosError: Error, Hashable, Sendable, CustomStringConvertible, Codable {
    /// What kind of problem this is. An open set of stable, machine-readable names.
    public var code: Code
    /// Where the problem is in the document; ``DocumentPath/root`` when it concerns the whole document.
    public var path: DocumentPath
    /// A sentence that says what was wrong, what is allowed and how to fix it.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, at path: DocumentPath = .root, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// The path and the message, for logs and command-line output.
    public var description: String {
        path.components.isEmpty ? message : "\(path): \(message)"
    }

    /// Creates an error from a `DecodingError` thrown while decoding a ``Receipt`` or ``PrinterProfile``
    /// from JSON, keeping the path of the bad field (`blocks[7].style.size.width`).
    public init(_ decodingError: DecodingError) {
        switch decodingError {
        case .typeMismatch(let type, let context):
            self.init(
                .invalidDocument,
                at: DocumentPath(codingPath: context.codingPath),
                "expected a value of type \(Self.jsonTypeName(type)): \(context.debugDescription)"
            )
        case .valueNotFound(let type, let context):
            self.init(
                .invalidDocument,
                at: DocumentPath(codingPath: context.codingPath),
                "a value of type \(Self.jsonTypeName(type)) is required here but is null or missing"
            )
        case .keyNotFound(let key, let context):
            self.init(
                .invalidDocument,
                at: DocumentPath(codingPath: context.codingPath + [key]),
                "the required field \"\(key.stringValue)\" is missing"
            )
        case .dataCorrupted(let context):
            self.init(.invalidDocument, at: DocumentPath(codingPath: context.codingPath), context.debugDescription)
        @unknown default:
            self.init(.invalidDocument, "\(decodingError)")
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "string"
        case is Bool.Type: return "boolean"
        case is Int.Type, is UInt8.Type, is Int16.Type, is UInt16.Type, is Int32.Type: return "integer"
        case is Double.Type, is Float.Type: return "number"
        default: return String(describing: type)
        }
    }
}

extension EscPosError {
    /// A stable, machine-readable error name, such as `"valueOutOfRange"`.
    ///
    /// New codes may be added in any release; switch over the ones you handle and keep a default.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The code's name as it appears in JSON.
        public let rawValue: String

        /// Creates a code from its name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The name.
        public var description: String { rawValue }

        /// A number or option outside the range the command allows (a character width of 9, say).
        public static let valueOutOfRange = Code(rawValue: "valueOutOfRange")
        /// Text contains a character that none of the profile's code pages has (strict mode only;
        /// otherwise it is printed as the replacement character and reported as a warning).
        public static let unencodableCharacter = Code(rawValue: "unencodableCharacter")
        /// The document asks for something the printer profile says the printer cannot do.
        public static let unsupportedByProfile = Code(rawValue: "unsupportedByProfile")
        /// A JSON document that does not follow the documented format.
        public static let invalidDocument = Code(rawValue: "invalidDocument")
        /// A JSON document written for a schema version this library does not read.
        public static let unsupportedSchemaVersion = Code(rawValue: "unsupportedSchemaVersion")
        /// A profile name that is not built in and was not loaded.
        public static let unknownProfile = Code(rawValue: "unknownProfile")
        /// A printer profile with contradictory or impossible values.
        public static let invalidProfile = Code(rawValue: "invalidProfile")
        /// Content that does not fit the printable width (a column layout, a barcode, an image).
        public static let doesNotFit = Code(rawValue: "doesNotFit")
        /// Barcode or 2D-code data with characters or a length the symbology does not allow.
        public static let invalidBarcodeData = Code(rawValue: "invalidBarcodeData")
        /// A check digit that was given and does not match the one computed from the data.
        public static let invalidCheckDigit = Code(rawValue: "invalidCheckDigit")
        /// More data than the symbol or the command can hold.
        public static let dataTooLong = Code(rawValue: "dataTooLong")
        /// An image that could not be decoded, or whose size is zero or beyond the limits.
        public static let invalidImage = Code(rawValue: "invalidImage")
        /// A block that needs a helper the compiler was not given (an image decoder, a symbol renderer).
        public static let missingRenderer = Code(rawValue: "missingRenderer")
        /// Image or symbol data that contains a real-time command (`DLE DC4`, `DLE ENQ`), which printers run
        /// wherever it appears, even inside another command's data, and which the profile cannot switch off
        /// (no `GS ( D`, or a command `GS ( D` does not cover). A warning; an error in strict mode.
        public static let realTimeCommandInData = Code(rawValue: "realTimeCommandInData")
    }
}
