/// A paper cut, `GS V`.
///
/// With `feed: true` (the default) the printer first feeds the last printed line past the cutter,
/// so nothing is cut off; with `feed: false` it cuts where the paper is.
public struct Cut: Hashable, Sendable {
    /// The kind of cut.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Cuts the paper through.
        case full
        /// Leaves a small bridge so the receipt hangs until torn off.
        case partial
    }

    /// Full or partial.
    public var kind: Kind
    /// Whether to feed the paper to the cutter first.
    public var feed: Bool

    /// Creates a cut.
    public init(_ kind: Kind = .partial, feed: Bool = true) {
        self.kind = kind
        self.feed = feed
    }
}
