import Foundation

/// A printer's condition as the agent last read it, in the protocol and the REST API.
public struct PrinterState: Codable, Sendable, Hashable {
    /// The paper roll.
    public enum Paper: String, Codable, Sendable, Hashable {
        case ok
        case nearEnd
        case out
        case unknown
    }

    /// The printer's error condition.
    public enum ErrorKind: String, Codable, Sendable, Hashable {
        case none
        /// Clears by itself or when the cause is removed (a head too hot, a cover closed).
        case recoverable
        /// Needs the printer switched off and on.
        case unrecoverable
        /// The auto-cutter jammed.
        case cutter
    }

    /// Whether the agent can reach the printer and it reports itself online.
    public var online: Bool
    public var paper: Paper
    public var coverOpen: Bool
    public var drawerOpen: Bool
    public var error: ErrorKind
    /// The status the printer reported, in words (empty when it is ready).
    public var problems: [String]
    /// When the agent read it.
    public var at: Date

    public init(
        online: Bool,
        paper: Paper = .unknown,
        coverOpen: Bool = false,
        drawerOpen: Bool = false,
        error: ErrorKind = .none,
        problems: [String] = [],
        at: Date = Date()
    ) {
        self.online = online
        self.paper = paper
        self.coverOpen = coverOpen
        self.drawerOpen = drawerOpen
        self.error = error
        self.problems = problems
        self.at = at
    }

    /// Why a job cannot print now, or `nil` when it can.
    public var waitingReason: WaitingReason? {
        // Printers report themselves offline while the paper is out or the cover open: the cause comes first.
        if paper == .out { return .paperOut }
        if coverOpen { return .coverOpen }
        if !online { return .offline }
        if error != .none { return .printerError }
        return nil
    }

    /// Whether two readings say the same, ignoring when they were taken.
    public func sameCondition(as other: PrinterState) -> Bool {
        var other = other
        other.at = at
        return self == other
    }
}
