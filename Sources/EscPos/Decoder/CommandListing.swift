/// A readable, one-command-per-line listing of decoded ESC/POS: offset, bytes, command name, meaning.
///
/// ```
/// 000000  1B 40                    ESC @      initialise printer
/// 000002  1B 61 01                 ESC a      align centre
/// 000005  43 61 66 E9              text       "Café"
/// ```
///
/// Golden-fixture listings and `escpos decode` use this format, so a byte mismatch shows up as a
/// command-level difference.
///
/// A listing of a whole stream can be large; ``line(_:)`` lists one command at a time (with
/// ``CommandDecoder/commands(in:)`` the listing streams in constant memory), and ``text(maximumLength:)``
/// bounds the text, as the virtual printer does for each job's listing file.
public struct CommandListing: Sendable, CustomStringConvertible {
    /// The longest listing the virtual printer writes for one job: 4 MiB of text, then one line saying how
    /// many commands were left out.
    public static let jobListingLimit = 4 << 20

    /// The commands listed.
    public var commands: [DecodedCommand]

    /// Creates a listing.
    public init(_ commands: [DecodedCommand]) {
        self.commands = commands
    }

    /// One line per command.
    public var lines: [String] {
        commands.map(Self.line)
    }

    /// The listing as text, lines separated by newlines.
    public var text: String {
        lines.joined(separator: "\n") + (commands.isEmpty ? "" : "\n")
    }

    /// The listing as text.
    public var description: String { text }

    /// The listing as text, cut after the last whole line that fits in `maximumLength` UTF-8 bytes; a final
    /// line then says how many commands were left out.
    ///
    /// - Parameter maximumLength: The most UTF-8 bytes of listed commands.
    /// - Returns: At most `maximumLength` bytes of lines, plus the line about what was left out.
    public func text(maximumLength: Int) -> String {
        Self.text(of: commands, maximumLength: maximumLength)
    }

    /// The listing of any sequence of commands (such as ``CommandDecoder/commands(in:)``, decoded as it is
    /// listed), cut after the last whole line that fits in `maximumLength` UTF-8 bytes; a final line then
    /// says how many commands were left out.
    ///
    /// - Parameters:
    ///   - commands: The commands to list.
    ///   - maximumLength: The most UTF-8 bytes of listed commands.
    /// - Returns: At most `maximumLength` bytes of lines, plus the line about what was left out.
    public static func text(of commands: some Sequence<DecodedCommand>, maximumLength: Int) -> String {
        var output: [UInt8] = []
        var line: [UInt8] = []
        var left = 0
        for decoded in commands {
            guard left == 0 else {
                left += 1
                continue
            }
            line.removeAll(keepingCapacity: true)
            appendLine(decoded, to: &line)
            line.append(0x0A)
            if output.count + line.count <= maximumLength {
                output += line
            } else {
                left = 1
            }
        }
        var text = String(decoding: output, as: UTF8.self)
        if left > 0 {
            text +=
                "… \(left) more command\(left == 1 ? "" : "s") not listed "
                + "(listing limited to \(maximumLength) bytes)\n"
        }
        return text
    }

    /// How many problems (unknown bytes, truncated commands) the listing contains; a run of unknown bytes
    /// counts once.
    public var problemCount: Int {
        commands.reduce(0) { $0 + ($1.command.isProblem ? 1 : 0) }
    }

    /// The listing line of one command: offset, the first 8 bytes, name and meaning.
    ///
    /// - Parameter decoded: A decoded command.
    /// - Returns: The line, without a newline.
    public static func line(_ decoded: DecodedCommand) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(96)
        appendLine(decoded, to: &utf8)
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Appends the listing line of one command, without a newline, as UTF-8: what ``line(_:)`` returns,
    /// without building a string (a streamed listing of millions of commands spends its time here).
    ///
    /// - Parameters:
    ///   - decoded: A decoded command.
    ///   - output: The bytes to append to.
    public static func appendLine(_ decoded: DecodedCommand, to output: inout [UInt8]) {
        // Offset: decimal, at least 6 digits, in an 8-column field.
        var digits: [UInt8] = []
        var offset = max(0, decoded.offset)
        repeat {
            digits.append(0x30 + UInt8(offset % 10))
            offset /= 10
        } while offset > 0
        for _ in digits.count..<max(6, digits.count) { output.append(0x30) }
        output.append(contentsOf: digits.reversed())
        var column = max(6, digits.count)
        padColumn(&column, to: 8, in: &output)
        // Bytes: the first 8 in hex, "…" after them when there are more, in a 27-column field.
        let fieldStart = column
        for (index, byte) in decoded.bytes.prefix(8).enumerated() {
            if index > 0 { output.append(0x20) }
            Hex.append(byte, to: &output)
            column += index > 0 ? 3 : 2
        }
        if decoded.bytes.count > 8 {
            output.append(contentsOf: [0x20, 0xE2, 0x80, 0xA6])  // " …"
            column += 2
        }
        padColumn(&column, to: fieldStart + 27, in: &output)
        // Name, in an 11-column field (names are Latin-1, so one scalar is one column).
        var name = decoded.command.name
        if case .graphics = decoded.command, decoded.bytes.dropFirst().first == GSFunction.extendedLong.rawValue {
            name = GSExtendedFunction.graphics.longMnemonic  // the same functions with a 32-bit length
        }
        let nameStart = column
        output.append(contentsOf: name.utf8)
        column += name.unicodeScalars.count
        padColumn(&column, to: nameStart + 11, in: &output)
        output.append(contentsOf: decoded.command.meaning.utf8)
    }

    /// Pads with spaces up to `target`, or adds one space when the field is already full.
    private static func padColumn(_ column: inout Int, to target: Int, in output: inout [UInt8]) {
        let spaces = column >= target ? 1 : target - column
        output.append(contentsOf: repeatElement(0x20, count: spaces))
        column += spaces
    }
}

extension Command {
    /// The command's mnemonic, such as `ESC E` or `GS ( k`.
    public var name: String {
        switch self {
        case .text: return "text"
        case .lineFeed: return "LF"
        case .carriageReturn: return "CR"
        case .horizontalTab: return "HT"
        case .formFeed: return "FF"
        case .initialize: return ESCFunction.initialize.mnemonic
        case .bold: return ESCFunction.bold.mnemonic
        case .underline: return ESCFunction.underline.mnemonic
        case .doubleStrike: return ESCFunction.doubleStrike.mnemonic
        case .reverse: return GSFunction.reverse.mnemonic
        case .upsideDown: return ESCFunction.upsideDown.mnemonic
        case .rotation: return ESCFunction.rotation.mnemonic
        case .font: return ESCFunction.font.mnemonic
        case .characterSize: return GSFunction.characterSize.mnemonic
        case .printMode: return ESCFunction.printMode.mnemonic
        case .alignment: return ESCFunction.alignment.mnemonic
        case .defaultLineSpacing: return ESCFunction.defaultLineSpacing.mnemonic
        case .lineSpacing: return ESCFunction.lineSpacing.mnemonic
        case .leftMargin: return GSFunction.leftMargin.mnemonic
        case .printAreaWidth: return GSFunction.printAreaWidth.mnemonic
        case .feedLines: return ESCFunction.feedLines.mnemonic
        case .feedDots: return ESCFunction.feedDots.mnemonic
        case .cut: return GSFunction.cut.mnemonic
        case .drawerPulse: return ESCFunction.drawerPulse.mnemonic
        case .buzzer: return ESCFunction.buzzer.mnemonic
        case .selectCodePage: return ESCFunction.selectCodePage.mnemonic
        case .cancelKanjiMode: return FSFunction.cancelKanjiMode.mnemonic
        case .selectKanjiMode: return FSFunction.selectKanjiMode.mnemonic
        case .realTimeStatus: return DLEFunction.transmitStatus.mnemonic
        case .realTimeRequest: return DLEFunction.request.mnemonic
        case .realTimeCommand: return DLEFunction.command.mnemonic
        case .automaticStatusBack: return GSFunction.automaticStatusBack.mnemonic
        case .transmitPrinterID: return GSFunction.transmitPrinterID.mnemonic
        case .transmitStatus: return GSFunction.transmitStatus.mnemonic
        case .barcode: return GSFunction.barcode.mnemonic
        case .barcodeHeight: return GSFunction.barcodeHeight.mnemonic
        case .barcodeModuleWidth: return GSFunction.barcodeModuleWidth.mnemonic
        case .hriPosition: return GSFunction.hriPosition.mnemonic
        case .hriFont: return GSFunction.hriFont.mnemonic
        case .twoDimensionalCode: return GSExtendedFunction.twoDimensionalCode.mnemonic
        case .rasterImage: return GSFunction.rasterImageMnemonic
        case .graphics: return GSExtendedFunction.graphics.mnemonic
        case .columnImage: return ESCFunction.columnImage.mnemonic
        case .other(let name, _): return name
        case .unknown, .unknownRun: return "?"
        case .repeated(let command, _): return command.name
        case .truncated(let name, _): return name
        }
    }

    /// What the command does, in words.
    public var meaning: String {
        func onOff(_ on: Bool) -> String { on ? "on" : "off" }
        switch self {
        case .text(let text): return Self.quoted(text)
        case .lineFeed: return "print line and feed"
        case .carriageReturn: return "carriage return"
        case .horizontalTab: return "horizontal tab"
        case .formFeed: return "form feed"
        case .initialize: return "initialise printer (styles and code page to power-on state)"
        case .bold(let on): return "bold \(onOff(on))"
        case .underline(let dots): return dots == 0 ? "underline off" : "underline \(dots) dot\(dots == 1 ? "" : "s")"
        case .doubleStrike(let on): return "double-strike \(onOff(on))"
        case .reverse(let on): return "reverse (white on black) \(onOff(on))"
        case .upsideDown(let on): return "upside-down \(onOff(on))"
        case .rotation(let mode): return mode == 0 || mode == 0x30 ? "90° rotation off" : "90° rotation on"
        case .font(let font): return font <= 2 ? "font \(["A", "B", "C"][Int(font)])" : "font \(font)"
        case .characterSize(let width, let height): return "character size \(width)×\(height)"
        case .printMode(let bits): return "print mode 0x\(Hex.byte(bits)) (resets bold, underline, size, font)"
        case .alignment(let alignment):
            return alignment <= 2 ? "align \(["left", "centre", "right"][Int(alignment)])" : "align \(alignment)"
        case .defaultLineSpacing: return "default line spacing"
        case .lineSpacing(let dots): return "line spacing \(dots) dots"
        case .leftMargin(let dots): return "left margin \(dots) dots"
        case .printAreaWidth(let dots): return "print-area width \(dots) dots"
        case .feedLines(let lines): return "print and feed \(lines) line\(lines == 1 ? "" : "s")"
        case .feedDots(let dots): return "print and feed \(dots) dots"
        case .cut(let mode, let feed):
            switch (mode, feed) {
            case (CutMode.full, nil), (CutMode.fullDigit, nil): return "full cut"
            case (CutMode.partial, nil), (CutMode.partialDigit, nil): return "partial cut"
            case (CutMode.feedThenFull, let n?): return "feed to cutter + \(n), full cut"
            case (CutMode.feedThenPartial, let n?): return "feed to cutter + \(n), partial cut"
            case (CutMode.setPositionThenFull, let n?), (CutMode.setPositionThenPartial, let n?):
                return "set cut position + \(n) and \(CutMode.isPartial(mode) ? "partial" : "full") cut"
            case (CutMode.feedCutAndBackFull, let n?), (CutMode.feedCutAndBackPartial, let n?):
                return "feed + \(n), \(CutMode.isPartial(mode) ? "partial" : "full") cut, back-feed"
            default: return "cut mode \(mode)"
            }
        case .drawerPulse(let pin, let on, let off):
            return "drawer pulse pin \(pin == 0 ? 2 : 5), on \(Int(on) * 2) ms, off \(Int(off) * 2) ms"
        case .buzzer(let times, let duration): return "buzzer \(times)× \(Int(duration) * 50) ms"
        case .selectCodePage(let page): return "select code page \(page)"
        case .cancelKanjiMode: return "cancel Kanji mode"
        case .selectKanjiMode: return "select Kanji mode"
        case .realTimeStatus(let n):
            let kinds = [1: "printer", 2: "offline cause", 3: "error cause", 4: "roll paper"]
            return "real-time status request \(n) (\(kinds[Int(n)] ?? "extended"))"
        case .realTimeRequest(let n): return "real-time request \(n)"
        case .realTimeCommand(let function, let m, let t):
            return function == 1
                ? "real-time drawer pulse pin \(m == 0 ? 2 : 5), \(Int(t) * 100) ms"
                : "real-time command \(function) (\(m), \(t))"
        case .automaticStatusBack(let bits): return "automatic status back mask 0x\(Hex.byte(bits))"
        case .transmitPrinterID(let n): return "transmit printer ID \(n)"
        case .transmitStatus(let n): return "transmit status \(n)"
        case .barcode(let system, let data):
            if system == BarcodeSystem.code128Number { return "barcode CODE128 \(Self.code128Listing(data))" }
            return "barcode \(Self.barcodeName(system)) \(Self.quoted(String(decoding: data, as: UTF8.self)))"
        case .barcodeHeight(let dots): return "barcode height \(dots) dots"
        case .barcodeModuleWidth(let width): return "barcode module width \(width)"
        case .hriPosition(let position):
            return position <= 3
                ? "HRI \(["not printed", "above", "below", "above and below"][Int(position)])"
                : "HRI position \(position)"
        case .hriFont(let font): return "HRI font \(font)"
        case .twoDimensionalCode(let cn, let fn, let parameters):
            return Self.twoDimensionalMeaning(cn: cn, fn: fn, parameters: parameters)
        case .rasterImage(let mode, let widthBytes, let height, let data):
            let scale = ["normal", "double width", "double height", "quadruple"]
            let bits = mode & RasterImageMode.scaleBits
            let size = bits <= 3 ? scale[Int(bits)] : "mode \(mode)"
            return
                "raster image \(widthBytes * 8)×\(height) dots (\(widthBytes) bytes × \(height) rows, \(data.count) bytes), \(size)"
        case .graphics(let m, let fn, let parameters):
            switch fn {
            case GraphicsFunction.store where parameters.count >= GraphicsFunction.storeParameterCount:
                let width = Int(parameters[4]) | Int(parameters[5]) << 8
                let height = Int(parameters[6]) | Int(parameters[7]) << 8
                let data = parameters.count - GraphicsFunction.storeParameterCount
                let expected = (width + 7) / 8 * height
                let length =
                    data == expected ? "\(data) bytes" : "\(data) bytes, but \(width)×\(height) dots need \(expected)"
                return
                    "store graphics \(width)×\(height) dots, \(length), scale \(parameters[1])×\(parameters[2]), colour \(Int(parameters[3]) - Int(GraphicsFunction.colour1) + 1)"
            case GraphicsFunction.print: return "print stored graphics"
            case GraphicsFunction.density where parameters.count >= 2:
                return "graphics density \(parameters[0])×\(parameters[1])"
            default: return "graphics function \(fn) (m \(m))"
            }
        case .columnImage(let mode, let width, _):
            let dots = ColumnImageMode.isTwentyFourDot(mode) ? 24 : 8
            return
                "column image \(width) dots wide × \(dots) rows, \(dots)-dot \(ColumnImageMode.isDoubleDensity(mode) ? "double" : "single") density"
        case .other(_, let parameters):
            return parameters.isEmpty ? "" : "parameters " + Hex.bytes(Array(parameters.prefix(16)))
        case .unknown(let byte): return "unknown byte 0x\(Hex.byte(byte))"
        case .unknownRun(let count): return "\(count) unknown bytes"
        case .repeated(let command, let count): return "\(command.meaning) × \(count)"
        case .truncated(_, let bytes):
            return "truncated command (\(bytes.count) byte\(bytes.count == 1 ? "" : "s") before end of input)"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Code 128 data as the printer reads it: code-set changes and functions spelled out, set C pairs as
    /// digits: `{B "No." {C 12 34`.
    static func code128Listing(_ data: [UInt8]) -> String {
        var parts: [String] = []
        var text = ""
        var set: UInt8 = 0
        func flush() {
            if !text.isEmpty { parts.append(quoted(text)) }
            text = ""
        }
        var index = 0
        while index < data.count {
            let byte = data[index]
            if byte == BarcodeDataEscape.brace, index + 1 < data.count {
                let code = data[index + 1]
                index += 2
                if code == BarcodeDataEscape.brace {
                    text.append("{")
                    continue
                }
                flush()
                switch code {
                case BarcodeDataEscape.codeSetA, BarcodeDataEscape.codeSetB, BarcodeDataEscape.codeSetC: set = code
                default: break
                }
                let names = [
                    BarcodeDataEscape.fnc1: "FNC1", BarcodeDataEscape.fnc2: "FNC2", BarcodeDataEscape.fnc3: "FNC3",
                    BarcodeDataEscape.fnc4: "FNC4", BarcodeDataEscape.shift: "SHIFT",
                ]
                parts.append(names[code] ?? "{" + String(Character(Unicode.Scalar(code))))
                continue
            }
            if set == BarcodeDataEscape.codeSetC {
                flush()
                parts.append(byte < 10 ? "0\(byte)" : "\(byte)")
            } else {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            }
            index += 1
        }
        flush()
        return parts.joined(separator: " ")
    }

    static func barcodeName(_ system: UInt8) -> String {
        BarcodeSystem(m: system)?.listingName ?? "system \(system)"
    }

    static func twoDimensionalMeaning(cn: UInt8, fn: UInt8, parameters: [UInt8]) -> String {
        typealias Code = TwoDimensionalCodeCommand
        let kind = Code.CodeType(rawValue: cn)
        let symbol = kind?.listingName ?? "2D symbol cn \(cn)"
        let first = parameters.first.map(Int.init) ?? -1
        let firstByte = parameters.first
        switch (fn, kind) {
        case (Code.store, _) where parameters.count >= 1:
            let data = parameters.dropFirst()
            return "\(symbol) store \(data.count) bytes \(quoted(String(decoding: data, as: UTF8.self)))"
        case (Code.print, _): return "\(symbol) print"
        case (Code.transmitSize, _): return "\(symbol) transmit size"
        case (Code.modelColumnsOrMode, .qrCode?) where parameters.count >= 1:
            let models = [Code.qrModel1: "1", Code.qrModel2: "2", Code.qrMicro: "micro"]
            return "QR model \(firstByte.flatMap { models[$0] } ?? String(first))"
        case (Code.moduleSize, .qrCode?): return "QR module size \(first)"
        case (Code.errorCorrection, .qrCode?):
            let level = firstByte.map { Int($0) - Int(Code.qrErrorCorrectionBase) } ?? -1
            return "QR error correction \((0...3).contains(level) ? ["L", "M", "Q", "H"][level] : String(first))"
        case (Code.modelColumnsOrMode, .pdf417?): return "PDF417 columns \(first)"
        case (Code.rowsOrShape, .pdf417?): return "PDF417 rows \(first)"
        case (Code.moduleSize, .pdf417?): return "PDF417 module width \(first)"
        case (Code.rowHeight, .pdf417?): return "PDF417 row height \(first)"
        case (Code.errorCorrection, .pdf417?) where parameters.count >= 2:
            return firstByte == Code.pdf417Level
                ? "PDF417 error correction level \(Int(parameters[1]) - Int(Code.pdf417Level))"
                : "PDF417 error correction ratio \(parameters[1])×10 %"
        case (Code.truncation, .pdf417?): return "PDF417 \(first == 1 ? "truncated" : "standard")"
        case (Code.modelColumnsOrMode, .maxiCode?): return "MaxiCode mode \(first - Int(Code.maxiCodeModeBase))"
        case (Code.rowsOrShape, .aztecCode?) where parameters.count >= 2:
            let layers = parameters[1] == 0 ? "automatic layers" : "\(parameters[1]) layers"
            return "Aztec \(first == 1 ? "compact" : "full-range"), \(layers)"
        case (Code.moduleSize, .aztecCode?): return "Aztec module size \(first)"
        case (Code.errorCorrection, .aztecCode?): return "Aztec error correction \(first) %"
        case (Code.rowsOrShape, .dataMatrix?) where parameters.count >= 3:
            let size = parameters[1] == 0 && parameters[2] == 0 ? "automatic size" : "\(parameters[1])×\(parameters[2])"
            return "DataMatrix \(first == 1 ? "rectangle" : "square"), \(size)"
        case (Code.moduleSize, .dataMatrix?): return "DataMatrix module size \(first)"
        default: return "\(symbol) function \(fn) parameters \(Hex.bytes(Array(parameters.prefix(12))))"
        }
    }
}
