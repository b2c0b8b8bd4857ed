import Foundation

/// Points where the agent kills itself with SIGKILL when `ESCPOS_BRIDGE_FAULT` names them: the crash tests
/// start it again and count what the printer got.
enum FaultPoint: String, Sendable {
    case afterOfferReceived = "after_offer_recv"
    case afterSpoolSync = "after_spool_fsync"
    case beforeFirstByte = "before_first_byte"
    case midStream = "mid_stream"
    case afterTransportBeforeSync = "after_transport_before_fsync"
    case afterPrintedSync = "after_printed_fsync"
    case afterResultSent = "after_result_sent"

    private static let armed: FaultPoint? = ProcessInfo.processInfo.environment["ESCPOS_BRIDGE_FAULT"].flatMap(
        FaultPoint.init(rawValue:)
    )

    /// Dies here if this point is armed.
    func reached() {
        guard Self.armed == self else { return }
        FileHandle.standardError.write(Data("fault point \(rawValue): killing the agent\n".utf8))
        kill(getpid(), SIGKILL)
    }
}
