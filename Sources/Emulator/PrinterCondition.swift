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

    /// The one-byte reply to `DLE EOT n` (`n` 1–4), with the fixed bits `0xx1xx10`; `nil` for other `n`.
    ///
    /// 1: bit 3 offline. 2: bit 2 cover open, bit 5 stopped by paper end. 3: no errors.
    /// 4: bits 2–3 paper near end, bits 5–6 paper end.
    public func realTimeStatus(_ n: UInt8) -> UInt8? {
        switch n {
        case 1: return 0x12 | (refusesPrinting ? 0x08 : 0)
        case 2: return 0x12 | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0)
        case 3: return 0x12
        case 4: return 0x12 | (paperNearEnd || paperOut ? 0x0C : 0) | (paperOut ? 0x60 : 0)
        default: return nil
        }
    }

    /// The four bytes of an Automatic Status Back message (`GS a`): offline and cover open in byte 1,
    /// paper near end (`03`) and paper end (`0C`) in byte 3.
    public var automaticStatusBack: [UInt8] {
        [
            0x10 | (refusesPrinting ? 0x08 : 0) | (coverOpen ? 0x20 : 0),
            0x00,
            (paperNearEnd || paperOut ? 0x03 : 0) | (paperOut ? 0x0C : 0),
            0x00,
        ]
    }

    /// The one-byte reply to `GS r n`: 1 paper sensor (near end `03`, end `0C`), 2 drawer (closed).
    public func transmitStatus(_ n: UInt8) -> UInt8? {
        switch n {
        case 1, 0x31: return (paperNearEnd || paperOut ? 0x03 : 0) | (paperOut ? 0x0C : 0)
        case 2, 0x32: return 0x00
        default: return nil
        }
    }
}
