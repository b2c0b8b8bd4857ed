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

/// A pulse that opens a cash drawer connected to the printer, `ESC p m t1 t2`.
///
/// Times are in milliseconds, rounded down to the printer's 2 ms unit; each must be 2–510 ms.
public struct DrawerPulse: Hashable, Sendable {
    /// The drawer connector pin that receives the pulse.
    public enum Pin: Int, Hashable, Sendable, Codable, CaseIterable {
        /// Pin 2 (drawer 1).
        case pin2 = 2
        /// Pin 5 (drawer 2).
        case pin5 = 5
    }

    /// Which pin.
    public var pin: Pin
    /// How long the pulse is on, in milliseconds.
    public var onMilliseconds: Int
    /// How long it then stays off, in milliseconds.
    public var offMilliseconds: Int

    /// Creates a pulse; 100 ms on and 200 ms off open most drawers.
    public init(pin: Pin = .pin2, onMilliseconds: Int = 100, offMilliseconds: Int = 200) {
        self.pin = pin
        self.onMilliseconds = onMilliseconds
        self.offMilliseconds = offMilliseconds
    }
}

/// Sounds the printer's buzzer, on printers whose profile has one (`ESC B n t`).
public struct Buzzer: Hashable, Sendable {
    /// How many beeps, 1–9.
    public var times: Int
    /// Length of each beep in units of 50 ms, 1–9.
    public var duration: Int

    /// Creates a buzzer signal.
    public init(times: Int = 1, duration: Int = 2) {
        self.times = times
        self.duration = duration
    }
}

/// Bytes sent to the printer exactly as given: the explicit escape hatch for commands this library
/// does not model.
///
/// The compiler cannot know what these bytes do, so after them it forgets what it knew about the
/// printer's state and sets every attribute again before the next text.
public struct RawBytes: Hashable, Sendable {
    /// The bytes, sent unchanged.
    public var bytes: [UInt8]

    /// Wraps bytes to send unchanged. The label says what you accept: no validation at all.
    public init(unchecked bytes: [UInt8]) {
        self.bytes = bytes
    }
}
