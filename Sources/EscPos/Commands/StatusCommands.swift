/// The commands that ask a printer about itself, and the bit layout of its answers: defined once, used by
/// the printing core (which sends them and reads the answers), the virtual printer (which answers them)
/// and the decoder.
///
/// Layouts follow the Epson ESC/POS reference (`DLE EOT`, `GS a`, `GS r`, `GS I`, `GS ( H`).
package enum StatusCommands {
    /// `DLE EOT n` (`10 04 n`): a real-time status request, answered at once with one byte.
    package static func realTimeStatusRequest(_ n: UInt8) -> [UInt8] { DLEFunction.transmitStatus(n) }

    /// `GS a n` (`1D 61 n`): Automatic Status Back on for the conditions in `n` (bit 0 drawer, 1 online,
    /// 2 error, 3 roll paper sensor); `0` turns it off.
    package static func automaticStatusBack(_ n: UInt8) -> [UInt8] { GSFunction.automaticStatusBack(n) }

    /// `GS I n` (`1D 49 n`): transmit printer ID.
    package static func printerID(_ n: UInt8) -> [UInt8] { GSFunction.transmitPrinterID(n) }

    /// The first byte of a `GS I` information block (`5F <text> 00`: firmware, maker, model, serial, fonts).
    package static let informationBlockHeader: UInt8 = 0x5F
    /// The first byte of a `GS I` type-information block (`3D 21 <data> 00`).
    package static let typeInformationBlockHeader: UInt8 = 0x3D

    /// An information block, `5F <text> 00`, as a printer sends it in answer to `GS I 65`–`69`.
    package static func informationBlock(_ text: String) -> [UInt8] {
        [informationBlockHeader] + Array(text.utf8) + [0x00]
    }

    /// `GS r n` (`1D 72 n`): transmit status (1 paper sensor, 2 drawer).
    package static func transmitStatus(_ n: UInt8) -> [UInt8] { GSFunction.transmitStatus(n) }

    /// `GS ( H pL pH fn m d1 d2 d3 d4` with `fn = m = 48` (`1D 28 48 06 00 30 30 d1 d2 d3 d4`): ask the
    /// printer to send the process ID response once it has processed (for print data: printed) everything
    /// before this command.
    package static func processIDRequest(_ id: [UInt8]) -> [UInt8] {
        processIDRequestPrefix + id
    }

    /// The bytes of ``processIDRequest(_:)`` before the four ID bytes.
    package static let processIDRequestPrefix: [UInt8] =
        GSExtendedFunction.responseRequest.header(parameterLength: 6) + [processIDFunction, processIDFunction]

    /// `fn` (and `m`) of the process ID request, 48.
    package static let processIDFunction: UInt8 = 0x30

    /// The process ID response: `37 22 d1 d2 d3 d4 00` (header `37`, identifier `22`, the ID, NUL).
    package static func processIDResponse(_ id: [UInt8]) -> [UInt8] {
        processIDResponseHeader + id + [0x00]
    }

    /// The first two bytes of a process ID response.
    package static let processIDResponseHeader: [UInt8] = [0x37, 0x22]

    /// The bytes a process ID may use: `32 ≤ d ≤ 126`.
    package static let processIDByteRange: ClosedRange<UInt8> = 0x20...0x7E

    /// The fixed bits of a real-time status reply: `byte & mask == pattern` (`0xx1xx10`).
    package static let realTimeReplyMask: UInt8 = 0x93
    /// See ``realTimeReplyMask``.
    package static let realTimeReplyPattern: UInt8 = 0x12
    /// The fixed bits of an Automatic Status Back block's first byte (`0xx1xx00`), under ``realTimeReplyMask``.
    package static let automaticStatusBackPattern: UInt8 = 0x10

    /// Bits of the `DLE EOT 1` reply (printer status).
    package enum PrinterStatusBit {
        package static let drawerSensorHigh: UInt8 = 0x04
        package static let offline: UInt8 = 0x08
        package static let waitingForOnlineRecovery: UInt8 = 0x20
        package static let feedButtonPressed: UInt8 = 0x40
    }

    /// Bits of the `DLE EOT 2` reply (offline cause).
    package enum OfflineCauseBit {
        package static let coverOpen: UInt8 = 0x04
        package static let paperBeingFed: UInt8 = 0x08
        package static let stoppedByPaperEnd: UInt8 = 0x20
        package static let error: UInt8 = 0x40
    }

    /// Bits of the `DLE EOT 3` reply (error cause).
    package enum ErrorCauseBit {
        package static let recoverable: UInt8 = 0x04
        package static let cutter: UInt8 = 0x08
        package static let unrecoverable: UInt8 = 0x20
        package static let autoRecoverable: UInt8 = 0x40
    }

    /// Bits of the `DLE EOT 4` reply (roll paper sensor). Epson sets both bits of a pair; some clones one.
    package enum PaperSensorBit {
        package static let nearEnd: UInt8 = 0x0C
        package static let paperEnd: UInt8 = 0x60
    }

    /// Bits of the four-byte Automatic Status Back block, by byte.
    package enum AutomaticStatusBackBit {
        // Byte 1.
        package static let drawerSensorHigh: UInt8 = 0x04
        package static let offline: UInt8 = 0x08
        package static let coverOpen: UInt8 = 0x20
        package static let paperBeingFed: UInt8 = 0x40
        // Byte 2.
        package static let waitingForOnlineRecovery: UInt8 = 0x01
        package static let recoverableError: UInt8 = 0x04
        package static let cutterError: UInt8 = 0x08
        package static let unrecoverableError: UInt8 = 0x20
        package static let autoRecoverableError: UInt8 = 0x40
        // Byte 3.
        package static let paperNearEnd: UInt8 = 0x03
        package static let paperEnd: UInt8 = 0x0C
        /// Bits 4 and 7 of bytes 2–4 are always clear.
        package static let fixedClearMask: UInt8 = 0x90
    }

    /// Bits of the `GS r 1` reply (paper sensor).
    package enum TransmitPaperStatusBit {
        package static let nearEnd: UInt8 = 0x03
        package static let paperEnd: UInt8 = 0x0C
    }
}
