import EscPos

extension PrinterStatus {
    /// A real-time status request, `DLE EOT n` (`10 04 n`); the printer answers each with one byte.
    public struct RealTimeRequest: RawRepresentable, Hashable, Sendable, Codable, CaseIterable {
        /// The request number `n`.
        public var rawValue: UInt8

        /// Creates a request for status number `n`.
        public init(rawValue: UInt8) {
            self.rawValue = rawValue
        }

        /// `DLE EOT 1`: printer status (drawer sensor, online, waiting for recovery, FEED button).
        public static let printer = RealTimeRequest(rawValue: 1)
        /// `DLE EOT 2`: offline cause (cover open, paper fed by button, stopped by paper end, error).
        public static let offlineCause = RealTimeRequest(rawValue: 2)
        /// `DLE EOT 3`: error cause (mechanical, autocutter, unrecoverable, auto-recoverable).
        public static let errorCause = RealTimeRequest(rawValue: 3)
        /// `DLE EOT 4`: roll paper sensor (near end, paper end).
        public static let paperSensor = RealTimeRequest(rawValue: 4)

        /// The four standard requests, in order.
        public static let allCases: [RealTimeRequest] = [.printer, .offlineCause, .errorCause, .paperSensor]

        /// The command bytes, `10 04 n`.
        public var bytes: [UInt8] { StatusCommands.realTimeStatusRequest(rawValue) }
    }

    /// Whether `byte` has the fixed bits of a real-time status reply: bits 0 and 7 clear, bits 1 and 4 set.
    public static func isRealTimeReply(_ byte: UInt8) -> Bool {
        byte & StatusCommands.realTimeReplyMask == StatusCommands.realTimeReplyPattern
    }

    /// Decodes the replies to some real-time status requests into a status.
    ///
    /// ```swift
    /// let status = try PrinterStatus(realTimeReplies: [.printer: 0x16, .paperSensor: 0x12])
    /// status.isDrawerSensorHigh  // true
    /// ```
    ///
    /// - Parameter replies: The one-byte reply to each request.
    /// - Throws: ``TransportError`` with code ``TransportError/Code/invalidReply`` when a byte does not
    ///   have the fixed bit pattern of a status reply (`0xx1xx10`), so a stray byte is never taken for status.
    public init(realTimeReplies replies: [RealTimeRequest: UInt8]) throws {
        self.init(source: .realTime)
        for request in RealTimeRequest.allCases {
            if let reply = replies[request] { try apply(request, reply: reply) }
        }
    }

    /// Adds the meaning of one real-time status reply to this status.
    ///
    /// - Parameters:
    ///   - request: The request the byte answers.
    ///   - reply: The byte the printer sent.
    /// - Throws: ``TransportError`` (``TransportError/Code/invalidReply``) for a byte without the fixed bits.
    public mutating func apply(_ request: RealTimeRequest, reply: UInt8) throws {
        guard Self.isRealTimeReply(reply) else {
            throw TransportError(
                .invalidReply,
                "byte 0x\(Hex.byte(reply)) is not a reply to DLE EOT \(request.rawValue): status replies have the bit "
                    + "pattern 0xx1xx10; check that the printer speaks ESC/POS and that nothing else shares the line"
            )
        }
        func has(_ bits: UInt8) -> Bool { reply & bits != 0 }
        switch request {
        case .printer:
            isDrawerSensorHigh = has(StatusCommands.PrinterStatusBit.drawerSensorHigh)
            isOnline = !has(StatusCommands.PrinterStatusBit.offline)
            isWaitingForOnlineRecovery = has(StatusCommands.PrinterStatusBit.waitingForOnlineRecovery)
            isFeedButtonPressed = has(StatusCommands.PrinterStatusBit.feedButtonPressed)
        case .offlineCause:
            isCoverOpen = has(StatusCommands.OfflineCauseBit.coverOpen)
            isPaperBeingFed = has(StatusCommands.OfflineCauseBit.paperBeingFed)
            isStoppedByPaperEnd = has(StatusCommands.OfflineCauseBit.stoppedByPaperEnd)
            hasError = has(StatusCommands.OfflineCauseBit.error)
        case .errorCause:
            hasRecoverableError = has(StatusCommands.ErrorCauseBit.recoverable)
            hasCutterError = has(StatusCommands.ErrorCauseBit.cutter)
            hasUnrecoverableError = has(StatusCommands.ErrorCauseBit.unrecoverable)
            hasAutoRecoverableError = has(StatusCommands.ErrorCauseBit.autoRecoverable)
        case .paperSensor:
            // Epson sets both bits of each pair; some clones set only one, so either counts.
            isPaperNearEnd = has(StatusCommands.PaperSensorBit.nearEnd)
            isPaperOut = has(StatusCommands.PaperSensorBit.paperEnd)
        default:
            break
        }
    }
}

extension PrinterStatus {
    /// The one byte a printer sends in answer to `request` when it is in this state: the other direction
    /// of ``apply(_:reply:)``, used by the virtual printer and the in-memory transport.
    ///
    /// Conditions that are `nil` are sent as "no". Pairs of bits (paper near end, paper end) are both set,
    /// as Epson printers do.
    ///
    /// - Parameter request: The `DLE EOT n` request being answered.
    /// - Returns: The reply byte, with the fixed bits `0xx1xx10`; `nil` for a request other than 1–4.
    public func realTimeReply(to request: RealTimeRequest) -> UInt8? {
        func bits(_ condition: Bool?, _ bits: UInt8) -> UInt8 { condition == true ? bits : 0 }
        let fixed = StatusCommands.realTimeReplyPattern
        switch request {
        case .printer:
            return fixed | bits(isDrawerSensorHigh, StatusCommands.PrinterStatusBit.drawerSensorHigh)
                | bits(isOnline.map { !$0 }, StatusCommands.PrinterStatusBit.offline)
                | bits(isWaitingForOnlineRecovery, StatusCommands.PrinterStatusBit.waitingForOnlineRecovery)
                | bits(isFeedButtonPressed, StatusCommands.PrinterStatusBit.feedButtonPressed)
        case .offlineCause:
            return fixed | bits(isCoverOpen, StatusCommands.OfflineCauseBit.coverOpen)
                | bits(isPaperBeingFed, StatusCommands.OfflineCauseBit.paperBeingFed)
                | bits(isStoppedByPaperEnd, StatusCommands.OfflineCauseBit.stoppedByPaperEnd)
                | bits(hasError, StatusCommands.OfflineCauseBit.error)
        case .errorCause:
            return fixed | bits(hasRecoverableError, StatusCommands.ErrorCauseBit.recoverable)
                | bits(hasCutterError, StatusCommands.ErrorCauseBit.cutter)
                | bits(hasUnrecoverableError, StatusCommands.ErrorCauseBit.unrecoverable)
                | bits(hasAutoRecoverableError, StatusCommands.ErrorCauseBit.autoRecoverable)
        case .paperSensor:
            return fixed | bits(isPaperNearEnd == true || isPaperOut == true, StatusCommands.PaperSensorBit.nearEnd)
                | bits(isPaperOut, StatusCommands.PaperSensorBit.paperEnd)
        default:
            return nil
        }
    }

    /// The one byte a printer sends in answer to `GS r n` in this state (`n` 1 or 49: paper sensor,
    /// 2 or 50: drawer, reported as low), or `nil` for another `n`.
    public func transmitStatusReply(_ n: UInt8) -> UInt8? {
        switch n {
        case 1, 0x31:
            return (isPaperNearEnd == true || isPaperOut == true ? StatusCommands.TransmitPaperStatusBit.nearEnd : 0)
                | (isPaperOut == true ? StatusCommands.TransmitPaperStatusBit.paperEnd : 0)
        case 2, 0x32:
            return isDrawerSensorHigh == true ? 0x01 : 0x00
        default:
            return nil
        }
    }
}
