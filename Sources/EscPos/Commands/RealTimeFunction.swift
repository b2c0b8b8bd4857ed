/// The `fn` byte of `DLE DC4 fn …`.
package enum RealTimeFunction {
    /// fn 1: generate a drawer pulse (`m` pin, `t` × 100 ms).
    package static let drawerPulse: UInt8 = 0x01
    /// fn 2: power off (`DLE DC4 2 1 8`).
    package static let powerOff: UInt8 = 0x02
    /// fn 8: clear buffers (`DLE DC4 8 1 3 20 1 6 2 8`).
    package static let clearBuffers: UInt8 = 0x08

    /// The bytes after `DLE DC4` of the power-off sequence.
    package static let powerOffSequence: [UInt8] = [powerOff, 0x01, 0x08]
    /// The bytes after `DLE DC4` of the clear-buffers sequence.
    package static let clearBuffersSequence: [UInt8] = [clearBuffers, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08]
}
