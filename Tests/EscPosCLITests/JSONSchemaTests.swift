import EscPosTestSupport
import Foundation
import Testing

/// The JSON Schemas in `Schemas/` agree with the decoder: an independent validator (Python `jsonschema`, run by
/// `scripts/validate-schemas.py`) accepts every example, golden document and valid corpus file and rejects the
/// invalid corpus, and the `escpos` tool, which decodes with the real decoder, does the same.
@Suite(.timeLimit(.minutes(2))) struct JSONSchemaTests {
    @Test func independentValidatorAcceptsExamplesAndGoldenDocumentsAndRejectsTheInvalidCorpus() throws {
        let result = try PythonScript.run("scripts/validate-schemas.py")
        let failures = result.output.split(separator: "\n").filter { !$0.hasPrefix("ok ") }
        #expect(
            result.status == 0,
            """
            scripts/validate-schemas.py exited with \(result.status):
            \(failures.joined(separator: "\n"))\(result.standardError)
            """
        )
    }

    @Test(arguments: SchemaCorpusFile.all(in: "invalid"))
    func decoderRejectsInvalidCorpusFile(_ file: SchemaCorpusFile) throws {
        let expected = try #require(
            SchemaCorpusFile.expectedErrors[file.name],
            "\(file.path) has no entry in Schemas/Tests/invalid-expected-paths.json; add the field its error names"
        )
        let result = try CLI.run(file.renderArguments)
        #expect(result.status == 65, "\(file.path): escpos exited with \(result.status), not 65 (invalid input)")
        #expect(
            expected.isEmpty || result.standardError.contains(expected),
            "\(file.path): the decoder's error does not mention \"\(expected)\": \(result.standardError)"
        )
    }

    @Test(arguments: SchemaCorpusFile.all(in: "valid"))
    func decoderAcceptsValidCorpusFile(_ file: SchemaCorpusFile) throws {
        let result = try CLI.run(file.renderArguments)
        #expect(result.status == 0, "\(file.path): escpos exited with \(result.status): \(result.standardError)")
    }

    @Test func everyExpectedErrorNamesAnInvalidCorpusFile() {
        let files = Set(SchemaCorpusFile.all(in: "invalid").map(\.name))
        let stale = SchemaCorpusFile.expectedErrors.keys.filter { !files.contains($0) }
        #expect(stale.isEmpty, "Schemas/Tests/invalid-expected-paths.json names missing files: \(stale.sorted())")
    }
}

/// A file of `Schemas/Tests/valid` or `Schemas/Tests/invalid`; its name says what it is: `document-…`,
/// `sales-receipt-…` (sales-receipt template data) or `kitchen-ticket-…` (kitchen-ticket template data).
struct SchemaCorpusFile: Sendable, CustomTestStringConvertible {
    let name: String
    let folder: String

    var path: String { "Schemas/Tests/\(folder)/\(name)" }
    var testDescription: String { name }

    /// `escpos render` for this file: a document directly, template data through its template.
    var renderArguments: [String] {
        let output = ["--output", "/dev/null"]
        for template in ["sales-receipt", "kitchen-ticket"] where name.hasPrefix(template) {
            return ["render", "--template", template, "--data", path] + output
        }
        return ["render", path] + output
    }

    static func all(in folder: String) -> [SchemaCorpusFile] {
        let url = CLI.repository.appendingPathComponent("Schemas/Tests/\(folder)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { SchemaCorpusFile(name: $0, folder: folder) }
    }

    /// For each invalid file, text the decoder's error must contain (usually the field path); keys starting
    /// with `$` are comments.
    static let expectedErrors: [String: String] = {
        let url = CLI.repository.appendingPathComponent("Schemas/Tests/invalid-expected-paths.json")
        guard let data = try? Data(contentsOf: url),
            let table = try? JSONDecoder().decode([String: String].self, from: data)
        else { return [:] }
        return table.filter { !$0.key.hasPrefix("$") }
    }()
}

/// Runs a Python script of the repository with `python3`, collecting its output.
enum PythonScript {
    static func run(_ script: String, _ arguments: String...) throws -> CLI.Result {
        try CLI.runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script] + arguments)
    }
}
