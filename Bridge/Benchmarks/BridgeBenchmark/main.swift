// Measures the bridge over loopback with the real processes (run from a release build):
//   cd Bridge && swift build -c release && .build/release/BridgeBenchmark [--jobs 300] [--idle-agents 1000]
// submit → printed latency (p50, p99) one job at a time; jobs per second one relay and one agent sustain
// with 16 requests in flight; relay memory per connected idle agent. Prints medians; no assertions.
import EscPos
import EscPosBridgeClient
import EscPosBridgeProtocol
import EscPosEmulator
import EscPosRelay
import Foundation
import HTTPTypes
import Logging
import WSClient

let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1])
    else { return fallback }
    return value
}
let jobCount = option("--jobs", 300)
let idleAgents = option("--idle-agents", 1000)
let binaries = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().path

func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "\(binaries)/\(executable)")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

func spawn(_ executable: String, _ arguments: [String], log: String) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "\(binaries)/\(executable)")
    process.arguments = arguments
    _ = FileManager.default.createFile(atPath: log, contents: nil)
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    try process.run()
    return process
}

func residentKiB(of pid: Int32) -> Int {
    let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
}

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bridge-bench-\(UUID().uuidString)").path
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }
let database = "sqlite:\(directory)/relay.sqlite"

let printer = try await VirtualPrinterServer.start(
    VirtualPrinterServer.Configuration(port: 0, profile: try PrinterProfile.named("epson-tm-t88vi"), keptJobCount: 100)
)
Task { try? await printer.run() }

func field(_ json: String, _ name: String) throws -> String {
    try JSONDecoder().decode([String: String].self, from: Data(json.utf8))[name] ?? ""
}
let tenant = try run("escpos-relay", ["admin", "tenant", "create", "Bench", "--database", database, "--json"])
let tenantId = try field(tenant, "tenantId")
let apiKey = try field(tenant, "apiKey")
let site = try run(
    "escpos-relay",
    ["admin", "site", "create", "--tenant", tenantId, "Bench", "--database", database, "--json"]
)
let siteId = try field(site, "siteId")

let relay = try spawn(
    "escpos-relay",
    ["serve", "--listen", "127.0.0.1:0", "--port-file", "\(directory)/port", "--database", database],
    log: "\(directory)/relay.log"
)
defer { relay.terminate() }
var port = 0
while port == 0 {
    port =
        Int(
            (try? String(contentsOfFile: "\(directory)/port", encoding: .utf8))?.trimmingCharacters(
                in: .whitespacesAndNewlines
            ) ?? ""
        ) ?? 0
    try await Task.sleep(for: .milliseconds(20))
}
let url = "http://127.0.0.1:\(port)"
_ = try run(
    "escpos-agent",
    ["enroll", "--relay", url, "--token", try field(site, "enrollmentToken"), "--state-dir", "\(directory)/agent"]
)
let agent = try spawn(
    "escpos-agent",
    [
        "run", "--state-dir", "\(directory)/agent", "--printer",
        "front=tcp://127.0.0.1:\(printer.port);profile=epson-tm-t88vi", "--no-discover",
    ],
    log: "\(directory)/agent.log"
)
defer { agent.terminate() }
let client = BridgeClient(relay: url, apiKey: apiKey)
while (try? await client.printers(site: siteId))?.isEmpty ?? true { try await Task.sleep(for: .milliseconds(50)) }

func request(_ marker: String) -> CreateJobRequest {
    CreateJobRequest(
        document: .object([
            "schemaVersion": .integer(1),
            "blocks": .array([
                .object(["type": .string("text"), "text": .string("ORDER \(marker)")]),
                .object(["type": .string("keyValue"), "key": .string("TOTAL"), "value": .string("12.50")]),
                .object(["type": .string("cut")]),
            ]),
        ])
    )
}

// 1. Latency, one job at a time (the client polls the job every 2 ms).
var latencies: [Double] = []
for index in 0..<jobCount {
    let start = ContinuousClock.now
    let job = try await client.submit(request("L\(index)"), site: siteId, printer: "front", idempotencyKey: "l\(index)")
        .job
    while try await client.job(job.id).state != .printed { try await Task.sleep(for: .milliseconds(2)) }
    let elapsed = ContinuousClock.now - start
    latencies.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
}
print(
    String(
        format: "submit → printed, %d jobs one at a time: p50 %.1f ms, p99 %.1f ms",
        jobCount,
        percentile(latencies, 0.5),
        percentile(latencies, 0.99)
    )
)

// 2. Throughput, 16 requests in flight.
let throughputJobs = jobCount * 2
let start = ContinuousClock.now
let ids = try await withThrowingTaskGroup(of: String.self) { group in
    var ids: [String] = []
    for index in 0..<throughputJobs {
        if index >= 16, let id = try await group.next() { ids.append(id) }
        group.addTask {
            try await client.submit(request("T\(index)"), site: siteId, printer: "front", idempotencyKey: "t\(index)")
                .job.id
        }
    }
    for try await id in group { ids.append(id) }
    return ids
}
for id in ids { while try await client.job(id).state != .printed { try await Task.sleep(for: .milliseconds(5)) } }
let seconds =
    Double((ContinuousClock.now - start).components.attoseconds) / 1e18
    + Double((ContinuousClock.now - start).components.seconds)
print(
    String(
        format: "throughput: %d jobs in %.2f s = %.0f jobs/s (one relay, one agent, one virtual printer)",
        throughputJobs,
        seconds,
        Double(throughputJobs) / seconds
    )
)

// 3. Memory per idle agent: sessions that say hello and stay silent (pings answered by the client library).
let store = try SQLiteRelayStore(path: "\(directory)/relay.sqlite")
var credentials: [String] = []
for index in 0..<idleAgents {
    let site = try await store.createSite(tenantId: tenantId, name: "idle \(index)", tokenLifetime: .seconds(3600))
    if let enrolled = try await store.enroll(token: site.enrollmentToken) { credentials.append(enrolled.credential) }
}
try await Task.sleep(for: .seconds(2))
let before = residentKiB(of: relay.processIdentifier)
let hello = try MessageCoding.encode(
    AgentMessage.hello(
        Hello(
            agentVersion: "bench",
            agentInstance: "idle",
            protocols: [BridgeProtocol.subprotocol],
            clock: Date(),
            spool: []
        )
    )
)
let idle = Task {
    await withTaskGroup(of: Void.self) { group in
        for credential in credentials {
            group.addTask {
                var headers = HTTPFields()
                headers[.authorization] = "Bearer \(credential)"
                headers[.secWebSocketProtocol] = BridgeProtocol.subprotocol
                _ = try? await WebSocketClient.connect(
                    url: "ws://127.0.0.1:\(port)/v1/agent",
                    configuration: WebSocketClientConfiguration(maxFrameSize: 1 << 21, additionalHeaders: headers),
                    logger: Logger(label: "idle")
                ) { inbound, outbound, _ in
                    try await outbound.write(.text(hello))
                    for try await _ in inbound.messages(maxSize: 1 << 21) {}
                }
            }
        }
    }
}
var connected = 0
for _ in 0..<600 {
    connected = (try? await client.sites())?.filter(\.agentConnected).count ?? 0
    if connected >= idleAgents { break }
    try await Task.sleep(for: .milliseconds(100))
}
try await Task.sleep(for: .seconds(3))
let after = residentKiB(of: relay.processIdentifier)
print(
    String(
        format: "relay memory: %d KiB before, %d KiB with %d idle agents connected = %.1f KiB per agent",
        before,
        after,
        connected - 1,
        Double(after - before) / Double(max(connected - 1, 1))
    )
)
idle.cancel()
await printer.shutdown()
