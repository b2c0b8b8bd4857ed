/// A coding key for any field name, so decoders can list and reject fields they don't know.
struct JSONKey: CodingKey, Hashable {
    let stringValue: String
    let intValue: Int?

    init(_ name: String) {
        self.stringValue = name
        self.intValue = nil
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension KeyedDecodingContainer where Key == JSONKey {
    /// Throws when the object has a field outside `allowed`, naming the nearest allowed one: a typo
    /// such as `"bol": true` would otherwise print a plain receipt without a word.
    func rejectUnknownKeys(allowed: Set<String>, in what: String) throws {
        for key in allKeys where !allowed.contains(key.stringValue) {
            let suggestion = NameSuggestion.nearest(to: key.stringValue, in: allowed.sorted())
            let hint = suggestion.map { " Did you mean \"\($0)\"?" } ?? ""
            throw EscPosError(
                .invalidDocument,
                at: DocumentPath(codingPath: codingPath + [key]),
                "\(what) has no field \"\(key.stringValue)\".\(hint) Allowed: \(allowed.sorted().joined(separator: ", "))."
            )
        }
    }

    func decode<T: Decodable>(_ key: String) throws -> T {
        try decode(T.self, forKey: JSONKey(key))
    }

    func decodeIfPresent<T: Decodable>(_ key: String) throws -> T? {
        try decodeIfPresent(T.self, forKey: JSONKey(key))
    }

    func path(_ key: String) -> DocumentPath {
        DocumentPath(codingPath: codingPath + [JSONKey(key)])
    }

    /// A field that must hold exactly one character, such as a rule's or a leader's.
    func decodeCharacter(_ key: String, default defaultValue: Character) throws -> Character {
        guard let text: String = try decodeIfPresent(key) else { return defaultValue }
        guard text.count == 1, let character = text.first else {
            throw EscPosError(.invalidDocument, at: path(key), "expected exactly one character, got \"\(text)\".")
        }
        return character
    }
}

extension KeyedEncodingContainer where Key == JSONKey {
    mutating func encode<T: Encodable>(_ value: T, _ key: String) throws {
        try encode(value, forKey: JSONKey(key))
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, _ key: String) throws {
        try encodeIfPresent(value, forKey: JSONKey(key))
    }
}

/// Finds the closest name to a misspelt one, for "did you mean" hints.
enum NameSuggestion {
    static func nearest(to name: String, in candidates: [String]) -> String? {
        let wanted = Array(name.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(wanted, Array(candidate.lowercased().unicodeScalars))
            if let current = best, current.1 <= distance { continue }
            best = (candidate, distance)
        }
        guard let (candidate, distance) = best else { return nil }
        // Only suggest when the two are plausibly the same word.
        return distance <= max(2, wanted.count / 3) ? candidate : nil
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
