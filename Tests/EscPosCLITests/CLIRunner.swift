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

    /// Runs `escpos` with `arguments` in the repository folder.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let executable = try #require(executable, "the escpos executable was not built; run `swift build` first")
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
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, standardOutput: try Data(contentsOf: outputURL),
            standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }

    /// A fresh temporary folder for a test's files.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("escpos-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
