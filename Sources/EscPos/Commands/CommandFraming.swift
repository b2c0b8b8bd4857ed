/// How long a command is, from its first bytes: the framing ``CommandDecoder`` reads, for code that must
/// follow a stream without decoding it (the virtual printer answers status requests as bytes arrive).
///
/// `CommandFramingTests` checks it against the decoder over every golden fixture, so the two never drift.
package enum CommandFraming {
    /// What the first bytes of a command say about its length.
    package enum Frame: Equatable, Sendable {
        /// More bytes are needed to know.
        case needMore
        /// The command is this many bytes long, header included.
        case length(Int)
        /// The command runs up to and including the next NUL byte.
        case untilNUL
    }

    /// The most header bytes ``frame(_:)`` ever asks for (`GS v 0` needs eight to know its size).
    package static let longestHeader = 11

    /// Whether `byte` starts a command with parameters (ESC, GS, DLE, FS); every other byte is one command.
    package static func startsCommand(_ byte: UInt8) -> Bool {
        byte == ControlCode.esc || byte == ControlCode.gs || byte == ControlCode.dle || byte == ControlCode.fs
    }

    /// The frame of the command that `header` starts (its first byte is ESC, GS, DLE or FS).
    ///
    /// Commands the decoder does not know are one byte: their prefix is skipped and the rest read as data.
    package static func frame(_ header: [UInt8]) -> Frame {
        let count = header.count
        guard count >= 2 else { return .needMore }
        func word(_ at: Int) -> Int { Int(header[at]) | Int(header[at + 1]) << 8 }
        let code = header[1]
        switch header[0] {
        case ControlCode.esc:
            guard let function = ESCFunction(rawValue: code) else { return .length(1) }
            switch function {
            case .initialize, .defaultLineSpacing, .pageMode, .standardMode, .partialCutOnePoint,
                .partialCutThreePoints:
                return .length(2)
            case .bold, .underline, .doubleStrike, .upsideDown, .rotation, .font, .printMode, .alignment,
                .lineSpacing, .feedLines, .feedDots, .selectCodePage, .characterSpacing, .userDefinedCharacters,
                .internationalCharacterSet, .selectPeripheral, .pageDirection:
                return .length(3)
            case .buzzer, .absolutePosition, .relativePosition, .sensorsAndPanel:
                return .length(4)
            case .drawerPulse:
                return .length(5)
            case .starExtension:
                guard count >= 3 else { return .needMore }
                return .length(header[2] == ESCFunction.selectCodePage.rawValue ? 4 : 2)
            case .columnImage:
                guard count >= 5 else { return .needMore }
                return .length(5 + (ColumnImageMode.isTwentyFourDot(header[2]) ? word(3) * 3 : word(3)))
            case .tabPositions:
                return .untilNUL
            case .extended:
                guard count >= 5 else { return .needMore }
                return .length(5 + word(3))
            }
        case ControlCode.gs:
            guard let function = GSFunction(rawValue: code) else { return .length(1) }
            switch function {
            case .automaticStatusBack, .transmitPrinterID, .transmitStatus, .characterSize, .reverse,
                .barcodeHeight, .barcodeModuleWidth, .hriPosition, .hriFont, .printDownloadedImage:
                return .length(3)
            case .leftMargin, .printAreaWidth, .motionUnits:
                return .length(4)
            case .macro:
                return .length(2)
            case .cut:
                guard count >= 3 else { return .needMore }
                return .length(CutMode.withFeed.contains(header[2]) ? 4 : 3)
            case .barcode:
                guard count >= 3 else { return .needMore }
                if header[2] <= BarcodeSystem.lastFunctionA { return .untilNUL }
                guard count >= 4 else { return .needMore }
                return .length(4 + Int(header[3]))
            case .extended:
                guard count >= 5 else { return .needMore }
                return .length(5 + word(3))
            case .extendedLong:
                guard count >= 7 else { return .needMore }
                return .length(7 + (word(3) | word(5) << 16))
            case .rasterImage:
                // `GS v` other than `GS v 0` is no command the decoder knows; its GS is one byte.
                guard count >= 3 else { return .needMore }
                guard header[2] == GSFunction.rasterImageFunction else { return .length(1) }
                guard count >= 8 else { return .needMore }
                return .length(8 + word(4) * word(6))
            case .defineDownloadedImage:
                guard count >= 4 else { return .needMore }
                return .length(4 + Int(header[2]) * Int(header[3]) * 8)
            }
        case ControlCode.dle:
            guard let function = DLEFunction(rawValue: code) else { return .length(1) }
            switch function {
            case .transmitStatus, .request: return .length(3)
            case .command: return .length(5)
            }
        default:
            guard let function = FSFunction(rawValue: code) else { return .length(1) }
            switch function {
            case .cancelKanjiMode, .selectKanjiMode: return .length(2)
            case .kanjiPrintMode, .kanjiUnderline, .kanjiEncoding: return .length(3)
            case .extended:
                guard count >= 5 else { return .needMore }
                return .length(5 + word(3))
            }
        }
    }
}
