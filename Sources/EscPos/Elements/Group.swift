/// Blocks that share a style: everything inside gets the group's style unless it sets its own.
///
/// ```swift
/// Group {
///     Text("PAID")
/// }
/// .reverse()
/// .size(width: 2, height: 2)
/// ```
public struct Group: Hashable, Sendable, StyledElement {
    /// The style applied to every child.
    public var style: TextStyle
    /// The child blocks, in order.
    public var blocks: [Block]

    /// Creates a group from blocks.
    public init(style: TextStyle = .inherited, blocks: [Block]) {
        self.style = style
        self.blocks = blocks
    }

    /// Creates a group with the receipt DSL.
    public init(style: TextStyle = .inherited, @ReceiptBuilder _ content: () -> [Block]) {
        self.init(style: style, blocks: content())
    }
}
