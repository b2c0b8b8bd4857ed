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
