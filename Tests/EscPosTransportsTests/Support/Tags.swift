import Testing

extension Tag {
    /// Needs the emulated USB printer (umockdev).
    @Tag static var usb: Self
    /// Starts a private cupsd.
    @Tag static var cups: Self
    /// Uses loopback TCP.
    @Tag static var network: Self
    /// Uses a pseudo-terminal pair.
    @Tag static var serial: Self
}
