public import EscPos

extension Printer {
    /// How far a job got, after it was sent.
    public struct JobResult: Hashable, Sendable {
        /// Whether the printer confirmed the job, and how.
        public var delivery: Delivery
        /// The bytes of the job, all handed to the connection.
        public var byteCount: Int
        /// The status the printer reported after the job, when it was asked (status round trip).
        public var status: PrinterStatus?

        /// Creates a result.
        public init(delivery: Delivery, byteCount: Int, status: PrinterStatus? = nil) {
            self.delivery = delivery
            self.byteCount = byteCount
            self.status = status
        }
    }

    /// Whether a printer confirmed that it processed a job.
    public enum Delivery: Hashable, Sendable {
        /// The printer answered after the job's last byte, so it processed all of it.
        case confirmed(Confirmation)
        /// Every byte was handed to the connection, but the printer could not confirm it: the transport has
        /// no back channel (CUPS, plain files) or the printer did not answer in time.
        case sent
    }

    /// How a printer confirmed a job.
    public enum Confirmation: String, Hashable, Sendable, Codable {
        /// The process ID response to `GS ( H` function 48, which Epson printers send once they have
        /// printed everything before it.
        case processID
        /// The answer to a `DLE EOT` status request sent after the job, which shows the printer took every
        /// earlier byte and can print.
        case statusRoundTrip
    }

    /// How much of a job has been handed to the connection so far.
    public struct SendProgress: Hashable, Sendable {
        /// The bytes handed over so far.
        public var bytesHandedOver: Int
        /// The bytes of the whole job.
        public var totalBytes: Int

        /// Creates a progress report.
        public init(bytesHandedOver: Int, totalBytes: Int) {
            self.bytesHandedOver = bytesHandedOver
            self.totalBytes = totalBytes
        }
    }

    /// A receipt compiled and sent by ``Printer/print(_:compileOptions:progress:)``.
    public struct PrintResult: Sendable {
        /// The compiled bytes and the compiler's warnings.
        public var compiled: CompiledReceipt
        /// How far the job got.
        public var job: JobResult
    }
}
