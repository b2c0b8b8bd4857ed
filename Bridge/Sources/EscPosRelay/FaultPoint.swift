import Foundation

/// Points where the relay kills itself with SIGKILL when `ESCPOS_BRIDGE_FAULT` names them: the crash tests
/// restart it and count what the printer got.
enum FaultPoint: String, Sendable {
    case afterJobCommitBefore201 = "after_job_commit_before_201"
    case afterOfferWrite = "after_offer_write"
    case afterAcceptCommit = "after_accept_commit"
    case afterResultCommitBeforeAck = "after_result_commit_before_ack"

    private static let armed: FaultPoint? = ProcessInfo.processInfo.environment["ESCPOS_BRIDGE_FAULT"].flatMap(
        FaultPoint.init(rawValue:)
    )

    /// Dies here if this point is armed.
    func reached() {
        guard Self.armed == self else { return }
        FileHandle.standardError.write(Data("fault point \(rawValue): killing the relay\n".utf8))
        kill(getpid(), SIGKILL)
    }
}
