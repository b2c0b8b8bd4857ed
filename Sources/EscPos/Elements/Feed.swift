/// Paper feed, by text lines (`ESC d`) or by dots (`ESC J`).
///
/// ```swift
/// Feed(lines: 3)
/// Feed(dots: 40)
/// ```
public struct Feed: Hashable, Sendable {
    /// The unit of a feed.
    public enum Amount: Hashable, Sendable {
        /// Whole lines at the current line spacing.
        case lines(Int)
        /// Printer dots (the vertical motion unit, 1/203 in on most thermal printers).
        case dots(Int)
    }

    /// How far to feed.
    public var amount: Amount

    /// Feeds `lines` lines.
    public init(lines: Int) { self.amount = .lines(lines) }
    /// Feeds `dots` dots.
    public init(dots: Int) { self.amount = .dots(dots) }
}
