/// Text laid out side by side in columns, such as an item name and a right-aligned price.
///
/// Fixed columns get exactly their width in characters; flexible columns share what is left in
/// proportion to their weights. Text that does not fit its column wraps inside it, and the row grows.
///
/// ```swift
/// Columns {
///     Column("Cappuccino, oat milk, extra shot")       // flexible, wraps
///     Column("4.20", width: .fixed(8), alignment: .right)
/// }
/// ```
public struct Columns: Hashable, Sendable, StyledElement {
    /// The columns, left to right.
    public var columns: [Column]
    /// Blank characters between neighbouring columns.
    public var spacing: Int
    /// The row's style (character width changes how many characters fit).
    public var style: TextStyle

    /// Creates a row from columns.
    public init(_ columns: [Column], spacing: Int = 1, style: TextStyle = .inherited) {
        self.columns = columns
        self.spacing = spacing
        self.style = style
    }

    /// Creates a row with a list of columns.
    public init(spacing: Int = 1, style: TextStyle = .inherited, @ColumnsBuilder _ columns: () -> [Column]) {
        self.init(columns(), spacing: spacing, style: style)
    }
}
