extension KeyedDecodingContainer {
    /// Decodes an optional field, falling back to `fallback` when it is missing or null.
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key, default fallback: @autoclosure () -> T) throws -> T {
        try decodeIfPresent(type, forKey: key) ?? fallback()
    }
}

extension KeyedEncodingContainer {
    /// Encodes an array only when it is not empty, so encoded data stays as short as hand-written JSON.
    mutating func encodeUnlessEmpty<T: Encodable>(_ values: [T], forKey key: Key) throws {
        if !values.isEmpty { try encode(values, forKey: key) }
    }
}
