/// Where in a ``Receipt`` something is, written the way the JSON form spells it: `blocks[7].style.size.width`.
///
/// Compile errors and warnings carry one, so a backend that sent JSON can point at the exact field.
public struct DocumentPath: Hashable, Sendable, CustomStringConvertible, Codable {
    /// One step of a path: a field name or an index into an array.
    public enum Component: Hashable, Sendable {
        /// A named field, such as `style`.
        case key(String)
        /// A position in an array, such as `7` in `blocks[7]`.
        case index(Int)
    }

    /// The steps from the document root.
    public var components: [Component]

    /// The path of the document itself.
    public static let root = DocumentPath(components: [])

    /// Creates a path from its steps.
    public init(components: [Component]) {
        self.components = components
    }

    /// Returns this path extended by a field name.
    public func appending(_ key: String) -> DocumentPath {
        DocumentPath(components: components + [.key(key)])
    }

    /// Returns this path extended by an array index.
    public func appending(index: Int) -> DocumentPath {
        DocumentPath(components: components + [.index(index)])
    }

    /// Creates the path a `DecodingError` names, from its coding path.
    public init(codingPath: [any CodingKey]) {
        self.components = codingPath.map { key in
            if let index = key.intValue { return .index(index) }
            return .key(key.stringValue)
        }
    }

    /// The path as text, for example `blocks[7].style.size.width`; the root is `$`.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let name):
                if !text.isEmpty { text += "." }
                text += name
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text.isEmpty ? "$" : text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        self = DocumentPath(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Parses the textual form produced by ``description``.
    public init(parsing text: String) {
        var components: [Component] = []
        if text == "$" {
            self.components = []
            return
        }
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                let name = rest[..<bracket]
                if !name.isEmpty { components.append(.key(String(name))) }
                rest = rest[bracket...]
                while rest.first == "[", let close = rest.firstIndex(of: "]") {
                    if let index = Int(rest[rest.index(after: rest.startIndex)..<close]) {
                        components.append(.index(index))
                    }
                    rest = rest[rest.index(after: close)...]
                }
            } else if !rest.isEmpty {
                components.append(.key(String(rest)))
            }
        }
        self.components = components
    }
}
