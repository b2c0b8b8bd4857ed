extension PrinterStatus {
    /// The `GS a n` command that turns Automatic Status Back on for the conditions in `n`
    /// (bit 0 drawer, 1 online, 2 error, 3 roll paper sensor); `0` turns it off.
    ///
    /// After it, the printer sends a 4-byte status block by itself whenever a chosen condition changes.
    public static func enableAutomaticStatusBack(_ n: UInt8 = 0x0F) -> [UInt8] {
        [0x1D, 0x61, n]
    }

    /// Whether `bytes` has the fixed bit pattern of an Automatic Status Back block: the first byte
    /// `0xx1xx00`, the other three with bits 4 and 7 clear.
    public static func isAutomaticStatusBack(_ bytes: some Collection<UInt8>) -> Bool {
        guard bytes.count == 4, let first = bytes.first, first & 0x93 == 0x10 else { return false }
        return bytes.dropFirst().allSatisfy { $0 & 0x90 == 0 }
    }

    /// Decodes an Automatic Status Back block (the 4 bytes a printer sends after `GS a`).
    ///
    /// - Parameter bytes: The four bytes of the block.
    /// - Throws: ``TransportError`` (``TransportError/Code/invalidReply``) when the bytes are not an ASB block.
    public init(automaticStatusBack bytes: [UInt8]) throws {
        guard Self.isAutomaticStatusBack(bytes) else {
            throw TransportError(
                .invalidReply,
                "\(bytes.map(hex).joined(separator: " ")) is not an Automatic Status Back block: it has 4 bytes, "
                    + "the first with the bit pattern 0xx1xx00"
            )
        }
        self.init(source: .automaticStatusBack)
        let first = bytes[0]
        let second = bytes[1]
        let third = bytes[2]
        isDrawerSensorHigh = first & 0x04 != 0
        isOnline = first & 0x08 == 0
        isCoverOpen = first & 0x20 != 0
        isPaperBeingFed = first & 0x40 != 0
        isWaitingForOnlineRecovery = second & 0x01 != 0
        hasRecoverableError = second & 0x04 != 0
        hasCutterError = second & 0x08 != 0
        hasUnrecoverableError = second & 0x20 != 0
        hasAutoRecoverableError = second & 0x40 != 0
        hasError = second & 0x6C != 0
        isPaperNearEnd = third & 0x03 != 0
        isPaperOut = third & 0x0C != 0
    }
}
