import EscPosBridgeProtocol
import EscPosPrinting
import Foundation

extension PrinterState {
    /// The protocol's view of a status the printer reported.
    init(_ status: PrinterStatus) {
        let paper: Paper =
            if status.isPaperOut == true {
                .out
            } else if status.isPaperNearEnd == true {
                .nearEnd
            } else if status.isPaperOut == nil && status.isPaperNearEnd == nil {
                .unknown
            } else {
                .ok
            }
        let error: ErrorKind =
            if status.hasCutterError == true {
                .cutter
            } else if status.hasUnrecoverableError == true {
                .unrecoverable
            } else if status.hasRecoverableError == true || status.hasAutoRecoverableError == true
                || status.hasError == true
            {
                .recoverable
            } else {
                .none
            }
        self.init(
            online: status.isOnline ?? true,
            paper: paper,
            coverOpen: status.isCoverOpen ?? false,
            drawerOpen: status.isDrawerSensorHigh ?? false,
            error: error,
            problems: status.problemDescriptions
        )
    }

    /// A printer that could not be reached.
    static func unreachable(_ reason: String) -> PrinterState {
        PrinterState(online: false, problems: [reason])
    }
}
