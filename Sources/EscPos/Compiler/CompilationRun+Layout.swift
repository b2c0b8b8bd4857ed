// Column rows and key/value lines: laid out here into full lines of scalars, then emitted like text.

extension CompilationRun {
    /// Works out each column's width in characters for a line of `total` characters.
    static func columnWidths(_ columns: Columns, total: Int, into widths: inout [Int]) -> Bool {
        let spacing = columns.spacing * (columns.columns.count - 1)
        var fixed = 0
        var weights = 0
        for column in columns.columns {
            switch column.width {
            case .fixed(let width): fixed += width
            case .flexible(let weight): weights += weight
            }
        }
        let free = total - fixed - spacing
        guard free >= 0, weights == 0 || free >= columns.columns.count else { return false }
        widths.clear()
        var remaining = free
        var lastFlexible = -1
        for (index, column) in columns.columns.enumerated() {
            switch column.width {
            case .fixed(let width):
                widths.append(width)
            case .flexible(let weight):
                let share = free * weight / weights
                widths.append(share)
                remaining -= share
                lastFlexible = index
            }
        }
        // Rounding leftovers go to the last flexible column, so the row fills the line exactly.
        if lastFlexible >= 0 { widths[lastFlexible] += remaining }
        return widths.allSatisfy { $0 >= 1 }
    }

    mutating func columns(
        _ columns: Columns,
        style: ResolvedStyle,
        path: @autoclosure () -> DocumentPath
    ) throws(EscPosError) {
        let total = try lineWidth(style, at: path())
        guard Self.columnWidths(columns, total: total, into: &columnWidthScratch) else {
            let needed = columns.columns.reduce(columns.spacing * (columns.columns.count - 1)) { sum, column in
                if case .fixed(let width) = column.width { return sum + width }
                return sum + 1
            }
            throw EscPosError(
                .doesNotFit,
                at: path().appending("columns"),
                "these columns need at least \(needed) characters but a line holds \(total) at this font and size; narrow the fixed columns, reduce spacing or use a smaller size."
            )
        }
        let widths = columnWidthScratch
        if try asciiColumnsRow(columns, widths: widths, style: style) { return }
        // Wrap every column's text into its own width. All columns share one scalar buffer and one list of
        // line ranges (reused between blocks), so a row costs no allocation.
        scalars.clear()
        lines.clear()
        cellLineStarts.clear()
        var rows = 0
        for (index, column) in columns.columns.enumerated() {
            let start = scalars.count
            ScalarBuffer.append(column.text, to: &scalars, flattenWhitespace: true)
            cellLineStarts.append(lines.count)
            LineBreaker.wrap(scalars, from: start, to: scalars.count, width: widths[index], into: &lines)
            rows = max(rows, lines.count - cellLineStarts[index])
        }
        cellLineStarts.append(lines.count)
        blockText.clear()
        blockLines.clear()
        for row in 0..<rows {
            let lineStart = blockText.count
            for (index, column) in columns.columns.enumerated() {
                if index > 0 { blockText.append(contentsOf: spaces(columns.spacing)) }
                let lineIndex = cellLineStarts[index] + row
                let range = lineIndex < cellLineStarts[index + 1] ? lines[lineIndex] : 0..<0
                let padding = max(0, widths[index] - LineBreaker.columns(scalars, range))
                let before: Int
                switch column.alignment {
                case .left: before = 0
                case .center: before = padding / 2
                case .right: before = padding
                }
                blockText.append(contentsOf: spaces(before))
                blockText.append(contentsOf: scalars[range])
                blockText.append(contentsOf: spaces(padding - before))
            }
            while blockText.count > lineStart, blockText.last == " " { blockText.removeLast() }
            blockLines.append(lineStart..<blockText.count)
        }
        try emitBlockLines(style: style, path: path())
    }

    mutating func keyValue(
        _ keyValue: KeyValue,
        style: ResolvedStyle,
        path: @autoclosure () -> DocumentPath
    ) throws(EscPosError) {
        let width = try lineWidth(style, at: path())
        if asciiKeyValueLine(keyValue, width: width, style: style) { return }
        scalars.clear()
        ScalarBuffer.append(keyValue.key, to: &scalars, flattenWhitespace: true)
        let keyEnd = scalars.count
        ScalarBuffer.append(keyValue.value, to: &scalars, flattenWhitespace: true)
        let value = keyEnd..<scalars.count
        let valueWidth = LineBreaker.columns(scalars, value)
        let leader = keyValue.leader.unicodeScalars.first ?? " "
        // A leader line reads "Key .... value": one space each side of the dots, unless the leader is a space.
        let gap = leader == " " ? 1 : 3
        let keyWidth = width - valueWidth - gap
        lines.clear()
        blockText.clear()
        blockLines.clear()
        func appendLine(_ range: Range<Int>) {
            let start = blockText.count
            blockText.append(contentsOf: scalars[range])
            blockLines.append(start..<blockText.count)
        }
        if keyWidth >= 1 {
            LineBreaker.wrap(scalars, from: 0, to: keyEnd, width: keyWidth, into: &lines)
            for range in lines.dropLast() { appendLine(range) }
            let last = lines.last ?? 0..<0
            let start = blockText.count
            blockText.append(contentsOf: scalars[last])
            let fill = width - LineBreaker.columns(scalars, last) - valueWidth
            if leader == " " || last.isEmpty {
                blockText.append(contentsOf: repeatElement(" ", count: fill))
            } else {
                blockText.append(" ")
                blockText.append(contentsOf: repeatElement(leader, count: fill - 2))
                blockText.append(" ")
            }
            blockText.append(contentsOf: scalars[value])
            blockLines.append(start..<blockText.count)
        } else {
            // The value alone nearly fills the line: key lines first, then the value right-aligned.
            LineBreaker.wrap(scalars, from: 0, to: keyEnd, width: width, into: &lines)
            let keyLines = lines.count
            LineBreaker.wrap(scalars, from: keyEnd, to: scalars.count, width: width, into: &lines)
            for (index, range) in lines.enumerated() {
                let start = blockText.count
                if index >= keyLines {  // value lines are right-aligned
                    blockText.append(contentsOf: spaces(width - LineBreaker.columns(scalars, range)))
                }
                blockText.append(contentsOf: scalars[range])
                blockLines.append(start..<blockText.count)
            }
        }
        try emitBlockLines(style: style, path: path())
    }

    /// Fast path, same bytes as the general layout: a row whose cells are printable ASCII that fit their
    /// columns is one line, written straight from the strings' UTF-8.
    mutating func asciiColumnsRow(_ columns: Columns, widths: [Int], style: ResolvedStyle) throws(EscPosError) -> Bool {
        guard usesASCIIFastPath, encoder.printsASCIIUnchanged else { return false }
        for (index, column) in columns.columns.enumerated() {
            guard let count = ASCIIText.printableCount(column.text), count <= widths[index] else { return false }
        }
        emitStyle(style)
        let lineStart = output.count
        for (index, column) in columns.columns.enumerated() {
            if index > 0 { ASCIIText.appendSpaces(columns.spacing, to: &output) }
            let padding = widths[index] - column.text.utf8.count
            let before: Int
            switch column.alignment {
            case .left: before = 0
            case .center: before = padding / 2
            case .right: before = padding
            }
            ASCIIText.appendSpaces(before, to: &output)
            ASCIIText.append(column.text, to: &output)
            ASCIIText.appendSpaces(padding - before, to: &output)
        }
        while output.count > lineStart, output.last == 0x20 { output.removeLast() }
        output.append(ControlCode.lf)
        return true
    }

    /// Fast path, same bytes as the general layout: an ASCII key and value that fit on one line.
    mutating func asciiKeyValueLine(_ keyValue: KeyValue, width: Int, style: ResolvedStyle) -> Bool {
        guard usesASCIIFastPath, encoder.printsASCIIUnchanged, let leader = keyValue.leader.asciiValue,
            (0x20..<0x7F).contains(leader),
            let keyCount = ASCIIText.printableCount(keyValue.key),
            let valueCount = ASCIIText.printableCount(keyValue.value)
        else { return false }
        let gap = leader == 0x20 ? 1 : 3
        guard keyCount <= width - valueCount - gap, width - valueCount - gap >= 1 else { return false }
        emitStyle(style)
        ASCIIText.append(keyValue.key, to: &output)
        let fill = width - keyCount - valueCount
        if leader == 0x20 || keyCount == 0 {
            ASCIIText.appendSpaces(fill, to: &output)
        } else {
            output.append(0x20)
            output.append(contentsOf: repeatElement(leader, count: fill - 2))
            output.append(0x20)
        }
        ASCIIText.append(keyValue.value, to: &output)
        output.append(ControlCode.lf)
        return true
    }

    /// `count` spaces as a slice of a shared run: appending it is a copy, not a loop.
    @inline(__always) func spaces(_ count: Int) -> ArraySlice<Unicode.Scalar> {
        count <= Self.spaceRun.count ? Self.spaceRun[0..<max(0, count)] : ArraySlice(repeatElement(" ", count: count))
    }

    static let spaceRun = [Unicode.Scalar](repeating: " ", count: 256)

    /// Emits the lines laid out in ``blockText``/``blockLines``, last first when printing upside-down.
    mutating func emitBlockLines(style: ResolvedStyle, path: @autoclosure () -> DocumentPath) throws(EscPosError) {
        if style.upsideDown { blockLines.reverse() }
        let text = blockText
        let ranges = blockLines
        try emitLines(of: text, ranges: ranges, style: style, path: path())
    }
}
