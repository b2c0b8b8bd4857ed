import Foundation

/// Why a frame could not be read as a message.
public struct MessageError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The frame is not a JSON object.
        case notJSON
        /// `v`, `type` or `mid` is missing or of the wrong kind.
        case invalidEnvelope
        /// `v` is not a version this side speaks.
        case unsupportedVersion
        /// A known type with a field missing or of the wrong kind.
        case invalidField
        /// The frame is larger than the limit.
        case tooLarge
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The close code a peer that sent such a frame gets.
    public var closeCode: BridgeCloseCode {
        switch code {
        case .unsupportedVersion: .unsupportedVersion
        case .tooLarge: .frameTooLarge
        case .notJSON, .invalidEnvelope, .invalidField: .protocolError
        }
    }
}

/// Every message is one JSON object, `{"v":1,"type":"…","mid":"…", …fields}`; unknown fields are ignored,
/// unknown types decode as `.unknown`.
public enum MessageCoding {
    private struct Envelope: Codable {
        var v: Int
        var type: String
        var mid: String
    }

    /// A message with its message id.
    public struct Framed<Message: Sendable & Hashable>: Sendable, Hashable {
        public var mid: String
        public var message: Message
        public init(mid: String, message: Message) {
            self.mid = mid
            self.message = message
        }
    }

    private struct Writer<Payload: Encodable>: Encodable {
        var envelope: Envelope
        var payload: Payload?
        func encode(to encoder: any Encoder) throws {
            try payload?.encode(to: encoder)
            try envelope.encode(to: encoder)
        }
    }

    private struct Empty: Codable {}

    // MARK: Encoding

    /// The frame text of an agent message.
    public static func encode(_ message: AgentMessage, mid: String = BridgeID.make()) throws -> String {
        let envelope = Envelope(v: BridgeProtocol.version, type: message.type, mid: mid)
        switch message {
        case .hello(let payload): return try write(envelope, payload)
        case .printers(let payload): return try write(envelope, payload)
        case .status(let payload): return try write(envelope, payload)
        case .jobAccepted(let payload): return try write(envelope, payload)
        case .jobState(let payload): return try write(envelope, payload)
        case .jobResult(let payload): return try write(envelope, payload)
        case .testResult(let payload): return try write(envelope, payload)
        case .heartbeat(let payload): return try write(envelope, payload)
        case .unknown: return try write(envelope, Empty())
        }
    }

    /// The frame text of a relay message.
    public static func encode(_ message: RelayMessage, mid: String = BridgeID.make()) throws -> String {
        let envelope = Envelope(v: BridgeProtocol.version, type: message.type, mid: mid)
        switch message {
        case .welcome(let payload): return try write(envelope, payload)
        case .reconcile(let payload): return try write(envelope, payload)
        case .jobOffer(let payload): return try write(envelope, payload)
        case .resultAck(let payload): return try write(envelope, payload)
        case .jobCancel(let payload): return try write(envelope, payload)
        case .printerTest(let payload): return try write(envelope, payload)
        case .statusRequest, .unknown: return try write(envelope, Empty())
        }
    }

    private static func write(_ envelope: Envelope, _ payload: some Encodable) throws -> String {
        String(decoding: try BridgeJSON.encoder().encode(Writer(envelope: envelope, payload: payload)), as: UTF8.self)
    }

    // MARK: Decoding

    /// Reads an agent's frame.
    /// - Throws: ``MessageError`` saying what is wrong.
    public static func decodeAgentMessage(
        _ text: String,
        maximumBytes: Int = BridgeProtocol.defaultMaximumFrameBytes
    )
        throws(MessageError) -> Framed<AgentMessage>
    {
        let (envelope, data) = try readEnvelope(text, maximumBytes: maximumBytes)
        let message: AgentMessage
        switch envelope.type {
        case "hello": message = .hello(try payload(Hello.self, envelope, data))
        case "printers": message = .printers(try payload(PrinterList.self, envelope, data))
        case "status": message = .status(try payload(StatusReport.self, envelope, data))
        case "job.accepted": message = .jobAccepted(try payload(JobAccepted.self, envelope, data))
        case "job.state": message = .jobState(try payload(JobStateUpdate.self, envelope, data))
        case "job.result": message = .jobResult(try payload(JobResult.self, envelope, data))
        case "test.result": message = .testResult(try payload(TestResult.self, envelope, data))
        case "heartbeat": message = .heartbeat(try payload(Heartbeat.self, envelope, data))
        default: message = .unknown(type: envelope.type)
        }
        return Framed(mid: envelope.mid, message: message)
    }

    /// Reads a relay's frame.
    /// - Throws: ``MessageError`` saying what is wrong.
    public static func decodeRelayMessage(
        _ text: String,
        maximumBytes: Int = BridgeProtocol.defaultMaximumFrameBytes
    )
        throws(MessageError) -> Framed<RelayMessage>
    {
        let (envelope, data) = try readEnvelope(text, maximumBytes: maximumBytes)
        let message: RelayMessage
        switch envelope.type {
        case "welcome": message = .welcome(try payload(Welcome.self, envelope, data))
        case "reconcile": message = .reconcile(try payload(Reconcile.self, envelope, data))
        case "job.offer": message = .jobOffer(try payload(JobOffer.self, envelope, data))
        case "result.ack": message = .resultAck(try payload(ResultAck.self, envelope, data))
        case "job.cancel": message = .jobCancel(try payload(JobCancel.self, envelope, data))
        case "printer.test": message = .printerTest(try payload(PrinterTest.self, envelope, data))
        case "status.request": message = .statusRequest
        default: message = .unknown(type: envelope.type)
        }
        return Framed(mid: envelope.mid, message: message)
    }

    private static func readEnvelope(_ text: String, maximumBytes: Int) throws(MessageError) -> (Envelope, Data) {
        guard text.utf8.count <= maximumBytes else {
            throw MessageError(.tooLarge, "the frame has \(text.utf8.count) bytes; the limit is \(maximumBytes)")
        }
        let data = Data(text.utf8)
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw MessageError(.notJSON, "the frame is not a JSON object")
        }
        let envelope: Envelope
        do {
            envelope = try BridgeJSON.decoder().decode(Envelope.self, from: data)
        } catch {
            throw MessageError(.invalidEnvelope, "the message needs \"v\" (a number), \"type\" and \"mid\" (strings)")
        }
        guard envelope.v == BridgeProtocol.version else {
            throw MessageError(
                .unsupportedVersion,
                "message version \(envelope.v); this side speaks version \(BridgeProtocol.version)"
            )
        }
        return (envelope, data)
    }

    private static func payload<T: Decodable>(
        _ type: T.Type,
        _ envelope: Envelope,
        _ data: Data
    ) throws(MessageError)
        -> T
    {
        do {
            return try BridgeJSON.decoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw MessageError(.invalidField, "\(envelope.type): \(describe(error))")
        } catch {
            throw MessageError(.invalidField, "\(envelope.type): \(error)")
        }
    }

    /// A decoding error in words, with the field's path (`spool[2].state`).
    public static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text.isEmpty ? "the message" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)) has the wrong kind of value"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
