/// Helpers for the compiler's fast path: text that is printable ASCII prints byte for byte on every
/// ASCII-compatible code page, one column per character, so it can skip the scalar buffers.
enum ASCIIText {
    /// The number of characters in `text` when every one is printable ASCII (0x20–0x7E), else `nil`.
    @inline(__always)
    static func printableCount(_ text: String) -> Int? {
        let contiguous: Int?? = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            for byte in bytes where byte &- 0x20 >= 0x5F { return nil }
            return bytes.count
        }
        if let contiguous { return contiguous }
        var count = 0
        for byte in text.utf8 {
            guard byte &- 0x20 < 0x5F else { return nil }
            count += 1
        }
        return count
    }

    /// Appends the UTF-8 bytes of `text`, copied in one piece where the string's storage allows.
    @inline(__always)
    static func append(_ text: String, to output: inout [UInt8]) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { output.append(contentsOf: $0) }
        if copied == nil { output.append(contentsOf: text.utf8) }
    }

    /// Appends `count` spaces (nothing for zero or less), copied from a shared run rather than appended
    /// one by one.
    @inline(__always)
    static func appendSpaces(_ count: Int, to output: inout [UInt8]) {
        var remaining = count
        while remaining > 0 {
            let step = min(remaining, spaces.count)
            output.append(contentsOf: spaces[0..<step])
            remaining -= step
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 128)
}
