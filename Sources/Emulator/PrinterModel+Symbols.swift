import EscPos

/// What a symbol was drawn from: the same symbol printed again is not drawn again.
struct SymbolKey: Hashable {
    var cn: UInt8
    var data: [UInt8]
    var moduleSize: Int
    var settings: [UInt8: [UInt8]]
}

extension PrinterModel {
    /// The largest 2D-code module size drawn, in dots: Epson's printers accept 1–16 for QR, Aztec and
    /// Data Matrix and at most 8 for PDF417; larger values are drawn at this size.
    static let maximumModuleSize = 16

    /// The symbology of a `GS k` system number.
    static func barcodeName(_ system: UInt8) -> String {
        let names: [UInt8: String] = [
            0: "UPC-A", 1: "UPC-E", 2: "EAN13", 3: "EAN8", 4: "CODE39", 5: "ITF", 6: "CODABAR", 65: "UPC-A",
            66: "UPC-E", 67: "EAN13", 68: "EAN8", 69: "CODE39", 70: "ITF", 71: "CODABAR", 72: "CODE93",
            73: "CODE128", 74: "GS1-128", 75: "DATABAR", 76: "DATABAR-TRUNCATED", 77: "DATABAR-LIMITED",
            78: "DATABAR-EXPANDED", 79: "CODE128",
        ]
        return names[system] ?? "BARCODE-\(system)"
    }

    /// The symbology of a `GS ( k` `cn`.
    static func twoDimensionalName(_ cn: UInt8) -> String {
        [48: "PDF417", 49: "QR", 50: "MAXICODE", 51: "DATABAR-2D", 52: "COMPOSITE", 53: "AZTEC", 54: "DATAMATRIX"][cn]
            ?? "2D-\(cn)"
    }

    mutating func printBarcode(system: UInt8, data: [UInt8], offset: Int) {
        if !lineItems.isEmpty { printLine(feed: nil) }
        guard !pageFull else { return }
        let name = Self.barcodeName(system)
        // About 11 modules per character plus start, stop and quiet zones, as Code 128 needs.
        let modules = data.count * 11 + 35
        let width = min(currentArea.width, modules * barcodeModuleWidth)
        // HRI text is the data without Code 128's code-set switches, GS1 data with its AIs in brackets.
        let text = ZintSymbolDrawing.humanReadableText(system: system, data: data)
        let drawn = symbolDrawing?.drawBarcode(system: system, data: data, moduleWidth: barcodeModuleWidth, height: barcodeHeight)
        placeSymbol(
            name: name, data: data, drawn: drawn, width: width, height: barcodeHeight, hri: hriPosition, hriText: text,
            offset: offset)
    }

    mutating func twoDimensionalCode(cn: UInt8, fn: UInt8, parameters: [UInt8], offset: Int) {
        switch fn {
        case 0x50:  // 80: store the data (after m = 0x30)
            symbolData[cn] = Array(parameters.dropFirst())
        case 0x51:  // 81: print the stored symbol
            if !lineItems.isEmpty { printLine(feed: nil) }
            guard !pageFull, let data = symbolData[cn] else { return }
            // MaxiCode has no module-size function: libzint's raster at half scale, about 150 × 133 dots.
            let module = cn == 50 ? 1 : symbolModuleSize[cn] ?? 3
            let width: Int
            let height: Int
            if cn == 48 {
                width = min(currentArea.width, module * (data.count * 3 + 70))
                height = module * 3 * max(3, data.count / 8 + 3)
            } else {
                // A square sized like a QR code of the data's length (version grows ~14 bytes per step).
                let side = min(177, 21 + 4 * min(39, data.count / 14))
                width = min(currentArea.width, (side + 2) * module)
                height = width
            }
            let key = SymbolKey(cn: cn, data: data, moduleSize: module, settings: symbolSettings[cn] ?? [:])
            let drawn: MonochromeBitmap?
            if let last = lastSymbolDrawing, last.key == key {
                drawn = last.bitmap
            } else {
                drawn = symbolDrawing?.drawTwoDimensionalCode(
                    cn: cn, data: data, moduleSize: module, settings: key.settings)
                lastSymbolDrawing = (key, drawn)
            }
            placeSymbol(
                name: Self.twoDimensionalName(cn), data: data, drawn: drawn, width: width, height: height, hri: 0,
                hriText: "", offset: offset)
        case 0x43 where !parameters.isEmpty:  // 67: module size
            symbolModuleSize[cn] = min(max(1, Int(parameters[0])), Self.maximumModuleSize)
            symbolSettings[cn, default: [:]][fn] = parameters
        default:
            // Model, error correction, columns, rows: kept for the symbol drawing.
            symbolSettings[cn, default: [:]][fn] = parameters
        }
    }

    /// Draws the symbol (or a labelled box where it goes) with its human-readable text when asked, aligned like text.
    mutating func placeSymbol(
        name: String, data: [UInt8], drawn: MonochromeBitmap?, width estimatedWidth: Int, height estimatedHeight: Int,
        hri: UInt8, hriText: String, offset: Int
    ) {
        if !lineItems.isEmpty { printLine(feed: nil) }
        let area = currentArea
        let drawn = drawn.map { $0.width > area.width ? $0.cropped(x: 0, y: 0, width: area.width, height: $0.height) : $0 }
        let width = drawn?.width ?? estimatedWidth
        let height = drawn?.height ?? estimatedHeight
        guard !pageFull, width > 0, height > 0 else { return }
        var shown = String(decoding: data.prefix(Self.maximumShownDataLength), as: UTF8.self)
        if data.count > Self.maximumShownDataLength { shown += "…" }
        if drawn == nil { note(offset, .symbolNotDrawn, "\(name) \"\(shown)\" drawn as a placeholder box") }
        let free = area.width - width
        let x = area.left + (alignment == 1 ? free / 2 : alignment == 2 ? free : 0)
        let hriHeight = hri == 0 ? 0 : cellSize(wide: false).height + 4
        var top = y
        if hri & 1 == 1 { top += hriHeight }
        let total = height + (hri & 1 == 1 ? hriHeight : 0) + (hri & 2 == 2 ? hriHeight : 0)
        defer { advance(by: total) }
        guard reserve(rows: y + total) else { return }
        if let drawn {
            canvas.draw(drawn, x: x, y: top)
        } else {
            canvas.fill(x: x, y: top, width: width, height: 2)
            canvas.fill(x: x, y: top + height - 2, width: width, height: 2)
            canvas.fill(x: x, y: top, width: 2, height: height)
            canvas.fill(x: x + width - 2, y: top, width: 2, height: height)
            drawLabel(name, centredIn: x..<(x + width), y: top + 4)
        }
        if hri & 1 == 1 { drawLabel(hriText, centredIn: x..<(x + width), y: y) }
        if hri & 2 == 2 { drawLabel(hriText, centredIn: x..<(x + width), y: top + height + 4) }
        bottom = max(bottom, y + total)
        symbols.append(PrintedSymbol(symbology: name, data: data, x: x, y: top, width: width, height: height, isDrawn: drawn != nil))
        addTextLine(name == "QR" || cn2D(name) ? "[\(name) \"\(shown)\"]" : "[barcode \(name) \"\(shown)\"]")
    }

    private func cn2D(_ name: String) -> Bool {
        ["PDF417", "MAXICODE", "DATABAR-2D", "COMPOSITE", "AZTEC", "DATAMATRIX"].contains(name)
    }

    /// Draws a short line of text in font B, centred in `columns`, cut to fit.
    mutating func drawLabel(_ text: String, centredIn columns: Range<Int>, y top: Int) {
        let saved = style
        style = CharacterStyle()
        style.font = 1
        defer { style = saved }
        let cell = cellSize(wide: false)
        let fitting = Array(text.unicodeScalars.prefix(max(0, columns.count / cell.width)))
        var x = columns.lowerBound + (columns.count - fitting.count * cell.width) / 2
        for scalar in fitting {
            let key = GlyphKey(scalar: scalar.value, font: 1, wide: false, width: 1, height: 1, bold: false, rotated: false)
            canvas.draw(glyph(for: key), x: x, y: top)
            x += cell.width
        }
    }
}
