/// A reusable piece of a receipt, such as a store header or a totals section.
///
/// ```swift
/// struct StoreHeader: ReceiptComponent {
///     var name: String
///     var body: [Block] {
///         Text(name).bold().size(width: 2, height: 2).alignment(.center)
///         Rule()
///     }
/// }
/// ```
public protocol ReceiptComponent {
    /// The blocks this component stands for.
    @ReceiptBuilder var body: [Block] { get }
}
