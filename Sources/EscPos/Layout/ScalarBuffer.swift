/// Conversion of strings into the scalar buffers the layout works on.
enum ScalarBuffer {
    /// Appends the Unicode scalars of `text` to `buffer`, reserving room once. Line breaks and tabs
    /// become spaces when `flattenWhitespace` is set (columns and key/value lines are single-line).
    @inline(__always)
    static func append(_ text: String, to buffer: inout [Unicode.Scalar], flattenWhitespace: Bool = false) {
        buffer.reserveCapacity(buffer.count + text.utf8.count)
        for var scalar in text.unicodeScalars {
            if flattenWhitespace, scalar == "\n" || scalar == "\r" || scalar == "\t" { scalar = " " }
            buffer.append(scalar)
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
