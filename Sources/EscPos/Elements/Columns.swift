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

/// One column of a ``Columns`` row.
public struct Column: Hashable, Sendable {
    /// How wide a column is.
    public enum Width: Hashable, Sendable {
        /// Exactly this many character columns.
        case fixed(Int)
        /// A share of the columns left after fixed columns and spacing, in proportion to the weight.
        case flexible(weight: Int)

        /// A flexible column of weight 1.
        public static let flexible = Width.flexible(weight: 1)

        /// The widest fixed column, in characters: no printer line holds more (4096 dots of 1-dot cells).
        public static let maximumFixedWidth = 4096
        /// The largest weight of a flexible column.
        public static let maximumWeight = 100
    }

    /// The column's text.
    public var text: String
    /// The column's width.
    public var width: Width
    /// Where the text sits inside the column.
    public var alignment: TextStyle.Alignment

    /// Creates a column.
    public init(_ text: String, width: Width = .flexible, alignment: TextStyle.Alignment = .left) {
        self.text = text
        self.width = width
        self.alignment = alignment
    }
}

/// Builds the column list of a ``Columns`` row.
@resultBuilder
public enum ColumnsBuilder {
    /// Combines columns.
    public static func buildBlock(_ columns: [Column]...) -> [Column] { columns.flatMap { $0 } }
    /// A single column.
    public static func buildExpression(_ column: Column) -> [Column] { [column] }
    /// A list of columns.
    public static func buildExpression(_ columns: [Column]) -> [Column] { columns }
    /// An `if` without `else`.
    public static func buildOptional(_ columns: [Column]?) -> [Column] { columns ?? [] }
    /// The first branch of an `if`/`else` or `switch`.
    public static func buildEither(first columns: [Column]) -> [Column] { columns }
    /// The second branch of an `if`/`else` or `switch`.
    public static func buildEither(second columns: [Column]) -> [Column] { columns }
    /// A `for` loop.
    public static func buildArray(_ columns: [[Column]]) -> [Column] { columns.flatMap { $0 } }
}
