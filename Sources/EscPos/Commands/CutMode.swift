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
    /// Full cut, as the digit `0` (`GS V 48`).
    package static let fullDigit: UInt8 = 0x30
    /// Partial cut, as the digit `1` (`GS V 49`).
    package static let partialDigit: UInt8 = 0x31
    /// Set the cut position n dots on, then full cut there (`GS V 97 n`).
    package static let setPositionThenFull: UInt8 = 0x61
    /// Set the cut position n dots on, then partial cut there (`GS V 98 n`).
    package static let setPositionThenPartial: UInt8 = 0x62
    /// Feed n dots, full cut, back-feed to the print position (`GS V 103 n`).
    package static let feedCutAndBackFull: UInt8 = 0x67
    /// Feed n dots, partial cut, back-feed (`GS V 104 n`).
    package static let feedCutAndBackPartial: UInt8 = 0x68

    /// The modes followed by a feed byte `n`.
    package static let withFeed: Set<UInt8> = [
        feedThenFull, feedThenPartial, setPositionThenFull, setPositionThenPartial, feedCutAndBackFull,
        feedCutAndBackPartial,
    ]

    /// Whether mode `m` cuts partially (leaving a tab of paper) rather than through.
    package static func isPartial(_ m: UInt8) -> Bool {
        [partial, partialDigit, feedThenPartial, setPositionThenPartial, feedCutAndBackPartial].contains(m)
    }
}
