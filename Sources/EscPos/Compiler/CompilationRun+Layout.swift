// Column rows and key/value lines: laid out here into full lines of scalars, then emitted like text.

extension CompilationRun {
    /// Works out each column's width in characters for a line of `total` characters.
    static func columnWidths(_ columns: Columns, total: Int) -> [Int]? {
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
        guard free >= 0, weights == 0 || free >= columns.columns.count else { return nil }
        var widths: [Int] = []
        widths.reserveCapacity(columns.columns.count)
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
        guard widths.allSatisfy({ $0 >= 1 }) else { return nil }
        return widths
    }

    mutating func columns(_ columns: Columns, style: ResolvedStyle, path: DocumentPath) throws(EscPosError) {
        let total = try lineWidth(style, at: path)
        guard let widths = Self.columnWidths(columns, total: total) else {
            let needed = columns.columns.reduce(columns.spacing * (columns.columns.count - 1)) { sum, column in
                if case .fixed(let width) = column.width { return sum + width }
                return sum + 1
            }
            throw EscPosError(
                .doesNotFit, at: path.appending("columns"),
                "these columns need at least \(needed) characters but a line holds \(total) at this font and size; narrow the fixed columns, reduce spacing or use a smaller size.")
        }
        // Wrap every column's text into its own width.
        var cells: [(text: [Unicode.Scalar], lines: [Range<Int>])] = []
        cells.reserveCapacity(columns.columns.count)
        var rows = 0
        for (index, column) in columns.columns.enumerated() {
            var text: [Unicode.Scalar] = []
            text.reserveCapacity(column.text.unicodeScalars.count)
            for scalar in column.text.unicodeScalars {
                text.append(scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : scalar)
            }
            var wrapped: [Range<Int>] = []
            LineBreaker.wrap(text, from: 0, to: text.count, width: widths[index], into: &wrapped)
            rows = max(rows, wrapped.count)
            cells.append((text, wrapped))
        }
        var rowOrder = Array(0..<rows)
        if style.upsideDown { rowOrder.reverse() }
        for row in rowOrder {
            line.removeAll(keepingCapacity: true)
            for (index, column) in columns.columns.enumerated() {
                if index > 0 { line.append(contentsOf: repeatElement(" ", count: columns.spacing)) }
                let cell = cells[index]
                let range = row < cell.lines.count ? cell.lines[row] : 0..<0
                let used = LineBreaker.columns(cell.text, range)
                let padding = max(0, widths[index] - used)
                let before: Int
                switch column.alignment {
                case .left: before = 0
                case .center: before = padding / 2
                case .right: before = padding
                }
                line.append(contentsOf: repeatElement(" ", count: before))
                line.append(contentsOf: cell.text[range])
                line.append(contentsOf: repeatElement(" ", count: padding - before))
            }
            while line.last == " " { line.removeLast() }
            let text = line
            try emitLines(of: text, ranges: [0..<text.count], style: style, path: path)
        }
    }

    mutating func keyValue(_ keyValue: KeyValue, style: ResolvedStyle, path: DocumentPath) throws(EscPosError) {
        let width = try lineWidth(style, at: path)
        let value = Array(keyValue.value.unicodeScalars)
        let valueWidth = LineBreaker.columns(value, 0..<value.count)
        let leader = keyValue.leader.unicodeScalars.first ?? " "
        // A leader line reads "Key .... value": one space each side of the dots, unless the leader is a space.
        let gap = leader == " " ? 1 : 3
        var key: [Unicode.Scalar] = []
        for scalar in keyValue.key.unicodeScalars {
            key.append(scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : scalar)
        }
        var keyLines: [Range<Int>] = []
        let keyWidth = width - valueWidth - gap
        var output: [[Unicode.Scalar]] = []
        if keyWidth >= 1 {
            LineBreaker.wrap(key, from: 0, to: key.count, width: keyWidth, into: &keyLines)
            for range in keyLines.dropLast() { output.append(Array(key[range])) }
            let last = keyLines.last ?? 0..<0
            var final = Array(key[last])
            let fill = width - LineBreaker.columns(key, last) - valueWidth
            if leader == " " || final.isEmpty {
                final.append(contentsOf: repeatElement(" ", count: fill))
            } else {
                final.append(" ")
                final.append(contentsOf: repeatElement(leader, count: fill - 2))
                final.append(" ")
            }
            final.append(contentsOf: value)
            output.append(final)
        } else {
            // The value alone nearly fills the line: key lines first, then the value right-aligned.
            LineBreaker.wrap(key, from: 0, to: key.count, width: width, into: &keyLines)
            for range in keyLines { output.append(Array(key[range])) }
            var valueLines: [Range<Int>] = []
            LineBreaker.wrap(value, from: 0, to: value.count, width: width, into: &valueLines)
            for range in valueLines {
                let pad = width - LineBreaker.columns(value, range)
                output.append(Array(repeatElement(" ", count: max(0, pad))) + value[range])
            }
        }
        if style.upsideDown { output.reverse() }
        for text in output {
            try emitLines(of: text, ranges: [0..<text.count], style: style, path: path)
        }
    }
}
