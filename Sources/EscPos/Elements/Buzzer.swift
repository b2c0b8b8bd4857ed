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
