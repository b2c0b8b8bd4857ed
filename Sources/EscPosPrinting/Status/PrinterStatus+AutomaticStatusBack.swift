import EscPos

extension PrinterStatus {
    /// The `GS a n` command that turns Automatic Status Back on for the conditions in `n`
    /// (bit 0 drawer, 1 online, 2 error, 3 roll paper sensor); `0` turns it off.
    ///
    /// After it, the printer sends a 4-byte status block by itself whenever a chosen condition changes.
    public static func enableAutomaticStatusBack(_ n: UInt8 = 0x0F) -> [UInt8] {
        StatusCommands.automaticStatusBack(n)
    }

    /// Whether `bytes` has the fixed bit pattern of an Automatic Status Back block: the first byte
    /// `0xx1xx00`, the other three with bits 4 and 7 clear.
    public static func isAutomaticStatusBack(_ bytes: some Collection<UInt8>) -> Bool {
        guard bytes.count == 4, let first = bytes.first,
            first & StatusCommands.realTimeReplyMask == StatusCommands.automaticStatusBackPattern
        else { return false }
        return bytes.dropFirst().allSatisfy { $0 & StatusCommands.AutomaticStatusBackBit.fixedClearMask == 0 }
    }

    /// Decodes an Automatic Status Back block (the 4 bytes a printer sends after `GS a`).
    ///
    /// - Parameter bytes: The four bytes of the block.
    /// - Throws: ``TransportError`` (``TransportError/Code/invalidReply``) when the bytes are not an ASB block.
    public init(automaticStatusBack bytes: [UInt8]) throws {
        guard Self.isAutomaticStatusBack(bytes) else {
            throw TransportError(
                .invalidReply,
                "\(bytes.map(Hex.byte).joined(separator: " ")) is not an Automatic Status Back block: it has 4 bytes, "
                    + "the first with the bit pattern 0xx1xx00"
            )
        }
        self.init(source: .automaticStatusBack)
        let first = bytes[0]
        let second = bytes[1]
        let third = bytes[2]
        typealias Bit = StatusCommands.AutomaticStatusBackBit
        isDrawerSensorHigh = first & Bit.drawerSensorHigh != 0
        isOnline = first & Bit.offline == 0
        isCoverOpen = first & Bit.coverOpen != 0
        isPaperBeingFed = first & Bit.paperBeingFed != 0
        isWaitingForOnlineRecovery = second & Bit.waitingForOnlineRecovery != 0
        hasRecoverableError = second & Bit.recoverableError != 0
        hasCutterError = second & Bit.cutterError != 0
        hasUnrecoverableError = second & Bit.unrecoverableError != 0
        hasAutoRecoverableError = second & Bit.autoRecoverableError != 0
        hasError =
            second & (Bit.recoverableError | Bit.cutterError | Bit.unrecoverableError | Bit.autoRecoverableError) != 0
        isPaperNearEnd = third & Bit.paperNearEnd != 0
        isPaperOut = third & Bit.paperEnd != 0
    }

    /// The four-byte Automatic Status Back block a printer in this state sends: the other direction of
    /// ``init(automaticStatusBack:)``, used by the virtual printer and the in-memory transport.
    /// Conditions that are `nil` are sent as "no".
    public var automaticStatusBackBlock: [UInt8] {
        typealias Bit = StatusCommands.AutomaticStatusBackBit
        func bits(_ condition: Bool?, _ bits: UInt8) -> UInt8 { condition == true ? bits : 0 }
        return [
            StatusCommands.automaticStatusBackPattern | bits(isDrawerSensorHigh, Bit.drawerSensorHigh)
                | bits(isOnline.map { !$0 }, Bit.offline) | bits(isCoverOpen, Bit.coverOpen)
                | bits(isPaperBeingFed, Bit.paperBeingFed),
            bits(isWaitingForOnlineRecovery, Bit.waitingForOnlineRecovery)
                | bits(hasRecoverableError, Bit.recoverableError) | bits(hasCutterError, Bit.cutterError)
                | bits(hasUnrecoverableError, Bit.unrecoverableError)
                | bits(hasAutoRecoverableError, Bit.autoRecoverableError),
            bits(isPaperNearEnd == true || isPaperOut == true, Bit.paperNearEnd) | bits(isPaperOut, Bit.paperEnd),
            0x00,
        ]
    }
}
