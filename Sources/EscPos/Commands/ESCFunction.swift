/// The byte after `ESC` of each `ESC` command this package emits or reads.
///
/// The compiler builds its commands from these values and the decoder recognises them by the same
/// values, so a command number is written in one place. The parameter bytes are documented at each case.
package enum ESCFunction: UInt8, CaseIterable, Sendable {
    /// `ESC GS t n`: select code page n on Star printers.
    case starExtension = 0x1D
    /// `ESC SP n`: right-side character spacing.
    case characterSpacing = 0x20
    /// `ESC ! n`: print mode bits (font B, bold, double height and width, underline).
    case printMode = 0x21
    /// `ESC $ nL nH`: absolute horizontal position.
    case absolutePosition = 0x24
    /// `ESC % n`: user-defined characters on or off.
    case userDefinedCharacters = 0x25
    /// `ESC ( fn pL pH …`: the extended functions (`ESC ( A`, the buzzer of newer Epson printers).
    case extended = 0x28
    /// `ESC * m nL nH d…`: column bit image.
    case columnImage = 0x2A
    /// `ESC - n`: underline 0, 1 or 2 dots.
    case underline = 0x2D
    /// `ESC 2`: default line spacing.
    case defaultLineSpacing = 0x32
    /// `ESC 3 n`: line spacing in dots.
    case lineSpacing = 0x33
    /// `ESC = n`: select a peripheral device.
    case selectPeripheral = 0x3D
    /// `ESC @`: initialise the printer.
    case initialize = 0x40
    /// `ESC B n t`: buzzer n times, t × 50 ms.
    case buzzer = 0x42
    /// `ESC D n… NUL`: tab positions.
    case tabPositions = 0x44
    /// `ESC E n`: bold.
    case bold = 0x45
    /// `ESC G n`: double-strike.
    case doubleStrike = 0x47
    /// `ESC J n`: print and feed n dots.
    case feedDots = 0x4A
    /// `ESC L`: page mode.
    case pageMode = 0x4C
    /// `ESC M n`: font 0 (A), 1 (B), 2 (C).
    case font = 0x4D
    /// `ESC R n`: international character set.
    case internationalCharacterSet = 0x52
    /// `ESC S`: standard mode.
    case standardMode = 0x53
    /// `ESC T n`: print direction in page mode.
    case pageDirection = 0x54
    /// `ESC V n`: 90° rotation.
    case rotation = 0x56
    /// `ESC \ nL nH`: relative horizontal position.
    case relativePosition = 0x5C
    /// `ESC a n`: 0 left, 1 centre, 2 right.
    case alignment = 0x61
    /// `ESC c n m`: paper sensors and panel buttons (n 3, 4, 5).
    case sensorsAndPanel = 0x63
    /// `ESC d n`: print and feed n lines.
    case feedLines = 0x64
    /// `ESC i`: partial cut leaving one point uncut (obsolete; `GS V` replaces it).
    case partialCutOnePoint = 0x69
    /// `ESC m`: partial cut leaving three points uncut (obsolete).
    case partialCutThreePoints = 0x6D
    /// `ESC p m t1 t2`: drawer pulse on pin 2 (m 0) or 5 (m 1), times in 2 ms units.
    case drawerPulse = 0x70
    /// `ESC t n`: select code page n.
    case selectCodePage = 0x74
    /// `ESC { n`: upside-down.
    case upsideDown = 0x7B

    /// The command's name as the reference and the listings write it: `ESC GS`.
    package var mnemonic: String {
        switch self {
        case .starExtension: "ESC GS"
        case .characterSpacing: "ESC SP"
        case .printMode: "ESC !"
        case .absolutePosition: "ESC $"
        case .userDefinedCharacters: "ESC %"
        case .extended: "ESC ("
        case .columnImage: "ESC *"
        case .underline: "ESC -"
        case .defaultLineSpacing: "ESC 2"
        case .lineSpacing: "ESC 3"
        case .selectPeripheral: "ESC ="
        case .initialize: "ESC @"
        case .buzzer: "ESC B"
        case .tabPositions: "ESC D"
        case .bold: "ESC E"
        case .doubleStrike: "ESC G"
        case .feedDots: "ESC J"
        case .pageMode: "ESC L"
        case .font: "ESC M"
        case .internationalCharacterSet: "ESC R"
        case .standardMode: "ESC S"
        case .pageDirection: "ESC T"
        case .rotation: "ESC V"
        case .relativePosition: "ESC \\"
        case .alignment: "ESC a"
        case .sensorsAndPanel: "ESC c"
        case .feedLines: "ESC d"
        case .partialCutOnePoint: "ESC i"
        case .partialCutThreePoints: "ESC m"
        case .drawerPulse: "ESC p"
        case .selectCodePage: "ESC t"
        case .upsideDown: "ESC {"
        }
    }

    /// The command with `parameters`: `ESC`, this function's byte, then the parameters.
    package func callAsFunction(_ parameters: UInt8...) -> [UInt8] {
        [ControlCode.esc, rawValue] + parameters
    }
}
