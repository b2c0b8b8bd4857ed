/// Fast conversion of strings into the scalar buffers the layout works on.
enum ScalarBuffer {
    /// Appends the Unicode scalars of `text` to `buffer`, decoding UTF-8 directly: receipts are mostly
    /// ASCII, and this path costs a compare and an append per character. Line breaks and tabs become
    /// spaces when `flattenWhitespace` is set (columns and key/value lines are single-line by nature).
    @inline(__always)
    static func append(_ text: String, to buffer: inout [Unicode.Scalar], flattenWhitespace: Bool = false) {
        var text = text
        text.withUTF8 { utf8 in
            let count = utf8.count
            // Decode into a stack buffer, then append once: one uniqueness check per string, not per character.
            withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: max(count, 1)) { decoded in
                var written = 0
                var index = 0
                while index < count {
                    let lead = utf8[index]
                    var value: UInt32
                    if lead < 0x80 {
                        value = UInt32(lead)
                        index += 1
                    } else if lead < 0xE0, index + 1 < count {
                        value = UInt32(lead & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F)
                        index += 2
                    } else if lead < 0xF0, index + 2 < count {
                        value = UInt32(lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
                        index += 3
                    } else if index + 3 < count {
                        value = UInt32(lead & 0x07) << 18 | UInt32(utf8[index + 1] & 0x3F) << 12
                            | UInt32(utf8[index + 2] & 0x3F) << 6 | UInt32(utf8[index + 3] & 0x3F)
                        index += 4
                    } else {
                        value = 0xFFFD
                        index += 1
                    }
                    if flattenWhitespace, value == 0x0A || value == 0x0D || value == 0x09 { value = 0x20 }
                    decoded[written] = Unicode.Scalar(value) ?? "\u{FFFD}"
                    written += 1
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: decoded[..<written]))
            }
        }
    }
}

extension Array {
    /// Empties a scratch buffer but keeps its storage; skips the call for an already empty one.
    @inline(__always)
    mutating func clear() {
        if !isEmpty { removeAll(keepingCapacity: true) }
    }
}
