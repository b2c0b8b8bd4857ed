/// The content of a 2D code: text (stored as UTF-8 bytes) or bytes given as they are.
///
/// 2D codes store bytes, and printers count their lengths in bytes, never in characters. Text becomes
/// UTF-8, which every current phone scanner reads; pass ``bytes(_:)`` for another encoding or binary data.
///
/// In JSON a 2D code carries either `"data": "text"` or `"bytes": [104, 105]`.
public enum SymbolData: Hashable, Sendable {
    /// Text, encoded as UTF-8.
    case text(String)
    /// Bytes, stored unchanged.
    case bytes([UInt8])

    /// The bytes the printer stores.
    public var bytes: [UInt8] {
        switch self {
        case .text(let text): Array(text.utf8)
        case .bytes(let bytes): bytes
        }
    }

    enum CodingKeys: String, CodingKey {
        case data, bytes
    }

    /// Reads `"data"` or `"bytes"` from a 2D-code object; giving both is an error, since only one could be
    /// printed and a sender would not know which.
    init(from container: KeyedDecodingContainer<CodingKeys>) throws {
        if container.contains(.bytes), container.contains(.data) {
            throw EscPosError(
                .invalidDocument,
                at: DocumentPath(codingPath: container.codingPath),
                "give either \"data\" (text) or \"bytes\" (a byte array), not both."
            )
        }
        if let bytes = try container.decodeIfPresent([UInt8].self, forKey: .bytes) {
            self = .bytes(bytes)
        } else {
            self = .text(try container.decode(String.self, forKey: .data))
        }
    }

    /// Writes `"data"` or `"bytes"` into a 2D-code object.
    func encode(to container: inout KeyedEncodingContainer<CodingKeys>) throws {
        switch self {
        case .text(let text): try container.encode(text, forKey: .data)
        case .bytes(let bytes): try container.encode(bytes, forKey: .bytes)
        }
    }
}
