/// Word wrap by display columns.
enum LineBreaker {
    /// Appends to `lines` the ranges of `text[start..<end]` that fit in `width` columns each, breaking
    /// at spaces where possible and inside a word only when the word alone is wider than a line.
    /// Spaces at a break are dropped; an empty input gives one empty line.
    static func wrap(_ text: [Unicode.Scalar], from start: Int, to end: Int, width: Int, into lines: inout [Range<Int>])
    {
        text.withUnsafeBufferPointer { text in
            wrap(text, from: start, to: end, width: width, into: &lines)
        }
    }

    private static func wrap(
        _ text: UnsafeBufferPointer<Unicode.Scalar>,
        from start: Int,
        to end: Int,
        width: Int,
        into lines: inout [Range<Int>]
    ) {
        var lineStart = start
        if lineStart >= end {
            lines.append(start..<start)
            return
        }
        var column = 0
        var lastSpace = -1
        var index = lineStart
        while index < end {
            let scalar = text[index]
            let scalarWidth = CharacterWidth.columns(of: scalar)
            if scalar == " " { lastSpace = index }
            if column + scalarWidth > width {
                let breakAt: Int
                if scalar == " " {
                    breakAt = index
                } else if lastSpace > lineStart {
                    breakAt = lastSpace
                } else {
                    // A word wider than the line: split it (but always put at least one character on a line).
                    breakAt = index > lineStart ? index : index + 1
                }
                lines.append(lineStart..<trimTrailingSpaces(text, lineStart, breakAt))
                index = breakAt
                while index < end, text[index] == " " { index += 1 }
                lineStart = index
                column = 0
                lastSpace = -1
                continue
            }
            column += scalarWidth
            index += 1
        }
        // The paragraph's own trailing spaces stay (they are visible in reverse print); only breaks trim.
        if lineStart < end {
            lines.append(lineStart..<end)
        }
    }

    private static func trimTrailingSpaces(_ text: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) -> Int
    {
        var end = end
        while end > start, text[end - 1] == " " { end -= 1 }
        return end
    }

    /// The display width of `text[range]`.
    static func columns(_ text: [Unicode.Scalar], _ range: Range<Int>) -> Int {
        text.withUnsafeBufferPointer { scalars in
            var total = 0
            for index in range { total += CharacterWidth.columns(of: scalars[index]) }
            return total
        }
    }
}
