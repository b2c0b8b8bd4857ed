import EscPosTransports
import Testing

@testable import EscPosCUPSTransport

/// A raw test queue cannot be made to report paper or cover problems (only a real backend sets those
/// reasons), so the mapping of IPP state reasons is checked on its own here.
@Suite struct CUPSStatusMappingTests {
    @Test(arguments: [
        (["media-empty-error"], "paperOut"),
        (["media-needed"], "paperOut"),
        (["cover-open-report"], "coverOpen"),
        (["door-open-warning"], "coverOpen"),
        (["offline-report"], "offline"),
        (["media-jam-error"], "recoverableError"),
    ])
    func stateReasonsBecomeProblems(_ reasons: [String], _ problem: String) {
        var queue = CUPSQueueAttributes(name: "Q")
        queue.state = CUPSPrinterState.stopped
        queue.stateReasons = reasons
        let status = PrinterStatus(queue: queue)
        #expect(status.source == .printQueue)
        #expect(status.queueState == "stopped")
        #expect(status.stateReasons == reasons)
        #expect(status.problems == [problem])
    }

    @Test func idleQueueWithoutReasonsCanPrint() {
        var queue = CUPSQueueAttributes(name: "Q")
        queue.state = CUPSPrinterState.idle
        queue.stateReasons = ["none"]
        let status = PrinterStatus(queue: queue)
        #expect(status.canPrint)
        #expect(status.stateReasons.isEmpty)
        #expect(status.isPaperNearEnd == false)
    }

    @Test func lowPaperIsNotAProblem() {
        var queue = CUPSQueueAttributes(name: "Q")
        queue.stateReasons = ["media-low-report"]
        let status = PrinterStatus(queue: queue)
        #expect(status.isPaperNearEnd == true)
        #expect(status.canPrint)
    }
}
