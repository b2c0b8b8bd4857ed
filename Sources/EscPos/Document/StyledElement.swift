/// An element that carries a ``TextStyle`` and so gets the style modifiers (`.bold()`, `.alignment(.center)`, …).
///
/// Modifiers return a modified copy; they never throw. Out-of-range values are reported by the compiler
/// (or the JSON decoder) with the path of the offending block.
public protocol StyledElement {
    /// The element's own style; `nil` attributes are inherited.
    var style: TextStyle { get set }
}

extension StyledElement {
    private func with(_ change: (inout TextStyle) -> Void) -> Self {
        var copy = self
        change(&copy.style)
        return copy
    }

    /// Bold (emphasised) on or off.
    public func bold(_ on: Bool = true) -> Self { with { $0.bold = on } }
    /// Underline, one or two dots thick.
    public func underline(_ underline: TextStyle.Underline = .single) -> Self { with { $0.underline = underline } }
    /// Double-strike on or off.
    public func doubleStrike(_ on: Bool = true) -> Self { with { $0.doubleStrike = on } }
    /// White text on black.
    public func reverse(_ on: Bool = true) -> Self { with { $0.reverse = on } }
    /// Upside-down printing.
    public func upsideDown(_ on: Bool = true) -> Self { with { $0.upsideDown = on } }
    /// Characters turned 90° clockwise.
    public func rotated(_ on: Bool = true) -> Self { with { $0.rotated = on } }
    /// The printer font.
    public func font(_ font: TextStyle.Font) -> Self { with { $0.font = font } }
    /// Character magnification, 1–8 in each direction.
    public func size(width: Int, height: Int) -> Self { with { $0.size = .init(width: width, height: height) } }
    /// Character magnification.
    public func size(_ size: TextStyle.CharacterSize) -> Self { with { $0.size = size } }
    /// Line alignment.
    public func alignment(_ alignment: TextStyle.Alignment) -> Self { with { $0.alignment = alignment } }
    /// Line spacing in dots (0–255).
    public func lineSpacing(_ dots: Int) -> Self { with { $0.lineSpacing = dots } }
    /// Left margin in dots.
    public func leftMargin(_ dots: Int) -> Self { with { $0.leftMargin = dots } }
    /// Print-area width in dots.
    public func printAreaWidth(_ dots: Int) -> Self { with { $0.printAreaWidth = dots } }
    /// Replaces every attribute `style` sets.
    public func style(_ style: TextStyle) -> Self { with { $0 = $0.overridden(by: style) } }
}
