import EscPosBridgeProtocol
import Foundation
import Testing

@Suite struct MessageCodingTests {
    @Test func everyMessageSurvivesARoundTrip() throws {
        let offer = JobOffer(
            jobId: BridgeID.make(),
            printerId: "front",
            sessionEpoch: 3,
            content: .raw([0x1B, 0x40, 0x0A]),
            sha256: String(repeating: "0", count: 64),
            copies: 2,
            priority: .high,
            sequence: 7,
            expiresAt: Date(timeIntervalSince1970: 1_800_000_000.125),
            attempt: 1
        )
        let text = try MessageCoding.encode(RelayMessage.jobOffer(offer), mid: "m1")
        let decoded = try MessageCoding.decodeRelayMessage(text)
        #expect(decoded.mid == "m1")
        #expect(decoded.message == .jobOffer(offer))
        #expect(text.contains("\"type\":\"job.offer\""))
        #expect(text.contains("\"v\":1"))

        let result = JobResult(
            jobId: offer.jobId,
            outcome: .printed,
            bytesSent: 3,
            confirmation: .processID,
            at: offer.expiresAt
        )
        let back = try MessageCoding.decodeAgentMessage(try MessageCoding.encode(AgentMessage.jobResult(result)))
        #expect(back.message == .jobResult(result))
    }

    @Test func unknownTypesAndFieldsAreTolerated() throws {
        let unknown = try MessageCoding.decodeAgentMessage(#"{"v":1,"type":"printer.discovered","mid":"x","extra":1}"#)
        #expect(unknown.message == .unknown(type: "printer.discovered"))
        let heartbeat = try MessageCoding.decodeAgentMessage(
            #"{"v":1,"type":"heartbeat","mid":"x","queueDepth":2,"later":true}"#
        )
        #expect(heartbeat.message == .heartbeat(Heartbeat(queueDepth: 2)))
    }

    @Test func badFramesGetTypedErrorsAndTheDocumentedCloseCodes() {
        let cases: [(String, MessageError.Code, BridgeCloseCode)] = [
            ("not json", .notJSON, .protocolError),
            ("[1,2]", .notJSON, .protocolError),
            (#"{"type":"hello"}"#, .invalidEnvelope, .protocolError),
            (#"{"v":2,"type":"hello","mid":"x"}"#, .unsupportedVersion, .unsupportedVersion),
            (#"{"v":1,"type":"job.result","mid":"x","jobId":"a"}"#, .invalidField, .protocolError),
        ]
        for (frame, code, close) in cases {
            #expect {
                _ = try MessageCoding.decodeAgentMessage(frame)
            } throws: { error in
                guard let error = error as? MessageError else { return false }
                return error.code == code && error.closeCode == close
            }
        }
        #expect {
            _ = try MessageCoding.decodeAgentMessage(String(repeating: " ", count: 100) + "{}", maximumBytes: 50)
        } throws: { ($0 as? MessageError)?.closeCode == .frameTooLarge }
    }

    @Test func aFieldErrorNamesItsPath() {
        #expect {
            _ = try MessageCoding.decodeAgentMessage(
                #"{"v":1,"type":"hello","mid":"x","agentVersion":"1","agentInstance":"i","protocols":[],"clock":"2026-12-02T00:00:00Z","spool":[{"jobId":"j","state":"nonsense"}]}"#
            )
        } throws: { error in
            (error as? MessageError)?.message.contains("spool[0].state") == true
        }
    }

    @Test func idsAreRandomTimeOrderedUUIDv7() {
        let ids = (0..<1000).map { _ in BridgeID.make() }
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { BridgeID.isWellFormed($0) && $0.dropFirst(14).first == "7" })
        #expect(!BridgeID.isWellFormed("../../etc/passwd"))
        let early = BridgeID.make(at: Date(timeIntervalSince1970: 1_000))
        let late = BridgeID.make(at: Date(timeIntervalSince1970: 2_000))
        #expect(early < late)
    }
}
