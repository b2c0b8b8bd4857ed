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
        public var bytes: [UInt8] { [0x10, 0x04, rawValue] }
    }

    /// Whether `byte` has the fixed bits of a real-time status reply: bits 0 and 7 clear, bits 1 and 4 set.
    public static func isRealTimeReply(_ byte: UInt8) -> Bool {
        byte & 0x93 == 0x12
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
                "byte 0x\(hex(reply)) is not a reply to DLE EOT \(request.rawValue): status replies have the bit "
                    + "pattern 0xx1xx10; check that the printer speaks ESC/POS and that nothing else shares the line"
            )
        }
        func bit(_ number: UInt8) -> Bool { reply & (1 << number) != 0 }
        switch request {
        case .printer:
            isDrawerSensorHigh = bit(2)
            isOnline = !bit(3)
            isWaitingForOnlineRecovery = bit(5)
            isFeedButtonPressed = bit(6)
        case .offlineCause:
            isCoverOpen = bit(2)
            isPaperBeingFed = bit(3)
            isStoppedByPaperEnd = bit(5)
            hasError = bit(6)
        case .errorCause:
            hasRecoverableError = bit(2)
            hasCutterError = bit(3)
            hasUnrecoverableError = bit(5)
            hasAutoRecoverableError = bit(6)
        case .paperSensor:
            // Epson sets both bits of each pair; some clones set only one, so either counts.
            isPaperNearEnd = reply & 0x0C != 0
            isPaperOut = reply & 0x60 != 0
        default:
            break
        }
    }
}

func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}
