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
