import Foundation

/// What a job prints: a receipt document (JSON text, compiled by the agent for its printer) or raw
/// ESC/POS bytes.
public struct JobContent: Codable, Sendable, Hashable {
    /// The kinds of content.
    public enum Kind: String, Codable, Sendable, Hashable {
        /// A receipt document in the library's JSON format.
        case document
        /// ESC/POS bytes, sent unchanged.
        case raw
    }

    /// Which kind.
    public var kind: Kind
    /// The document's JSON text, or the bytes in base64.
    public var body: String

    public init(kind: Kind, body: String) {
        self.kind = kind
        self.body = body
    }

    /// A document's JSON text.
    public static func document(_ json: String) -> JobContent { JobContent(kind: .document, body: json) }

    /// Raw bytes.
    public static func raw(_ bytes: [UInt8]) -> JobContent {
        JobContent(kind: .raw, body: Data(bytes).base64EncodedString())
    }

    /// The bytes the body stands for: the UTF-8 of a document, the decoded bytes of raw content (`nil` when
    /// the base64 is malformed).
    public var bytes: [UInt8]? {
        switch kind {
        case .document: Array(body.utf8)
        case .raw: Data(base64Encoded: body).map { Array($0) }
        }
    }
}
