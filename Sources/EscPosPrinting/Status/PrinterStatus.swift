/// What a printer reports about itself: online, cover, paper, drawer and error conditions.
///
/// Decoded from the printer's real-time status replies (`DLE EOT 1`–`4`), from Automatic Status Back
/// blocks (`GS a`), or, for a CUPS queue, from the queue's state and state reasons. Each condition is
/// optional: `nil` means the source did not say, not "no".
///
/// ```swift
/// let status = try await printer.status()
/// if status.isPaperOut == true { showAlert("Load paper") }
/// if !status.canPrint { print(status.problems) }
/// ```
public struct PrinterStatus: Hashable, Sendable, Codable {
    /// Where a status came from.
    public enum Source: String, Hashable, Sendable, Codable {
        /// Real-time status requests (`DLE EOT n`) answered by the printer.
        case realTime
        /// An Automatic Status Back block (`GS a`) the printer sent by itself.
        case automaticStatusBack
        /// A print queue's view (CUPS printer state and state reasons).
        case printQueue
    }

    /// Where this status came from.
    public var source: Source
    /// Whether the printer is online (ready to receive print data).
    public var isOnline: Bool?
    /// Whether the printer cover is open.
    public var isCoverOpen: Bool?
    /// Whether the roll paper near-end sensor reports little paper left.
    public var isPaperNearEnd: Bool?
    /// Whether the roll paper has run out.
    public var isPaperOut: Bool?
    /// Whether the cash-drawer kick connector's pin 3 is high (on most drawers: drawer closed; check yours).
    public var isDrawerSensorHigh: Bool?
    /// Whether the FEED button is pressed.
    public var isFeedButtonPressed: Bool?
    /// Whether paper is being fed with the FEED button.
    public var isPaperBeingFed: Bool?
    /// Whether printing stopped because the paper ran out.
    public var isStoppedByPaperEnd: Bool?
    /// Whether the printer is waiting to come back online (after an error or a cover close).
    public var isWaitingForOnlineRecovery: Bool?
    /// Whether the printer reports that some error occurred.
    public var hasError: Bool?
    /// A mechanical error that clears once the cause is removed (such as a paper jam).
    public var hasRecoverableError: Bool?
    /// An autocutter error (blade jammed).
    public var hasCutterError: Bool?
    /// An error that needs the printer to be switched off and repaired.
    public var hasUnrecoverableError: Bool?
    /// An error that clears by itself, such as a print head that is too hot.
    public var hasAutoRecoverableError: Bool?
    /// The print queue's state (`idle`, `processing`, `stopped`); only for ``Source/printQueue``.
    public var queueState: String?
    /// The print queue's state reasons (`media-empty-error`, `cover-open`, `offline-report`); only for
    /// ``Source/printQueue``.
    public var stateReasons: [String]

    /// Creates a status in which nothing is known yet.
    public init(source: Source) {
        self.source = source
        self.stateReasons = []
    }

    /// Whether nothing reported stops printing: not offline, no open cover, paper present, no error.
    ///
    /// Unknown conditions (`nil`) do not count against printing.
    public var canPrint: Bool {
        problems.isEmpty
    }

    /// The reported conditions that stop printing, as stable names (`paperOut`, `coverOpen`, `offline`, ...).
    public var problems: [String] {
        reportedProblems.map(\.name)
    }

    /// ``problems`` in words, for messages to people (`paper out`, `cover open`, `offline`, ...).
    public var problemDescriptions: [String] {
        reportedProblems.map(\.words)
    }

    /// Each condition that stops printing, with its stable name and its words, once.
    private var reportedProblems: [(name: String, words: String)] {
        let conditions: [(Bool?, Bool, String, String)] = [
            (isPaperOut, true, "paperOut", "paper out"),
            (isCoverOpen, true, "coverOpen", "cover open"),
            (isOnline, false, "offline", "offline"),
            (hasCutterError, true, "cutterError", "cutter error"),
            (hasUnrecoverableError, true, "unrecoverableError", "unrecoverable error"),
            (hasRecoverableError, true, "recoverableError", "recoverable error (such as a paper jam)"),
            (hasAutoRecoverableError, true, "autoRecoverableError", "print head too hot (clears by itself)"),
        ]
        return conditions.compactMap { value, stops, name, words in value == stops ? (name, words) : nil }
    }
}

extension PrinterStatus {
    /// A printer that is online with paper, cover closed and no error: every real-time condition "no".
    public static var ready: PrinterStatus {
        var status = PrinterStatus(source: .realTime)
        status.isOnline = true
        status.isCoverOpen = false
        status.isPaperNearEnd = false
        status.isPaperOut = false
        status.isDrawerSensorHigh = false
        status.isFeedButtonPressed = false
        status.isPaperBeingFed = false
        status.isStoppedByPaperEnd = false
        status.isWaitingForOnlineRecovery = false
        status.hasError = false
        status.hasRecoverableError = false
        status.hasCutterError = false
        status.hasUnrecoverableError = false
        status.hasAutoRecoverableError = false
        return status
    }
}
