/// The byte after `DLE` of the real-time commands, which the printer runs as soon as it receives them,
/// even inside another command's data.
package enum DLEFunction: UInt8, CaseIterable, Sendable {
    /// `DLE EOT n`: real-time status request 1–4.
    case transmitStatus = 0x04
    /// `DLE ENQ n`: real-time request (1 recover and restart, 2 recover and clear).
    case request = 0x05
    /// `DLE DC4 fn …`: real-time command; see ``RealTimeFunction``.
    case command = 0x14

    /// The command's name as the reference and the listings write it: `DLE EOT`.
    package var mnemonic: String {
        switch self {
        case .transmitStatus: "DLE EOT"
        case .request: "DLE ENQ"
        case .command: "DLE DC4"
        }
    }

    /// The command with `parameters`: `DLE`, this function's byte, then the parameters.
    package func callAsFunction(_ parameters: UInt8...) -> [UInt8] {
        [ControlCode.dle, rawValue] + parameters
    }
}

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
