/// The mutable state of one compilation: output bytes, the printer state as the bytes leave it, warnings.
struct CompilationRun {
    let profile: PrinterProfile
    let strict: Bool
    var output: [UInt8] = []
    var warnings: [CompileWarning] = []
    /// The style the printer is in; `nil` after raw bytes, when nothing is known.
    var printerStyle: ResolvedStyle? = .printerDefault
    var encoder: CodePageEncoder
    /// Reused scratch space, so laying out a line allocates nothing in the common case.
    var scalars: [Unicode.Scalar] = []
    var lines: [Range<Int>] = []
    /// Laid-out lines of a multi-line block (columns, key/value), emitted together.
    var blockText: [Unicode.Scalar] = []
    var blockLines: [Range<Int>] = []
    var cellLineStarts: [Int] = []
    var columnWidthScratch: [Int] = []
    /// Cell widths of fonts A, B and C (0 when the profile lacks the font), read once: every line needs them.
    let cellWidths: (a: Int, b: Int, c: Int)
    let dotWidth: Int
    var reportedUnencodable: Set<UInt32> = []
    /// See ``ReceiptCompiler/usesASCIIFastPath``.
    var usesASCIIFastPath = true
    var unencodableScalars: [Unicode.Scalar] = []
    /// Decodes image files for image blocks; see ``CompileOptions/imageDecoder``.
    var imageDecoder: (any ImageDecoding)?
    var imagePixelLimit = GrayImage.defaultPixelLimit
    /// The folder image paths must lie in; see ``CompileOptions/imageDirectory``.
    var imageDirectory: String?
    /// Draws symbols the printer cannot (see ``CompileOptions/symbolRenderer``).
    var symbolRenderer: (any SymbolRendering)?
    /// Whether every symbol is drawn in software (``Receipt/Options/symbolRendering``).
    var softwareSymbols = false

    init(profile: PrinterProfile, strict: Bool) {
        self.profile = profile
        self.strict = strict
        self.encoder = CodePageEncoder(profile: profile)
        self.cellWidths = (
            profile.metrics(for: .a)?.cellWidth ?? 0, profile.metrics(for: .b)?.cellWidth ?? 0,
            profile.metrics(for: .c)?.cellWidth ?? 0
        )
        self.dotWidth = profile.dotWidth
        output.reserveCapacity(2048)
        scalars.reserveCapacity(256)
        blockText.reserveCapacity(256)
        blockLines.reserveCapacity(16)
        cellLineStarts.reserveCapacity(8)
        lines.reserveCapacity(16)
        emitESC(.initialize)  // a known starting state
        if profile.capabilities.kanjiModeAtPowerOn {
            emit(ControlCode.fs, FSFunction.cancelKanjiMode.rawValue)  // leave Kanji mode so single-byte pages work
        }
    }

    // MARK: Blocks

    mutating func compile(
        _ blocks: [Block],
        inherited: TextStyle,
        path: @autoclosure () -> DocumentPath
    ) throws(EscPosError) {
        for (index, block) in blocks.enumerated() {
            func blockPath() -> DocumentPath { path().appending("blocks").appending(index: index) }
            try block.validateElement(at: blockPath())
            switch block {
            case .text(let text):
                let style = try resolve(inherited.overridden(by: text.style), at: blockPath())
                try paragraph(text.content, style: style, path: blockPath())
            case .group(let group):
                try compile(group.blocks, inherited: inherited.overridden(by: group.style), path: blockPath())
            case .rule(let rule):
                let style = try resolve(inherited.overridden(by: rule.style), at: blockPath())
                let width = try lineWidth(style, at: blockPath())
                let scalar = rule.character.unicodeScalars.first ?? "-"
                blockText.clear()
                blockText.append(contentsOf: repeatElement(scalar, count: width))
                blockLines.clear()
                blockLines.append(0..<width)
                try emitBlockLines(style: style, path: blockPath())
            case .columns(let columns):
                let style = try resolve(inherited.overridden(by: columns.style), at: blockPath())
                try self.columns(columns, style: style, path: blockPath())
            case .keyValue(let keyValue):
                let style = try resolve(inherited.overridden(by: keyValue.style), at: blockPath())
                try self.keyValue(keyValue, style: style, path: blockPath())
            case .feed(let feed):
                feedPaper(feed)
            case .cut(let cut):
                try self.cut(cut, path: blockPath())
            case .drawerPulse(let pulse):
                guard try supported(profile.capabilities.drawer, "a cash-drawer pulse", at: blockPath()) else {
                    continue
                }
                let pin: UInt8 = pulse.pin == .pin2 ? 0 : 1
                emitESC(.drawerPulse, pin, UInt8(pulse.onMilliseconds / 2), UInt8(pulse.offMilliseconds / 2))
            case .buzzer(let buzzer):
                guard try supported(profile.capabilities.buzzer, "a buzzer", at: blockPath()) else { continue }
                emitESC(.buzzer, UInt8(buzzer.times), UInt8(buzzer.duration))
            case .raw(let raw):
                output.append(contentsOf: raw.bytes)
                // The bytes may have changed anything: set every attribute again before the next text.
                printerStyle = nil
                encoder.reset(known: false)
            case .image(let image):
                let start = output.count
                try rasterImage(image, alignment: image.alignment ?? inherited.alignment ?? .left, path: blockPath())
                try guardRealTimeCommands(emittedFrom: start, path: blockPath())
            case .barcode, .qrCode, .pdf417, .dataMatrix, .aztecCode, .maxiCode:
                let start = output.count
                if let symbol = block.symbol { try self.symbol(symbol, inherited: inherited, path: blockPath()) }
                try guardRealTimeCommands(emittedFrom: start, path: blockPath())
            }
        }
    }

    /// Returns the printer to its power-on state: default style and default code page.
    mutating func finish() {
        emitStyle(.printerDefault)
        if let defaultSlot = encoder.defaultSlot, encoder.current != defaultSlot {
            encoder.select(defaultSlot, into: &output)
        }
    }

    // MARK: Style

    func resolve(_ style: TextStyle, at path: @autoclosure () -> DocumentPath) throws(EscPosError) -> ResolvedStyle {
        try style.validate(at: path())
        let resolved = ResolvedStyle(style)
        if cellWidth(resolved.font) == 0 {
            throw EscPosError(
                .unsupportedByProfile,
                at: path().appending("font"),
                "\(profile.name) has no font \(resolved.font.rawValue.uppercased()); use one of \(profile.fonts.map { $0.font.rawValue }.joined(separator: ", "))."
            )
        }
        if resolved.leftMargin >= profile.dotWidth {
            throw EscPosError(
                .doesNotFit,
                at: path().appending("leftMargin"),
                "a left margin of \(resolved.leftMargin) dots leaves no room on \(profile.name)'s \(profile.dotWidth)-dot line."
            )
        }
        if let area = resolved.printAreaWidth, resolved.leftMargin + area > profile.dotWidth {
            throw EscPosError(
                .doesNotFit,
                at: path().appending("printAreaWidth"),
                "left margin \(resolved.leftMargin) + print area \(area) dots exceed \(profile.name)'s \(profile.dotWidth)-dot line; use at most \(profile.dotWidth - resolved.leftMargin)."
            )
        }
        return resolved
    }

    @inline(__always) func cellWidth(_ font: TextStyle.Font) -> Int {
        switch font {
        case .a: return cellWidths.a
        case .b: return cellWidths.b
        case .c: return cellWidths.c
        }
    }

    /// Characters per line in `style`.
    func lineWidth(_ style: ResolvedStyle, at path: @autoclosure () -> DocumentPath) throws(EscPosError) -> Int {
        let cell = max(1, cellWidth(style.font)) * style.size.width
        let area = style.printAreaWidth ?? (dotWidth - style.leftMargin)
        let columns = area / cell
        if columns < 1 {
            throw EscPosError(
                .doesNotFit,
                at: path().appending("size"),
                "not even one character of width \(style.size.width) fits in \(area) dots; use a smaller size or a wider print area."
            )
        }
        return columns
    }

    /// Sends the commands that take the printer from its current style to `wanted`, and nothing else.
    mutating func emitStyle(_ wanted: ResolvedStyle) {
        if printerStyle == wanted { return }  // the common case: the next line looks like the last
        // An unknown state (after raw bytes) counts as different in every attribute.
        let known = printerStyle ?? ResolvedStyle.unknownSentinel(unlike: wanted)
        if known.font != wanted.font {
            emitESC(.font, wanted.font == .a ? 0 : wanted.font == .b ? 1 : 2)
        }
        if known.size != wanted.size {
            emitGS(.characterSize, UInt8((wanted.size.width - 1) << 4 | (wanted.size.height - 1)))
        }
        if known.bold != wanted.bold { emitESC(.bold, wanted.bold ? 1 : 0) }
        if known.underline != wanted.underline {
            emitESC(.underline, wanted.underline == .none ? 0 : wanted.underline == .single ? 1 : 2)
        }
        if known.doubleStrike != wanted.doubleStrike { emitESC(.doubleStrike, wanted.doubleStrike ? 1 : 0) }
        if known.reverse != wanted.reverse { emitGS(.reverse, wanted.reverse ? 1 : 0) }
        if known.upsideDown != wanted.upsideDown { emitESC(.upsideDown, wanted.upsideDown ? 1 : 0) }
        if known.rotated != wanted.rotated { emitESC(.rotation, wanted.rotated ? 1 : 0) }
        if known.lineSpacing != wanted.lineSpacing {
            if let spacing = wanted.lineSpacing {
                emitESC(.lineSpacing, UInt8(spacing))
            } else {
                emitESC(.defaultLineSpacing)
            }
        }
        if known.leftMargin != wanted.leftMargin {
            emitGS(.leftMargin, UInt8(wanted.leftMargin & 0xFF), UInt8(wanted.leftMargin >> 8))
        }
        if known.printAreaWidth != wanted.printAreaWidth {
            let width = wanted.printAreaWidth ?? (profile.dotWidth - wanted.leftMargin)
            emitGS(.printAreaWidth, UInt8(width & 0xFF), UInt8(width >> 8))
        }
        if known.alignment != wanted.alignment {
            emitESC(.alignment, wanted.alignment.commandValue)
        }
        printerStyle = wanted
    }

    // MARK: Text

    /// Lays out and emits a paragraph: hard line breaks, then word wrap at the line width.
    mutating func paragraph(
        _ content: String,
        style: ResolvedStyle,
        path: @autoclosure () -> DocumentPath
    ) throws(EscPosError) {
        let width = try lineWidth(style, at: path())
        // Fast path, same bytes: a line of printable ASCII that fits needs no wrapping and no page choice.
        if usesASCIIFastPath, encoder.printsASCIIUnchanged, let count = ASCIIText.printableCount(content),
            count <= width
        {
            emitStyle(style)
            ASCIIText.append(content, to: &output)
            output.append(ControlCode.lf)
            return
        }
        scalars.clear()
        lines.clear()
        ScalarBuffer.append(content, to: &scalars)
        // Split at hard line breaks (LF, CR or CR LF), in place: break characters are dropped from the
        // buffer as it is compacted, tabs become spaces.
        var hardLineStart = 0
        var write = 0
        var read = 0
        var endedWithBreak = false
        let count = scalars.count
        while read < count {
            let scalar = scalars[read]
            read += 1
            if scalar == "\n" || scalar == "\r" {
                if scalar == "\r", read < count, scalars[read] == "\n" { read += 1 }
                endHardLine(from: hardLineStart, to: write, width: width)
                hardLineStart = write
                endedWithBreak = true
                continue
            }
            endedWithBreak = false
            scalars[write] = scalar == "\t" ? " " : scalar
            write += 1
        }
        scalars.removeSubrange(write...)
        // "Total\n" is one line, not a line and an empty one; "" is one empty line.
        if !endedWithBreak { endHardLine(from: hardLineStart, to: write, width: width) }
        if style.upsideDown { lines.reverse() }
        let text = scalars
        let ranges = lines
        try emitLines(of: text, ranges: ranges, style: style, path: path())
    }

    private mutating func endHardLine(from start: Int, to end: Int, width: Int) {
        LineBreaker.wrap(scalars, from: start, to: end, width: width, into: &lines)
    }

    /// Emits each range of `text` as one printed line.
    mutating func emitLines(
        of text: [Unicode.Scalar],
        ranges: [Range<Int>],
        style: ResolvedStyle,
        path: @autoclosure () -> DocumentPath
    ) throws(EscPosError) {
        for range in ranges {
            emitStyle(style)
            try encode(text[range], path: path())
            output.append(ControlCode.lf)
        }
    }

    mutating func encode(_ text: ArraySlice<Unicode.Scalar>, path: @autoclosure () -> DocumentPath) throws(EscPosError)
    {
        encoder.encode(text, into: &output, unencodable: &unencodableScalars)
        if unencodableScalars.isEmpty { return }
        defer { unencodableScalars.clear() }
        for scalar in unencodableScalars { try unencodable(scalar, path: path()) }
    }

    private mutating func unencodable(
        _ scalar: Unicode.Scalar,
        path: @autoclosure () -> DocumentPath
    ) throws(EscPosError) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let name = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let message: String
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
            message =
                "control character \(name) is not text; it was replaced by \"\(profile.replacementCharacter)\" so it cannot act as a printer command."
        } else {
            message =
                "\"\(Character(scalar))\" (\(name)) is in none of \(profile.name)'s code pages; it printed as \"\(profile.replacementCharacter)\". Add a code page that has it to the profile, or remove it from the text."
        }
        if strict { throw EscPosError(.unencodableCharacter, at: path(), message) }
        if reportedUnencodable.insert(scalar.value).inserted {
            warnings.append(CompileWarning(.unencodableCharacter, at: path(), message))
        }
    }

    @inline(__always) mutating func emit(_ a: UInt8, _ b: UInt8) {
        output.append(a)
        output.append(b)
    }

    @inline(__always) mutating func emit(_ a: UInt8, _ b: UInt8, _ c: UInt8) {
        output.append(a)
        output.append(b)
        output.append(c)
    }

    @inline(__always) mutating func emit(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        emit(a, b)
        emit(c, d)
    }

    @inline(__always) mutating func emit(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, _ e: UInt8) {
        emit(a, b, c)
        emit(d, e)
    }

    // `ESC` and `GS` commands by name, with fixed arities so the style path appends bytes without arrays.

    @inline(__always) mutating func emitESC(_ function: ESCFunction) {
        emit(ControlCode.esc, function.rawValue)
    }

    @inline(__always) mutating func emitESC(_ function: ESCFunction, _ n: UInt8) {
        emit(ControlCode.esc, function.rawValue, n)
    }

    @inline(__always) mutating func emitESC(_ function: ESCFunction, _ n1: UInt8, _ n2: UInt8) {
        emit(ControlCode.esc, function.rawValue, n1, n2)
    }

    @inline(__always) mutating func emitESC(_ function: ESCFunction, _ n1: UInt8, _ n2: UInt8, _ n3: UInt8) {
        emit(ControlCode.esc, function.rawValue, n1, n2, n3)
    }

    @inline(__always) mutating func emitGS(_ function: GSFunction, _ n: UInt8) {
        emit(ControlCode.gs, function.rawValue, n)
    }

    @inline(__always) mutating func emitGS(_ function: GSFunction, _ n1: UInt8, _ n2: UInt8) {
        emit(ControlCode.gs, function.rawValue, n1, n2)
    }

    // MARK: Paper and device

    mutating func feedPaper(_ feed: Feed) {
        switch feed.amount {
        case .lines(var lines):
            while lines > 0 {
                let step = min(lines, 255)
                emitESC(.feedLines, UInt8(step))
                lines -= step
            }
        case .dots(var dots):
            while dots > 0 {
                let step = min(dots, 255)
                emitESC(.feedDots, UInt8(step))
                dots -= step
            }
        }
    }

    mutating func cut(_ cut: Cut, path: @autoclosure () -> DocumentPath) throws(EscPosError) {
        guard let cutter = profile.capabilities.cutter else {
            _ = try supported(false, "a paper cut", at: path())
            return
        }
        var kind = cut.kind
        if kind == .full && !cutter.full || kind == .partial && !cutter.partial {
            let other: Cut.Kind = kind == .full ? .partial : .full
            let message =
                "\(profile.name)'s cutter makes no \(kind.rawValue) cut; it makes a \(other.rawValue) cut instead."
            if strict { throw EscPosError(.unsupportedByProfile, at: path().appending("kind"), message) }
            warnings.append(CompileWarning(.unsupportedByProfile, at: path().appending("kind"), message))
            kind = other
        }
        if cut.feed {
            emitGS(.cut, kind == .full ? CutMode.feedThenFull : CutMode.feedThenPartial, 0x00)
        } else {
            emitGS(.cut, kind == .full ? CutMode.full : CutMode.partial)
        }
    }

    /// Returns whether a device feature exists; when it does not, warns (or throws in strict mode).
    mutating func supported(
        _ available: Bool,
        _ feature: String,
        at path: @autoclosure () -> DocumentPath
    ) throws(EscPosError) -> Bool {
        if available { return true }
        let message =
            "\(profile.name) has no hardware for \(feature); the block was left out. Remove it or use a profile that has it."
        if strict { throw EscPosError(.unsupportedByProfile, at: path(), message) }
        warnings.append(CompileWarning(.unsupportedByProfile, at: path(), message))
        return false
    }
}
