import Foundation

/// A relay or agent process a test starts for real, with its standard error kept in a file.
final class ManagedProcess: @unchecked Sendable {
    let name: String
    let process = Process()
    let logPath: String

    init(
        name: String,
        executable: String,
        arguments: [String],
        environment: [String: String] = [:],
        logDirectory: String
    )
        throws
    {
        self.name = name
        logPath = "\(logDirectory)/\(name)-\(UUID().uuidString.prefix(8)).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["ESCPOS_BRIDGE_FAULT"] = nil
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// The process's output so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    func terminate() {
        if process.isRunning { process.terminate() }
    }

    /// Waits (without blocking the test's thread pool) until the process exits; `false` on timeout.
    func waitForExit(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    /// The exit signal or status of an exited process.
    var exit: (status: Int32, bySignal: Bool) {
        (process.terminationStatus, process.terminationReason == .uncaughtSignal)
    }

    deinit {
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
        }
    }
}

/// Runs a command to its end and returns its standard output (for `escpos-relay admin` and `escpos-agent enroll`).
func runToEnd(
    _ executable: String,
    _ arguments: [String]
) async throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let directory = FileManager.default.temporaryDirectory.path
    let outPath = "\(directory)/bridge-out-\(UUID().uuidString)"
    let errPath = "\(directory)/bridge-err-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    defer {
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
    }
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    try process.run()
    while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
    return (
        process.terminationStatus,
        (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
        (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    )
}
