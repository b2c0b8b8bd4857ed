import EscPos

/// Identifies a drawn character: the same character in the same style is drawn once per render.
struct GlyphKey: Hashable {
    var scalar: UInt32
    var font: UInt8
    var wide: Bool
    var width: Int
    var height: Int
    var bold: Bool
    var rotated: Bool
}

extension PrinterModel {
    /// The character cell of the current font at normal size; full-width characters take two.
    func cellSize(wide: Bool) -> (width: Int, height: Int) {
        let fonts = profile.fonts
        let index = Int(style.font)
        let metrics = fonts.isEmpty ? nil : fonts[min(index, fonts.count - 1)]
        let width = metrics?.cellWidth ?? 12
        return (wide ? width * 2 : width, metrics?.cellHeight ?? 24)
    }

    mutating func printCharacter(_ scalar: Unicode.Scalar) {
        guard !pageFull else { return }
        let columns = CharacterWidth.columns(of: scalar)
        if columns == 0, let last = lineItems.last, !last.isImage {
            // A combining mark: drawn over the previous character.
            let key = GlyphKey(
                scalar: scalar.value,
                font: style.font,
                wide: last.columnWidth > cellSize(wide: false).width * style.width,
                width: style.width,
                height: style.height,
                bold: style.bold || style.doubleStrike,
                rotated: style.rotated
            )
            // Marks past a few per character add nothing visible; stacking them without end would grow the line.
            guard last.text.unicodeScalars.count < 8 else { return }
            var combined = last
            let mark = glyph(for: key)
            if mark.width == combined.bitmap.width, mark.height == combined.bitmap.height {
                combined.bitmap.paste(mark, x: 0, y: 0)
                combined.text.unicodeScalars.append(scalar)
                lineItems[lineItems.count - 1] = combined
            }
            return
        }
        let wide = columns == 2
        let key = GlyphKey(
            scalar: scalar.value,
            font: style.font,
            wide: wide,
            width: style.width,
            height: style.height,
            bold: style.bold || style.doubleStrike,
            rotated: style.rotated
        )
        let bitmap = glyph(for: key)
        appendToLine(
            LineItem(
                x: 0,
                bitmap: bitmap,
                underline: style.underline,
                reverse: style.reverse,
                text: String(scalar),
                columnWidth: wide ? bitmap.width / 2 : bitmap.width,
                isImage: false
            )
        )
    }

    /// The character's dots, scaled into its cell, from the cache or drawn now.
    mutating func glyph(for key: GlyphKey) -> MonochromeBitmap {
        if let cached = glyphCache[key] { return cached }
        let drawn = drawGlyph(key)
        if glyphCache.count < 4096 { glyphCache[key] = drawn }
        return drawn
    }

    /// Scales the Unifont bitmap into the cell (font A 12×24 from 8×16 is 1.5×), then applies rotation,
    /// bold (one extra dot to the right per width unit) and the size multipliers.
    func drawGlyph(_ key: GlyphKey) -> MonochromeBitmap {
        let fonts = profile.fonts
        let metrics = fonts.isEmpty ? nil : fonts[min(Int(key.font), fonts.count - 1)]
        let cellWidth = (metrics?.cellWidth ?? 12) * (key.wide ? 2 : 1)
        let cellHeight = metrics?.cellHeight ?? 24
        let scalar = Unicode.Scalar(key.scalar) ?? "?"
        var cell = [Bool](repeating: false, count: cellWidth * cellHeight)
        if scalar == " " {
            // blank
        } else if let glyph = font?.glyph(for: scalar) ?? font?.glyph(for: "\u{FFFD}") {
            for row in 0..<cellHeight {
                let sourceRow = glyph.rows[row * 16 / cellHeight]
                for column in 0..<cellWidth {
                    let sourceColumn = column * glyph.width / cellWidth
                    cell[row * cellWidth + column] = sourceRow & (0x8000 >> UInt16(sourceColumn)) != 0
                }
            }
        } else {
            // No font: an outlined box, so the layout still shows.
            for row in 2..<(cellHeight - 2) {
                for column in 1..<(cellWidth - 2)
                where row == 2 || row == cellHeight - 3 || column == 1 || column == cellWidth - 3 {
                    cell[row * cellWidth + column] = true
                }
            }
        }
        if key.rotated {
            // 90° clockwise, then fitted back into the cell.
            var turned = [Bool](repeating: false, count: cellWidth * cellHeight)
            // The turned picture R is cellHeight wide and cellWidth high: R(u, v) = cell(x: v, y: cellHeight - 1 - u).
            for row in 0..<cellHeight {
                for column in 0..<cellWidth {
                    let u = column * cellHeight / cellWidth
                    let v = row * cellWidth / cellHeight
                    turned[row * cellWidth + column] = cell[(cellHeight - 1 - u) * cellWidth + v]
                }
            }
            cell = turned
        }
        var bitmap = MonochromeBitmap(width: cellWidth * key.width, height: cellHeight * key.height)
        for row in 0..<bitmap.height {
            let sourceRow = row / key.height
            for column in 0..<bitmap.width {
                let sourceColumn = column / key.width
                var ink = cell[sourceRow * cellWidth + sourceColumn]
                if !ink, key.bold, sourceColumn > 0 { ink = cell[sourceRow * cellWidth + sourceColumn - 1] }
                if ink { bitmap[column, row] = true }
            }
        }
        return bitmap
    }
}
