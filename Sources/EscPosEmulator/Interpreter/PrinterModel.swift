import EscPos

/// The state of the virtual printer while it runs a stream: character style, paragraph settings, the
/// line being assembled and the page. ``ReceiptRenderer`` creates one per render.
struct PrinterModel {
    /// Character attributes set by `ESC E`, `ESC -`, `GS !` and friends.
    struct CharacterStyle: Hashable {
        var font: UInt8 = 0
        var width = 1
        var height = 1
        var bold = false
        var doubleStrike = false
        var underline = 0
        var reverse = false
        var upsideDown = false
        var rotated = false
    }

    /// Something waiting in the line buffer: a character or an `ESC *` image.
    struct LineItem {
        var x: Int
        var bitmap: MonochromeBitmap
        var underline: Int
        var reverse: Bool
        /// The text it stands for in the text rendering ("" for image bands).
        var text: String
        /// The text rendering's column width for this item.
        var columnWidth: Int
        var isImage: Bool
    }

    /// Paragraph settings captured when a line starts, as a printer does.
    struct LineSettings {
        var alignment: UInt8
        var areaLeft: Int
        var areaWidth: Int
        var upsideDown: Bool
    }

    static let defaultLineSpacing = 30
    /// The most lines the text rendering keeps; at this many the page counts as full (a line can feed
    /// 0 dots, so the page height alone does not bound them).
    static let maximumTextLineCount = 20_000
    /// The most items one line buffer holds (`ESC $` can overprint in place forever); a full buffer prints.
    static let maximumLineItemCount = 1_024
    /// The most characters of a symbol's data shown in the text rendering and in notes.
    static let maximumShownDataLength = 256
    /// The gap the feed-and-cut forms of `GS V` leave between the last line and the cut.
    static let cutterFeed = 24

    let profile: PrinterProfile
    let font: UnifontFont?
    let maximumNoteCount: Int
    let symbolDrawing: (any SymbolDrawing)?
    var canvas: PageCanvas

    var style = CharacterStyle()
    var alignment: UInt8 = 0
    var leftMargin = 0
    var printAreaWidth: Int
    var lineSpacing = defaultLineSpacing
    var barcodeHeight = 162
    var barcodeModuleWidth = 3
    var hriPosition: UInt8 = 0
    var hriFont: UInt8 = 0
    /// The graphics stored by `GS ( L` function 112, with its scale factors.
    var storedGraphics: (bitmap: MonochromeBitmap, scaleX: Int, scaleY: Int)?

    /// The top of the next line on the page.
    var y = 0
    /// The lowest row drawn so far.
    var bottom = 0
    var lineItems: [LineItem] = []
    var lineCursor = 0
    var lineSettings: LineSettings?
    var pageFull = false

    var textLines: [String] = []
    /// The text line that describes the last image, rewritten as bands join it.
    var imageTextLine: Int?
    var cuts: [PaperCut] = []
    var images: [PrintedImage] = []
    var symbols: [PrintedSymbol] = []
    /// The rows of the last image while bands join it, appended in place (joining by copying would be
    /// quadratic in the image's height); written into `images` by `flushJoinedImage()`.
    var joinedImageRows: [UInt8] = []
    var joinedImageHeight = 0
    /// The last symbol drawn, so one printed again and again is drawn once.
    var lastSymbolDrawing: (key: SymbolKey, bitmap: MonochromeBitmap?)?
    var notes: [EmulatorNote] = []
    var omittedNotes = 0
    var reportedUnsupported: Set<String> = []
    var glyphCache: [GlyphKey: MonochromeBitmap] = [:]

    init(renderer: ReceiptRenderer) {
        profile = renderer.profile
        font = renderer.font
        maximumNoteCount = renderer.maximumNoteCount
        symbolDrawing = renderer.symbolDrawing
        canvas = PageCanvas(width: max(8, renderer.profile.dotWidth), maximumHeight: renderer.maximumPageHeight)
        printAreaWidth = canvas.width
        if font == nil {
            note(
                nil,
                .fontUnavailable,
                "GNU Unifont was not found (looked in \(UnifontFont.searchPaths.joined(separator: ", "))); text is drawn "
                    + "as boxes. Install Debian's `unifont` package or set ESCPOS_UNIFONT."
            )
        }
    }

    // MARK: Running commands

    mutating func execute(_ decoded: DecodedCommand) {
        switch decoded.command {
        case .text(let text):
            for scalar in text.unicodeScalars { printCharacter(scalar) }
        case .lineFeed, .formFeed:
            printLine(feed: nil)
        case .carriageReturn:
            break  // CR only returns the carriage; LF prints (auto line feed off, the Epson default)
        case .horizontalTab:
            horizontalTab()
        case .repeated(let command, let count):
            repeatCommand(command, count: count, offset: decoded.offset)
        case .initialize:
            initialize()
        case .bold(let on): style.bold = on
        case .underline(let thickness): style.underline = Int(min(thickness, 2))
        case .doubleStrike(let on): style.doubleStrike = on
        case .reverse(let on): style.reverse = on
        case .upsideDown(let on): style.upsideDown = on
        case .rotation(let mode): style.rotated = mode & 1 == 1 || mode == 0x31
        case .font(let number): style.font = number
        case .characterSize(let width, let height):
            style.width = min(max(width, 1), 8)
            style.height = min(max(height, 1), 8)
        case .printMode(let bits):
            style.font = bits & 0x01
            style.bold = bits & 0x08 != 0
            style.height = bits & 0x10 != 0 ? 2 : 1
            style.width = bits & 0x20 != 0 ? 2 : 1
            style.underline = bits & 0x80 != 0 ? 1 : 0
        case .alignment(let value): alignment = value <= 2 ? value : alignment
        case .defaultLineSpacing: lineSpacing = Self.defaultLineSpacing
        case .lineSpacing(let dots): lineSpacing = Int(dots)
        case .leftMargin(let dots): leftMargin = dots
        case .printAreaWidth(let dots): printAreaWidth = dots
        case .feedLines(let count):
            if count == 0 { printLine(feed: 0) } else { feedLines(Int(count)) }
        case .feedDots(let dots):
            printLine(feed: Int(dots))
        case .cut(let mode, let feed):
            cut(mode: mode, feed: feed)
        case .drawerPulse(let pin, let onTime, _):
            note(decoded.offset, .deviceAction, "cash-drawer pulse on pin \(pin == 0 ? 2 : 5), \(Int(onTime) * 2) ms")
        case .buzzer(let times, let duration):
            note(decoded.offset, .deviceAction, "buzzer \(times) × \(Int(duration) * 50) ms")
        case .realTimeCommand(let function, let m, let t) where function == 1:
            note(
                decoded.offset,
                .deviceAction,
                "real-time cash-drawer pulse on pin \(m == 0 ? 2 : 5), \(Int(t) * 100) ms"
            )
        case .selectCodePage, .cancelKanjiMode, .realTimeStatus, .realTimeRequest, .realTimeCommand,
            .automaticStatusBack, .transmitPrinterID, .transmitStatus:
            break  // the decoder follows code pages; status requests are answered by the server
        case .selectKanjiMode:
            unsupported(
                decoded.offset,
                "FS &",
                "Kanji mode: double-byte text is shown through the single-byte code page"
            )
        case .barcodeHeight(let dots): barcodeHeight = max(1, Int(dots))
        case .barcodeModuleWidth(let width): barcodeModuleWidth = min(max(Int(width), 1), 6)
        case .hriPosition(let position): hriPosition = position & 3
        case .hriFont(let font): hriFont = font
        case .barcode:
            if let symbol = decoded.symbol { printBarcode(symbol, offset: decoded.offset) }
        case .twoDimensionalCode(_, let fn, _):
            // The decoder keeps each symbology's data and settings and reads the print function's symbol.
            if fn == TwoDimensionalCodeCommand.print { printTwoDimensionalCode(decoded.symbol, offset: decoded.offset) }
        case .rasterImage(let mode, let widthBytes, let height, let data):
            printRasterImage(mode: mode, widthBytes: widthBytes, height: height, data: data)
        case .graphics(let m, let fn, let parameters):
            graphics(m: m, fn: fn, parameters: parameters, offset: decoded.offset)
        case .columnImage(let mode, let width, let data):
            columnImage(mode: mode, width: width, data: data)
        case .other(let name, let parameters):
            other(name: name, parameters: parameters, offset: decoded.offset)
        case .unknown(let byte):
            note(decoded.offset, .unknownCommand, "unknown byte 0x\(Hex.byte(byte)) skipped")
        case .unknownRun(let count):
            let first = decoded.bytes.first.map { " (from 0x\(Hex.byte($0)))" } ?? ""
            note(decoded.offset, .unknownCommand, "\(count) unknown bytes\(first) skipped")
        case .truncated(let name, let bytes):
            note(
                decoded.offset,
                .truncatedCommand,
                "\(name) cut off by the end of the stream (\(bytes.count) bytes) ignored"
            )
        }
    }

    mutating func initialize() {
        lineItems.removeAll()  // ESC @ clears the print buffer
        lineCursor = 0
        lineSettings = nil
        style = CharacterStyle()
        alignment = 0
        leftMargin = 0
        printAreaWidth = canvas.width
        lineSpacing = Self.defaultLineSpacing
        barcodeHeight = 162
        barcodeModuleWidth = 3
        hriPosition = 0
        hriFont = 0
    }

    mutating func other(name: String, parameters: [UInt8], offset: Int) {
        switch name {
        case ESCFunction.absolutePosition.mnemonic where parameters.count == 2:
            startLineIfNeeded()
            lineCursor = min(Int(parameters[0]) | Int(parameters[1]) << 8, lineSettings?.areaWidth ?? 0)
        case ESCFunction.relativePosition.mnemonic where parameters.count == 2:
            startLineIfNeeded()
            let step = Int(Int16(bitPattern: UInt16(parameters[0]) | UInt16(parameters[1]) << 8))
            lineCursor = min(max(0, lineCursor + step), lineSettings?.areaWidth ?? 0)
        case ESCFunction.partialCutOnePoint.mnemonic, ESCFunction.partialCutThreePoints.mnemonic:
            cut(mode: CutMode.partial, feed: nil)
        case "ESC SP", "ESC R", "ESC c 3", "ESC c 4", "ESC c 5", "ESC =", "GS P", "FS .", "ESC ( A":
            break  // spacing, international set, paper sensors, panel buttons, peripheral select, motion units
        default:
            unsupported(offset, name, "not emulated")
        }
    }

    // MARK: Lines

    /// The print area as the printer sees it now: the left margin and the print-area width, inside the paper.
    var currentArea: (left: Int, width: Int) {
        let left = min(max(0, leftMargin), canvas.width - 1)
        let width = min(max(1, printAreaWidth), canvas.width - left)
        return (left, width)
    }

    mutating func startLineIfNeeded() {
        guard lineSettings == nil else { return }
        let area = currentArea
        lineSettings = LineSettings(
            alignment: alignment,
            areaLeft: area.left,
            areaWidth: area.width,
            upsideDown: style.upsideDown
        )
    }

    /// Adds an item to the line, printing the line first when the item does not fit (or the buffer is full).
    mutating func appendToLine(_ item: LineItem) {
        startLineIfNeeded()
        if let settings = lineSettings, lineCursor + item.bitmap.width > settings.areaWidth, !lineItems.isEmpty {
            printLine(feed: nil)
            startLineIfNeeded()
        } else if lineItems.count >= Self.maximumLineItemCount {
            printLine(feed: nil)
            startLineIfNeeded()
        }
        var item = item
        item.x = lineCursor
        lineItems.append(item)
        lineCursor += item.bitmap.width
    }

    mutating func horizontalTab() {
        startLineIfNeeded()
        let cell = cellSize(wide: false)
        let stop = cell.width * 8
        let next = (lineCursor / stop + 1) * stop
        lineCursor = min(next, lineSettings?.areaWidth ?? next)
    }

    /// `count` line feeds; once the page is full they only move the paper, all at once.
    mutating func feedLines(_ count: Int) {
        var remaining = count
        while remaining > 0, !pageFull {
            printLine(feed: nil)
            remaining -= 1
        }
        if remaining > 0 { advance(by: remaining * lineSpacing) }
    }

    /// A run of one-byte commands, done as cheaply as the page allows.
    mutating func repeatCommand(_ command: Command, count: Int, offset: Int) {
        switch command {
        case .lineFeed, .formFeed:
            feedLines(count)
        case .horizontalTab:
            // Tabs stop at the end of the print area, so more than a line's worth of them do nothing more.
            for _ in 0..<min(count, max(1, printAreaWidth)) where !pageFull { horizontalTab() }
        case .carriageReturn:
            break
        default:
            execute(DecodedCommand(offset: offset, bytes: [], command: command))
        }
    }

    /// Moves the paper; past the page's end the position stops counting (it can no longer matter).
    mutating func advance(by dots: Int) {
        y = min(y + max(0, dots), canvas.maximumHeight + 1)
    }

    /// Prints the line buffer and feeds: by the line spacing (or the line's height if taller) when `feed`
    /// is `nil`, else by `feed` dots.
    mutating func printLine(feed: Int?) {
        let settings = lineSettings
        let items = lineItems
        lineItems.removeAll(keepingCapacity: true)
        lineSettings = nil
        // Alignment uses where the line's dots really end: `ESC $` and `ESC \` can move the cursor back.
        let contentWidth = items.reduce(0) { max($0, $1.x + $1.bitmap.width) }
        lineCursor = 0
        let lineHeight = items.reduce(0) { max($0, $1.bitmap.height) }
        let advance = feed ?? max(lineSpacing, lineHeight)
        defer { self.advance(by: advance) }
        guard !pageFull else { return }
        guard let settings, !items.isEmpty else {
            // A blank line still uses paper: it counts against the page like a printed one.
            if feed == nil, reserve(rows: y + advance) { addTextLine("") }
            return
        }
        guard reserve(rows: y + max(lineHeight, advance)) else { return }
        let free = max(0, settings.areaWidth - contentWidth)
        let offset = settings.alignment == 1 ? free / 2 : settings.alignment == 2 ? free : 0
        let left = settings.areaLeft + offset
        for item in items {
            let x = left + item.x
            let top = y + lineHeight - item.bitmap.height
            canvas.draw(item.bitmap, x: x, y: top)
            if item.reverse {
                canvas.invert(x: x, y: top, width: item.bitmap.width, height: item.bitmap.height)
            } else if item.underline > 0 {
                canvas.fill(
                    x: x,
                    y: top + item.bitmap.height - item.underline,
                    width: item.bitmap.width,
                    height: item.underline
                )
            }
        }
        if settings.upsideDown {
            canvas.rotateHalfTurn(x: settings.areaLeft, y: y, width: settings.areaWidth, height: lineHeight)
        }
        bottom = max(bottom, y + lineHeight)
        if items.allSatisfy(\.isImage) {
            let bandWidth = contentWidth
            recordImage(x: left, y: y, band: items, width: bandWidth, height: lineHeight)
            return
        }
        var text = String(repeating: " ", count: (left + items[0].x) / max(1, items[0].columnWidth))
        var expectedX = items[0].x
        for item in items {
            if item.x > expectedX {
                text += String(repeating: " ", count: (item.x - expectedX) / max(1, item.columnWidth))
            }
            text += item.isImage ? "[image \(item.bitmap.width)×\(item.bitmap.height)]" : item.text
            expectedX = item.x + item.bitmap.width
        }
        addTextLine(text)
    }

    /// Joins `ESC *` bands printed line by line into one image.
    mutating func recordImage(x: Int, y top: Int, band items: [LineItem], width: Int, height: Int) {
        var band = MonochromeBitmap(width: width, height: height)
        for item in items {
            band.paste(item.bitmap, x: item.x, y: height - item.bitmap.height)
        }
        place(band, x: x, y: top, command: .columnBitImage)
    }

    /// Records an image drawn at (`x`, `y`), joining it to the previous one when it continues it.
    mutating func place(_ bitmap: MonochromeBitmap, x: Int, y top: Int, command: PrinterProfile.GraphicsCommand) {
        if let last = images.last, last.command == command, last.x == x, last.bitmap.width == bitmap.width,
            last.y + joinedImageHeight == top, let line = imageTextLine, line == textLines.count - 1
        {
            if joinedImageRows.isEmpty { joinedImageRows = last.bitmap.bits }
            joinedImageRows.append(contentsOf: bitmap.bits)
            joinedImageHeight += bitmap.height
            textLines[line] = "[image \(last.bitmap.width)×\(joinedImageHeight)]"
            return
        }
        flushJoinedImage()
        guard textLines.count < Self.maximumTextLineCount else {
            addTextLine("")  // says the page is full
            return
        }
        images.append(PrintedImage(x: x, y: top, bitmap: bitmap, command: command))
        joinedImageHeight = bitmap.height
        addTextLine("[image \(bitmap.width)×\(bitmap.height)]")
        imageTextLine = textLines.count - 1
    }

    /// Writes the joined bands into the last image.
    mutating func flushJoinedImage() {
        guard !joinedImageRows.isEmpty, var last = images.last else { return }
        let width = last.bitmap.width
        if let joined = MonochromeBitmap(width: width, height: joinedImageHeight, packedRows: joinedImageRows) {
            last.bitmap = joined
            images[images.count - 1] = last
        }
        joinedImageRows = []
    }

    mutating func addTextLine(_ line: String) {
        guard !pageFull else { return }
        guard textLines.count < Self.maximumTextLineCount else {
            pageFull = true
            note(
                nil,
                .pageHeightLimit,
                "the page reached the \(Self.maximumTextLineCount)-line limit of the text rendering; "
                    + "nothing after it was drawn"
            )
            return
        }
        var line = line
        while line.last == " " { line.removeLast() }
        textLines.append(line)
        imageTextLine = nil
    }

    /// Grows the page to `rows`; at the limit, stops drawing and says so once.
    mutating func reserve(rows: Int) -> Bool {
        guard !pageFull else { return false }
        if canvas.ensureRows(rows) { return true }
        pageFull = true
        note(
            nil,
            .pageHeightLimit,
            "the page reached the \(canvas.maximumHeight)-dot height limit (\(canvas.maximumHeight * 254 / (max(profile.dpi, 1) * 10)) mm); nothing below it was drawn"
        )
        return false
    }

    // MARK: Paper

    mutating func cut(mode: UInt8, feed: UInt8?) {
        if !lineItems.isEmpty { printLine(feed: nil) }
        // The feed-and-cut forms move the last line past the cutter; the page shows that as a short gap.
        if let feed { advance(by: Self.cutterFeed + Int(feed)) }
        let partial = CutMode.isPartial(mode)
        guard !pageFull, textLines.count < Self.maximumTextLineCount else {
            addTextLine("")  // says the page is full once
            return
        }
        guard reserve(rows: y + 1) else { return }
        canvas.drawCutMark(y: y, partial: partial)
        cuts.append(PaperCut(y: y, kind: partial ? .partial : .full))
        bottom = max(bottom, y + 1)
        addTextLine(partial ? "[partial cut]" : "[full cut]")
        advance(by: 1)
    }

    // MARK: Finishing

    mutating func note(_ offset: Int?, _ kind: EmulatorNote.Kind, _ message: String) {
        if notes.count < maximumNoteCount {
            notes.append(EmulatorNote(offset: offset, kind: kind, message: message))
        } else {
            omittedNotes += 1
        }
    }

    /// Notes a command the printer ignores, once per command name.
    mutating func unsupported(_ offset: Int, _ name: String, _ detail: String) {
        guard reportedUnsupported.insert(name).inserted else { return }
        note(offset, .unsupportedCommand, "\(name): \(detail)")
    }

    mutating func finish() -> RenderedReceipt {
        if !lineItems.isEmpty { printLine(feed: 0) }  // a printer prints the buffer only on a feed; show it anyway
        flushJoinedImage()
        if omittedNotes > 0 {
            notes.append(EmulatorNote(offset: nil, kind: .notesOmitted, message: "\(omittedNotes) more notes omitted"))
        }
        let height = max(1, min(max(y, bottom), canvas.maximumHeight))
        _ = canvas.ensureRows(height)
        return RenderedReceipt(
            page: canvas.bitmap(rows: height),
            text: textLines.map { $0 + "\n" }.joined(),
            cuts: cuts,
            images: images,
            symbols: symbols,
            notes: notes
        )
    }
}
