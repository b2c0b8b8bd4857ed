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
