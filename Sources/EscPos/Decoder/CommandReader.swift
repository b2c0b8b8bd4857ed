/// The decoder's engine: reads one command at a time from a byte stream, following the code page (`ESC t`,
/// `ESC @`) and the 2D-code functions' stored data as it goes.
struct CommandReader: Sendable {
    let bytes: [UInt8]
    let profile: PrinterProfile
    var position = 0
    var page: CodePage?
    /// What the `GS ( k` functions have stored so far, for the symbols the print function prints.
    var twoDimensionalCodes = TwoDimensionalCodeState()

    init(bytes: [UInt8], profile: PrinterProfile) {
        self.bytes = bytes
        self.profile = profile
        self.page = Self.page(profile.defaultCodePage, in: profile)
    }

    static func page(_ number: UInt8, in profile: PrinterProfile) -> CodePage? {
        profile.codePages.first { $0.number == number }?.page
    }

    var remaining: Int { bytes.count - position }

    /// Consumes `count` parameter bytes after a prefix of `prefixLength`, or reports truncation.
    mutating func take(_ prefixLength: Int, _ count: Int) -> [UInt8]? {
        guard remaining >= prefixLength + count else { return nil }
        let parameters = Array(bytes[(position + prefixLength)..<(position + prefixLength + count)])
        position += prefixLength + count
        return parameters
    }

    mutating func truncated(_ name: String) -> Command {
        let rest = Array(bytes[position...])
        position = bytes.count
        return .truncated(name: name, bytes: rest)
    }

    /// A command of a prefix plus `count` fixed parameter bytes, built by `make`.
    mutating func fixed(_ name: String, _ prefixLength: Int, _ count: Int, _ make: ([UInt8]) -> Command) -> Command {
        guard let parameters = take(prefixLength, count) else { return truncated(name) }
        return make(parameters)
    }

    mutating func next() -> Command {
        let byte = bytes[position]
        switch byte {
        case ControlCode.lf:
            position += 1
            return .lineFeed
        case ControlCode.cr:
            position += 1
            return .carriageReturn
        case ControlCode.ht:
            position += 1
            return .horizontalTab
        case ControlCode.ff:
            position += 1
            return .formFeed
        case ControlCode.esc: return escape()
        case ControlCode.gs: return groupSeparator()
        case ControlCode.dle: return dataLinkEscape()
        case ControlCode.fs: return fileSeparator()
        case 0x20...0xFF where byte != 0x7F: return text()
        default:
            position += 1
            return .unknown(byte)
        }
    }

    mutating func text() -> Command {
        var text = ""
        while position < bytes.count {
            let byte = bytes[position]
            guard byte >= 0x20, byte != 0x7F else { break }
            if let scalar = page?.character(for: byte) {
                text.unicodeScalars.append(scalar)
            } else {
                text.unicodeScalars.append("\u{FFFD}")
            }
            position += 1
        }
        return .text(text)
    }

    mutating func escape() -> Command {
        guard remaining >= 2 else { return truncated("ESC") }
        guard let function = ESCFunction(rawValue: bytes[position + 1]) else {
            position += 1
            return .unknown(ControlCode.esc)
        }
        switch function {
        case .initialize:
            position += 2
            page = Self.page(profile.defaultCodePage, in: profile)
            return .initialize
        case .bold: return fixed(function.mnemonic, 2, 1) { .bold($0[0] & 1 == 1) }
        case .underline:
            return fixed(function.mnemonic, 2, 1) {
                .underline($0[0] == 0x30 ? 0 : $0[0] == 0x31 ? 1 : $0[0] == 0x32 ? 2 : $0[0])
            }
        case .doubleStrike: return fixed(function.mnemonic, 2, 1) { .doubleStrike($0[0] & 1 == 1) }
        case .upsideDown: return fixed(function.mnemonic, 2, 1) { .upsideDown($0[0] & 1 == 1) }
        case .rotation: return fixed(function.mnemonic, 2, 1) { .rotation($0[0]) }
        case .font: return fixed(function.mnemonic, 2, 1) { .font($0[0] >= 0x30 ? $0[0] - 0x30 : $0[0]) }
        case .printMode: return fixed(function.mnemonic, 2, 1) { .printMode($0[0]) }
        case .alignment: return fixed(function.mnemonic, 2, 1) { .alignment($0[0] >= 0x30 ? $0[0] - 0x30 : $0[0]) }
        case .defaultLineSpacing:
            position += 2
            return .defaultLineSpacing
        case .lineSpacing: return fixed(function.mnemonic, 2, 1) { .lineSpacing($0[0]) }
        case .feedLines: return fixed(function.mnemonic, 2, 1) { .feedLines($0[0]) }
        case .feedDots: return fixed(function.mnemonic, 2, 1) { .feedDots($0[0]) }
        case .drawerPulse:
            return fixed(function.mnemonic, 2, 3) { .drawerPulse(pin: $0[0] & 1, onTime: $0[1], offTime: $0[2]) }
        case .buzzer: return fixed(function.mnemonic, 2, 2) { .buzzer(times: $0[0], duration: $0[1]) }
        case .selectCodePage:
            guard let parameters = take(2, 1) else { return truncated(function.mnemonic) }
            page = Self.page(parameters[0], in: profile)
            return .selectCodePage(parameters[0])
        case .starExtension:
            guard remaining >= 3, bytes[position + 2] == ESCFunction.selectCodePage.rawValue else {
                return other(function.mnemonic, 2, 0)
            }
            guard let parameters = take(3, 1) else { return truncated("ESC GS t") }
            page = Self.page(parameters[0], in: profile)
            return .selectCodePage(parameters[0])
        case .columnImage:
            guard remaining >= 5 else { return truncated(function.mnemonic) }
            let mode = bytes[position + 2]
            let width = Int(bytes[position + 3]) | Int(bytes[position + 4]) << 8
            let count = ColumnImageMode.isTwentyFourDot(mode) ? width * 3 : width
            guard let data = take(5, count) else { return truncated(function.mnemonic) }
            return .columnImage(mode: mode, width: width, data: data)
        case .characterSpacing: return other(function.mnemonic, 2, 1)
        case .absolutePosition: return other(function.mnemonic, 2, 2)
        case .relativePosition: return other(function.mnemonic, 2, 2)
        case .userDefinedCharacters: return other(function.mnemonic, 2, 1)
        case .internationalCharacterSet: return other(function.mnemonic, 2, 1)
        case .sensorsAndPanel:
            guard remaining >= 3 else { return truncated(function.mnemonic) }
            return other("ESC c \(bytes[position + 2] - (bytes[position + 2] >= 0x30 ? 0x30 : 0))", 3, 1)
        case .selectPeripheral: return other(function.mnemonic, 2, 1)
        case .tabPositions:
            // ESC D: tab positions, terminated by NUL.
            var end = position + 2
            while end < bytes.count, bytes[end] != 0 { end += 1 }
            guard end < bytes.count else { return truncated(function.mnemonic) }
            let parameters = Array(bytes[(position + 2)...end])
            position = end + 1
            return .other(name: function.mnemonic, parameters: parameters)
        case .pageMode:
            position += 2
            return .other(name: function.mnemonic, parameters: [])
        case .standardMode:
            position += 2
            return .other(name: function.mnemonic, parameters: [])
        case .pageDirection: return other(function.mnemonic, 2, 1)
        case .partialCutOnePoint:
            position += 2
            return .other(name: function.mnemonic, parameters: [])
        case .partialCutThreePoints:
            position += 2
            return .other(name: function.mnemonic, parameters: [])
        case .extended:
            // ESC ( A (buzzer on newer Epson) and other ESC ( functions: pL pH + data.
            guard remaining >= 5 else { return truncated(function.mnemonic) }
            let name = "ESC ( " + String(Character(Unicode.Scalar(bytes[position + 2])))
            let length = Int(bytes[position + 3]) | Int(bytes[position + 4]) << 8
            return other(name, 5, length)
        }
    }

    mutating func other(_ name: String, _ prefixLength: Int, _ count: Int) -> Command {
        fixed(name, prefixLength, count) { .other(name: name, parameters: $0) }
    }

    mutating func groupSeparator() -> Command {
        guard remaining >= 2 else { return truncated("GS") }
        guard let function = GSFunction(rawValue: bytes[position + 1]) else {
            position += 1
            return .unknown(ControlCode.gs)
        }
        switch function {
        case .characterSize:
            return fixed(function.mnemonic, 2, 1) {
                .characterSize(width: Int($0[0] >> 4 & 7) + 1, height: Int($0[0] & 7) + 1)
            }
        case .reverse: return fixed(function.mnemonic, 2, 1) { .reverse($0[0] & 1 == 1) }
        case .leftMargin: return fixed(function.mnemonic, 2, 2) { .leftMargin(Int($0[0]) | Int($0[1]) << 8) }
        case .printAreaWidth: return fixed(function.mnemonic, 2, 2) { .printAreaWidth(Int($0[0]) | Int($0[1]) << 8) }
        case .cut:
            guard remaining >= 3 else { return truncated(function.mnemonic) }
            let mode = bytes[position + 2]
            if CutMode.withFeed.contains(mode) {
                return fixed(function.mnemonic, 3, 1) { .cut(mode: mode, feed: $0[0]) }
            }
            position += 3
            return .cut(mode: mode, feed: nil)
        case .automaticStatusBack: return fixed(function.mnemonic, 2, 1) { .automaticStatusBack($0[0]) }
        case .transmitPrinterID: return fixed(function.mnemonic, 2, 1) { .transmitPrinterID($0[0]) }
        case .transmitStatus: return fixed(function.mnemonic, 2, 1) { .transmitStatus($0[0]) }
        case .barcodeHeight: return fixed(function.mnemonic, 2, 1) { .barcodeHeight($0[0]) }
        case .barcodeModuleWidth: return fixed(function.mnemonic, 2, 1) { .barcodeModuleWidth($0[0]) }
        case .hriPosition: return fixed(function.mnemonic, 2, 1) { .hriPosition($0[0] >= 0x30 ? $0[0] - 0x30 : $0[0]) }
        case .hriFont: return fixed(function.mnemonic, 2, 1) { .hriFont($0[0] >= 0x30 ? $0[0] - 0x30 : $0[0]) }
        case .barcode:
            guard remaining >= 3 else { return truncated(function.mnemonic) }
            let system = bytes[position + 2]
            if system <= BarcodeSystem.lastFunctionA {
                // Function A: data up to a NUL.
                var end = position + 3
                while end < bytes.count, bytes[end] != 0 { end += 1 }
                guard end < bytes.count else { return truncated(function.mnemonic) }
                let data = Array(bytes[(position + 3)..<end])
                position = end + 1
                return .barcode(system: system, data: data)
            }
            guard remaining >= 4 else { return truncated(function.mnemonic) }
            let length = Int(bytes[position + 3])
            guard let data = take(4, length) else { return truncated(function.mnemonic) }
            return .barcode(system: system, data: data)
        case .extended:
            guard remaining >= 5 else { return truncated(function.mnemonic) }
            let function = bytes[position + 2]
            let length = Int(bytes[position + 3]) | Int(bytes[position + 4]) << 8
            let name = "GS ( " + String(Character(Unicode.Scalar(function)))
            guard let body = take(5, length) else { return truncated(name) }
            switch GSExtendedFunction(rawValue: function) {
            case .twoDimensionalCode? where body.count >= 2:
                return .twoDimensionalCode(cn: body[0], fn: body[1], parameters: Array(body.dropFirst(2)))
            case .graphics? where body.count >= 2:
                return .graphics(m: body[0], fn: body[1], parameters: Array(body.dropFirst(2)))
            default:
                return .other(name: name, parameters: body)
            }
        case .extendedLong:
            guard remaining >= 7 else { return truncated(function.mnemonic) }
            let function = bytes[position + 2]
            let length = (0..<4).reduce(0) { $0 | Int(bytes[position + 3 + $1]) << (8 * $1) }
            let name = "GS 8 " + String(Character(Unicode.Scalar(function)))
            guard length <= remaining - 7, let body = take(7, length) else { return truncated(name) }
            if function == GSExtendedFunction.graphics.rawValue, body.count >= 2 {
                return .graphics(m: body[0], fn: body[1], parameters: Array(body.dropFirst(2)))
            }
            return .other(name: name, parameters: body)
        case .rasterImage:
            guard remaining >= 8, bytes[position + 2] == GSFunction.rasterImageFunction else {
                return truncated(GSFunction.rasterImageMnemonic)
            }
            let mode = bytes[position + 3]
            let widthBytes = Int(bytes[position + 4]) | Int(bytes[position + 5]) << 8
            let height = Int(bytes[position + 6]) | Int(bytes[position + 7]) << 8
            guard let data = take(8, widthBytes * height) else { return truncated(GSFunction.rasterImageMnemonic) }
            return .rasterImage(mode: mode, widthBytes: widthBytes, height: height, data: data)
        case .motionUnits: return other(function.mnemonic, 2, 2)
        case .macro:
            position += 2
            return .other(name: function.mnemonic, parameters: [])
        case .printDownloadedImage: return other(function.mnemonic, 2, 1)
        case .defineDownloadedImage:
            guard remaining >= 4 else { return truncated(function.mnemonic) }
            let count = Int(bytes[position + 2]) * Int(bytes[position + 3]) * 8
            return other(function.mnemonic, 4, count)
        }
    }

    mutating func dataLinkEscape() -> Command {
        guard remaining >= 2 else { return truncated("DLE") }
        guard let function = DLEFunction(rawValue: bytes[position + 1]) else {
            position += 1
            return .unknown(ControlCode.dle)
        }
        switch function {
        case .transmitStatus: return fixed(function.mnemonic, 2, 1) { .realTimeStatus($0[0]) }
        case .request: return fixed(function.mnemonic, 2, 1) { .realTimeRequest($0[0]) }
        case .command: return fixed(function.mnemonic, 2, 3) { .realTimeCommand(function: $0[0], m: $0[1], t: $0[2]) }
        }
    }

    mutating func fileSeparator() -> Command {
        guard remaining >= 2 else { return truncated("FS") }
        guard let function = FSFunction(rawValue: bytes[position + 1]) else {
            position += 1
            return .unknown(ControlCode.fs)
        }
        switch function {
        case .cancelKanjiMode:
            position += 2
            return .cancelKanjiMode
        case .selectKanjiMode:
            position += 2
            return .selectKanjiMode
        case .kanjiPrintMode, .kanjiUnderline, .kanjiEncoding: return other(function.mnemonic, 2, 1)
        case .extended:
            guard remaining >= 5 else { return truncated(function.mnemonic) }
            let name = "FS ( " + String(Character(Unicode.Scalar(bytes[position + 2])))
            let length = Int(bytes[position + 3]) | Int(bytes[position + 4]) << 8
            return other(name, 5, length)
        }
    }
}
