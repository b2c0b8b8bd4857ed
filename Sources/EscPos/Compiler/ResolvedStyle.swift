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

    /// A style that differs from `style` in every attribute: stands for "unknown", so that comparing
    /// against it sends every command.
    static func unknownSentinel(unlike style: ResolvedStyle) -> ResolvedStyle {
        var other = ResolvedStyle()
        other.bold = !style.bold
        other.underline = style.underline == .none ? .single : .none
        other.doubleStrike = !style.doubleStrike
        other.reverse = !style.reverse
        other.upsideDown = !style.upsideDown
        other.rotated = !style.rotated
        other.font = style.font == .a ? .b : .a
        other.size = style.size == .normal ? .double : .normal
        other.alignment = style.alignment == .left ? .right : .left
        other.lineSpacing = style.lineSpacing == nil ? 0 : nil
        other.leftMargin = style.leftMargin == 0 ? 1 : 0
        other.printAreaWidth = style.printAreaWidth == nil ? 0 : nil
        return other
    }

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
