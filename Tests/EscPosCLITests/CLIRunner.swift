import EscPosTestSupport
import Foundation
import Testing

/// Runs the built `escpos` executable, as a user would, and collects its output and exit status.
///
/// The binary is found next to the test bundle (`swift test` builds every product into the same
/// folder), or at `$ESCPOS_CLI` when set.
enum CLI {
    struct Result {
        var status: Int32
        var standardOutput: Data
        var standardError: String
        var output: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    static let repository = GoldenFixture.directory.deletingLastPathComponent()

    static var executable: URL? {
        if let path = ProcessInfo.processInfo.environment["ESCPOS_CLI"] { return URL(fileURLWithPath: path) }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
            repository.appendingPathComponent(".build/debug"),
        ].map { $0.appendingPathComponent("escpos") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `escpos` with `arguments` in the repository folder, standard input read from `input` (a file)
    /// or empty.
    static func run(_ arguments: [String], environment: [String: String] = [:], input: URL? = nil) throws -> Result {
        let executable = try #require(executable, "the escpos executable was not built; run `swift build` first")
        return try runProgram(executable, arguments, environment: environment, input: input)
    }

    /// Runs a program in the repository folder (without `ESCPOS_PRINTER` in its environment) and collects its
    /// output.
    static func runProgram(
        _ executable: URL,
        _ arguments: [String],
        environment: [String: String] = [:],
        input: URL? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repository
        var fullEnvironment = ProcessInfo.processInfo.environment
        fullEnvironment.removeValue(forKey: "ESCPOS_PRINTER")
        for (key, value) in environment { fullEnvironment[key] = value }
        process.environment = fullEnvironment
        // Output goes to files rather than pipes: nothing can block, however much the tool writes.
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputURL = folder.appendingPathComponent("stdout")
        let errorURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? error.close()
        }
        process.standardOutput = output
        process.standardError = error
        process.standardInput = try input.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: try Data(contentsOf: outputURL),
            standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self)
        )
    }

    /// Starts `escpos` with `arguments` and returns while it runs (for `emulate`).
    static func start(_ arguments: [String]) throws -> Running {
        let executable = try #require(executable, "the escpos executable was not built; run `swift build` first")
        let folder = try temporaryDirectory()
        let errorURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repository
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
        return Running(process: process, folder: folder, errorURL: errorURL)
    }

    /// A running `escpos` process; its standard error can be read while it runs.
    final class Running: Sendable {
        let process: Process
        let folder: URL
        let errorURL: URL

        init(process: Process, folder: URL, errorURL: URL) {
            self.process = process
            self.folder = folder
            self.errorURL = errorURL
        }

        var standardError: String {
            (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        }

        /// Waits (up to about 30 s) until standard error has a line matching `pattern`; returns its first
        /// capture group.
        func waitForStandardError(matching pattern: String) async throws -> String? {
            let expression = try NSRegularExpression(pattern: pattern)
            for _ in 0..<3000 {
                let text = standardError
                if let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                    let range = Range(match.range(at: 1), in: text)
                {
                    return String(text[range])
                }
                if !process.isRunning { return nil }
                try await Task.sleep(for: .milliseconds(10))
            }
            return nil
        }

        /// Waits (up to about 30 s) for the process to exit and returns its status; stops it after that.
        func exitStatus() async throws -> Int32 {
            for _ in 0..<3000 where process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: folder)
            return process.terminationStatus
        }
    }

    /// A fresh temporary folder for a test's files.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("escpos-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
