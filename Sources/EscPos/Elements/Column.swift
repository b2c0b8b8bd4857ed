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
