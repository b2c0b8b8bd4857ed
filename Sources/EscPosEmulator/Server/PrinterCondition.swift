public import EscPosPrinting

/// The state of the virtual printer's hardware: what its status replies say and whether it prints.
///
/// Set it to test how your code handles a printer that is out of paper or has its cover open: in
/// any state but ``paperNearEnd`` alone the virtual printer refuses jobs, as a real printer goes offline.
///
/// ```swift
/// server.setCondition(PrinterCondition(paperOut: true))
/// ```
public struct PrinterCondition: Hashable, Sendable, Codable {
    /// The roll is nearly used up; the printer still prints.
    public var paperNearEnd: Bool
    /// The roll is used up; the printer stops.
    public var paperOut: Bool
    /// The cover is open; the printer stops.
    public var coverOpen: Bool
    /// The printer is offline for another reason (an operator pressed a button, an error).
    public var offline: Bool

    /// Creates a condition; the default is a ready printer.
    public init(paperNearEnd: Bool = false, paperOut: Bool = false, coverOpen: Bool = false, offline: Bool = false) {
        self.paperNearEnd = paperNearEnd
        self.paperOut = paperOut
        self.coverOpen = coverOpen
        self.offline = offline
    }

    /// The names used on the command line and by the control endpoint.
    public static let settingNames = ["paper-near-end", "paper-out", "cover-open", "offline"]

    /// Whether the printer is offline and so refuses to print: paper out, cover open or offline.
    public var refusesPrinting: Bool { paperOut || coverOpen || offline }

    /// Why the printer refuses to print, or `nil` when it prints.
    public var refusalReason: String? {
        if coverOpen { return "the cover is open" }
        if paperOut { return "the paper is out" }
        if offline { return "the printer is offline" }
        return nil
    }

    /// Changes one setting by its name (see ``settingNames``); returns `false` for an unknown name.
    public mutating func set(_ name: String, to value: Bool) -> Bool {
        switch name {
        case "paper-near-end": paperNearEnd = value
        case "paper-out": paperOut = value
        case "cover-open": coverOpen = value
        case "offline": offline = value
        default: return false
        }
        return true
    }

    /// `paper-near-end=off paper-out=on cover-open=off offline=off`.
    public var summary: String {
        let values = [paperNearEnd, paperOut, coverOpen, offline]
        return zip(Self.settingNames, values).map { "\($0)=\($1 ? "on" : "off")" }.joined(separator: " ")
    }

    /// The status the virtual printer reports in this condition; its status replies (`DLE EOT`, `GS a`,
    /// `GS r`) are this status's bytes, built by `EscPosPrinting`, the same code that reads them.
    public var status: PrinterStatus {
        var status = PrinterStatus.ready
        status.isOnline = !refusesPrinting
        status.isCoverOpen = coverOpen
        status.isStoppedByPaperEnd = paperOut
        status.isPaperNearEnd = paperNearEnd
        status.isPaperOut = paperOut
        return status
    }
}
