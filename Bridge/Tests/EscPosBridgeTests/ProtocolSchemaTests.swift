import EscPosBridgeProtocol
import Foundation
import Testing

/// Every message this package sends is checked against the published JSON Schema
/// (`Bridge/Schemas/escpos-bridge.v1.schema.json`) by an independent validator, Python's `jsonschema`.
@Suite struct ProtocolSchemaTests {
    static func everyMessage() throws -> [String] {
        let jobId = BridgeID.make()
        let status = PrinterState(online: true, paper: .nearEnd, problems: ["paper near end"])
        let result = JobResult(
            jobId: jobId,
            outcome: .printed,
            bytesSent: 120,
            confirmation: .processID,
            printerStatus: status
        )
        let agent: [AgentMessage] = [
            .hello(
                Hello(
                    agentVersion: "1.0",
                    agentInstance: BridgeID.make(),
                    protocols: [BridgeProtocol.subprotocol],
                    clock: Date(),
                    spool: [
                        .init(jobId: jobId, state: .printing), .init(jobId: jobId, state: .printed, result: result),
                    ]
                )
            ),
            .printers(
                PrinterList(printers: [
                    PrinterDescription(
                        printerId: "front",
                        transport: "tcp",
                        profile: "epson-tm-t88vi",
                        columns: 42,
                        hasBackChannel: true
                    )
                ])
            ),
            .status(StatusReport(printerId: "front", status: status)),
            .jobAccepted(JobAccepted(jobId: jobId, agentInstance: "i")),
            .jobState(JobStateUpdate(jobId: jobId, state: .waiting, reason: .paperOut)),
            .jobResult(result),
            .testResult(TestResult(testId: "t", printerId: "front", success: true, detail: "ready", status: status)),
            .heartbeat(Heartbeat(queueDepth: 3)),
        ]
        let relay: [RelayMessage] = [
            .welcome(
                Welcome(
                    sessionEpoch: 2,
                    siteId: BridgeID.make(),
                    serverTime: Date(),
                    heartbeatSeconds: 30,
                    maximumJobBytes: 1 << 20,
                    window: 8
                )
            ),
            .reconcile(Reconcile(jobs: [.init(jobId: jobId, state: .accepted), .init(jobId: "gone", state: nil)])),
            .jobOffer(
                JobOffer(
                    jobId: jobId,
                    printerId: "front",
                    sessionEpoch: 2,
                    content: .document(#"{"schemaVersion":1,"blocks":[]}"#),
                    sha256: String(repeating: "a", count: 64),
                    copies: 1,
                    priority: .normal,
                    sequence: 1,
                    expiresAt: Date(),
                    attempt: 1
                )
            ),
            .resultAck(ResultAck(jobId: jobId)),
            .jobCancel(JobCancel(jobId: jobId)),
            .printerTest(PrinterTest(testId: "t", printerId: "front", kind: .page)),
            .statusRequest,
        ]
        return try agent.map { try MessageCoding.encode($0) } + relay.map { try MessageCoding.encode($0) }
    }

    @Test func everyMessageMatchesThePublishedSchemaAndBrokenOnesDoNot() async throws {
        let valid = try Self.everyMessage()
        #expect(valid.count == 15)
        let invalid = [
            #"{"v":1,"type":"job.state","mid":"m","jobId":"not-an-id","state":"printing"}"#,
            #"{"v":1,"type":"job.offer","mid":"m","jobId":"x"}"#,
            #"{"v":2,"type":"heartbeat","mid":"m","queueDepth":1}"#,
            #"{"v":1,"type":"status","mid":"m","printerId":"front","status":{"online":"yes"}}"#,
        ]
        var lines = ""
        for (expect, frames) in [("valid", valid), ("invalid", invalid)] {
            for frame in frames {
                lines += try JSONValue.object(["expect": .string(expect), "frame": .string(frame)]).jsonText() + "\n"
            }
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Schemas/validate-messages.py").path
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("frames-\(UUID().uuidString).jsonl")
        try Data(lines.utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        process.standardInput = try FileHandle(forReadingFrom: input)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
    }
}
