/// The byte after `FS` of each `FS` (Kanji) command this package emits or reads.
package enum FSFunction: UInt8, CaseIterable, Sendable {
    /// `FS ! n`: Kanji print mode.
    case kanjiPrintMode = 0x21
    /// `FS &`: select Kanji mode.
    case selectKanjiMode = 0x26
    /// `FS ( fn pL pH …`: the extended Kanji functions.
    case extended = 0x28
    /// `FS -  n`: Kanji underline.
    case kanjiUnderline = 0x2D
    /// `FS .`: cancel Kanji mode, so single-byte code pages print (Chinese clones often start in Kanji mode).
    case cancelKanjiMode = 0x2E
    /// `FS C n`: Kanji character encoding.
    case kanjiEncoding = 0x43

    /// The command's name as the reference and the listings write it: `FS !`.
    package var mnemonic: String {
        switch self {
        case .kanjiPrintMode: "FS !"
        case .selectKanjiMode: "FS &"
        case .extended: "FS ("
        case .kanjiUnderline: "FS -"
        case .cancelKanjiMode: "FS ."
        case .kanjiEncoding: "FS C"
        }
    }

    /// The command with `parameters`: `FS`, this function's byte, then the parameters.
    package func callAsFunction(_ parameters: UInt8...) -> [UInt8] {
        [ControlCode.fs, rawValue] + parameters
    }
}
