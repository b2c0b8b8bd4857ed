/// The `m` byte of `GS V m [n]`: how the paper is cut, and whether the printer feeds first.
///
/// One table for the compiler (which sends two of them), the decoder (which must know which take an `n`),
/// the listing and the virtual printer (which must know which are partial).
package enum CutMode {
    /// Full cut, no feed (`GS V 0`, also `GS V 48`).
    package static let full: UInt8 = 0x00
    /// Partial cut, no feed (`GS V 1`, also `GS V 49`).
    package static let partial: UInt8 = 0x01
    /// Feed to the cutter plus n dots, then full cut (`GS V 65 n`).
    package static let feedThenFull: UInt8 = 0x41
    /// Feed to the cutter plus n dots, then partial cut (`GS V 66 n`).
    package static let feedThenPartial: UInt8 = 0x42

    /// The modes followed by a feed byte `n`: 65, 66 (feed then cut), 97, 98 (set the cut position) and
    /// 103, 104 (feed, cut, back-feed).
    package static let withFeed: Set<UInt8> = [0x41, 0x42, 0x61, 0x62, 0x67, 0x68]

    /// Whether mode `m` cuts partially (leaving a tab of paper) rather than through.
    package static func isPartial(_ m: UInt8) -> Bool {
        [0x01, 0x31, 0x42, 0x62, 0x68].contains(m)
    }
}
