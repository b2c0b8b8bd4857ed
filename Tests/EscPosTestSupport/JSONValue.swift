public import EscPos
public import Foundation

/// Any JSON value, so tests can change one number of a document and write it back.
public enum JSONValue: Codable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public enum PathComponent: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The paths of every number in this value.
    public func numberPaths(at path: [PathComponent] = []) -> [[PathComponent]] {
        switch self {
        case .integer, .double: [path]
        case .array(let values): values.indices.flatMap { values[$0].numberPaths(at: path + [.index($0)]) }
        case .object(let members):
            members.keys.sorted().flatMap { (members[$0] ?? .null).numberPaths(at: path + [.key($0)]) }
        case .null, .bool, .string: []
        }
    }

    /// This value with the value at `path` replaced.
    public func replacing(_ path: [PathComponent], with replacement: JSONValue) -> JSONValue {
        guard let first = path.first else { return replacement }
        let rest = Array(path.dropFirst())
        switch (self, first) {
        case (.array(var values), .index(let index)):
            values[index] = values[index].replacing(rest, with: replacement)
            return .array(values)
        case (.object(var members), .key(let key)):
            members[key] = members[key]?.replacing(rest, with: replacement)
            return .object(members)
        default:
            return self
        }
    }
}

extension JSONValue {
    /// Numbers that break careless arithmetic: the integer limits, large powers of two, the edges of 8- and
    /// 16-bit fields, negatives and the largest doubles.
    public static let extremes: [JSONValue] = [
        .integer(.max), .integer(.min), .integer(1 << 62), .integer(1 << 31), .integer(65_536), .integer(256),
        .integer(-1), .integer(0), .double(1e308), .double(-1e308),
    ]
}

extension JSONValue {
    /// What ``sweepNumbers(of:isExpectedError:_:)`` counted: the variants tried and those refused with an error.
    public struct SweepResult: Sendable {
        public var cases = 0
        public var refused = 0
    }

    /// Calls `body` with the JSON of `document` with one number set to one of ``extremes``, for every number
    /// and every extreme. `body` either succeeds or throws; what it throws counts as refused when it is one of
    /// the errors a caller promises for bad input (by default an `EscPosError` or a `DecodingError`), and
    /// fails the sweep otherwise.
    public static func sweepNumbers(
        of document: Data,
        isExpectedError: (any Error) -> Bool = { $0 is EscPosError || $0 is DecodingError },
        _ body: (Data) throws -> Void
    ) throws -> SweepResult {
        let original = try JSONDecoder().decode(JSONValue.self, from: document)
        var result = SweepResult()
        for path in original.numberPaths() {
            for value in extremes {
                let data = try JSONEncoder().encode(original.replacing(path, with: value))
                do {
                    try body(data)
                } catch  where isExpectedError(error) {
                    result.refused += 1
                }
                result.cases += 1
            }
        }
        return result
    }
}
