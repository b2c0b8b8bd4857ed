/// A text style with every attribute decided: what the printer state must be for a line.
struct ResolvedStyle: Equatable {
    var bold = false
    var underline = TextStyle.Underline.none
    var doubleStrike = false
    var reverse = false
    var upsideDown = false
    var rotated = false
    var font = TextStyle.Font.a
    var size = TextStyle.CharacterSize.normal
    var alignment = TextStyle.Alignment.left
    /// `nil` is the printer's default spacing (`ESC 2`).
    var lineSpacing: Int? = nil
    var leftMargin = 0
    /// `nil` is the full width from the margin (the power-on value, never sent).
    var printAreaWidth: Int? = nil

    /// The printer's power-on state, which `ESC @` restores.
    static let printerDefault = ResolvedStyle()

    init() {}

    init(_ style: TextStyle) {
        bold = style.bold ?? false
        underline = style.underline ?? .none
        doubleStrike = style.doubleStrike ?? false
        reverse = style.reverse ?? false
        upsideDown = style.upsideDown ?? false
        rotated = style.rotated ?? false
        font = style.font ?? .a
        size = style.size ?? .normal
        alignment = style.alignment ?? .left
        lineSpacing = style.lineSpacing
        leftMargin = style.leftMargin ?? 0
        printAreaWidth = style.printAreaWidth
    }
}
