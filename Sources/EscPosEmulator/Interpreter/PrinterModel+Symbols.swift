import EscPos

/// What a symbol was drawn from: the same symbol printed again is not drawn again.
struct SymbolKey: Hashable {
    var symbol: Symbol
    var moduleSize: Int
}

extension PrinterModel {
    /// The largest 2D-code module size drawn, in dots: Epson's printers accept 1–16 for QR, Aztec and
    /// Data Matrix and at most 8 for PDF417; larger values are drawn at this size.
    static let maximumModuleSize = 16
    /// The 2D-code module size when the stream sets none.
    static let defaultModuleSize = 3

    mutating func printBarcode(_ decoded: DecodedSymbol, offset: Int) {
        if !lineItems.isEmpty { printLine(feed: nil) }
        guard !pageFull else { return }
        // About 11 modules per character plus start, stop and quiet zones, as Code 128 needs.
        let modules = decoded.data.count * 11 + 35
        let width = min(currentArea.width, modules * barcodeModuleWidth)
        let drawn = decoded.symbol.flatMap {
            symbolDrawing?.draw($0, moduleSize: barcodeModuleWidth, height: barcodeHeight)
        }
        // HRI text is the data without Code 128's code-set switches, GS1 data with its AIs in brackets.
        placeSymbol(
            name: decoded.label,
            data: decoded.data,
            drawn: drawn,
            width: width,
            height: barcodeHeight,
            hri: hriPosition,
            hriText: decoded.humanReadableText,
            isTwoDimensional: false,
            offset: offset
        )
    }

    /// Prints the symbol of a `GS ( k` print function; `nil` when nothing was stored (the line still ends).
    mutating func printTwoDimensionalCode(_ decoded: DecodedSymbol?, offset: Int) {
        if !lineItems.isEmpty { printLine(feed: nil) }
        guard !pageFull, let decoded else { return }
        let symbology = decoded.twoDimensionalSymbology
        let data = decoded.data
        // MaxiCode has no module-size function: libzint's raster at half scale, about 150 × 133 dots.
        let module =
            symbology == .maxiCode
            ? 1 : decoded.moduleSize.map { min(max(1, $0), Self.maximumModuleSize) } ?? Self.defaultModuleSize
        let width: Int
        let height: Int
        if symbology == .pdf417 {
            width = min(currentArea.width, module * (data.count * 3 + 70))
            height = module * 3 * max(3, data.count / 8 + 3)
        } else {
            // A square sized like a QR code of the data's length (version grows ~14 bytes per step).
            let side = min(177, 21 + 4 * min(39, data.count / 14))
            width = min(currentArea.width, (side + 2) * module)
            height = width
        }
        var drawn: MonochromeBitmap?
        if let symbol = decoded.symbol {
            let key = SymbolKey(symbol: symbol, moduleSize: module)
            if let last = lastSymbolDrawing, last.key == key {
                drawn = last.bitmap
            } else {
                drawn = symbolDrawing?.draw(symbol, moduleSize: module, height: 0)
                lastSymbolDrawing = (key, drawn)
            }
        }
        placeSymbol(
            name: decoded.label,
            data: data,
            drawn: drawn,
            width: width,
            height: height,
            hri: 0,
            hriText: "",
            isTwoDimensional: symbology != nil,
            offset: offset
        )
    }

    /// Draws the symbol (or a labelled box where it goes) with its human-readable text when asked, aligned like text.
    mutating func placeSymbol(
        name: String,
        data: [UInt8],
        drawn: MonochromeBitmap?,
        width estimatedWidth: Int,
        height estimatedHeight: Int,
        hri: UInt8,
        hriText: String,
        isTwoDimensional: Bool,
        offset: Int
    ) {
        if !lineItems.isEmpty { printLine(feed: nil) }
        let area = currentArea
        let drawn = drawn.map {
            $0.width > area.width ? $0.cropped(x: 0, y: 0, width: area.width, height: $0.height) : $0
        }
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
        symbols.append(
            PrintedSymbol(
                symbology: name,
                data: data,
                x: x,
                y: top,
                width: width,
                height: height,
                isDrawn: drawn != nil
            )
        )
        addTextLine(isTwoDimensional ? "[\(name) \"\(shown)\"]" : "[barcode \(name) \"\(shown)\"]")
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
            let key = GlyphKey(
                scalar: scalar.value,
                font: 1,
                wide: false,
                width: 1,
                height: 1,
                bold: false,
                rotated: false
            )
            canvas.draw(glyph(for: key), x: x, y: top)
            x += cell.width
        }
    }
}
