public import EscPos
public import Foundation
public import Testing

/// Golden-fixture assertions: compare bytes exactly with `Fixtures/<name>.bin`, and on a mismatch show
/// a command-level diff of the decoded listings with the first differing offset.
///
/// Recording is a deliberate switch: `ESCPOS_RECORD_FIXTURES=missing` writes fixtures that don't exist,
/// `ESCPOS_RECORD_FIXTURES=all` rewrites every fixture a test touches. A recording run still fails, so a
/// recorded fixture is always looked at and reviewed; under `CI=true` recording is never on.
public enum GoldenFixture {
    /// The folder holding the fixtures, found from this file's location (no bundle resources needed).
    public static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// When fixtures are written.
    public enum RecordMode: String, Sendable {
        /// Never write (the default, and always under CI).
        case never
        /// Write fixtures that do not exist yet.
        case missing
        /// Rewrite every fixture a test checks.
        case all
    }

    /// The mode from `ESCPOS_RECORD_FIXTURES`, forced to `.never` when `CI=true`.
    public static var recordMode: RecordMode {
        let environment = ProcessInfo.processInfo.environment
        if environment["CI"] == "true" { return .never }
        return environment["ESCPOS_RECORD_FIXTURES"].flatMap(RecordMode.init(rawValue:)) ?? .never
    }

    public static func url(_ name: String, _ fileExtension: String) -> URL {
        directory.appendingPathComponent(name).appendingPathExtension(fileExtension)
    }

    /// The listing file's text: a header of `#` comment lines, then the decoded listing.
    public static func listingText(for bytes: [UInt8], profile: PrinterProfile, header: [String]) -> String {
        let comments = header.map { "# " + $0 }.joined(separator: "\n")
        return comments + "\n" + CommandListing(CommandDecoder(profile: profile).decode(bytes)).text
    }

    /// Checks `bytes` against `Fixtures/<name>.bin` and its listing against `Fixtures/<name>.txt`.
    ///
    /// - Parameters:
    ///   - header: Lines for the listing's header: what the fixture shows and which reference its bytes
    ///     were checked against.
    public static func expect(
        _ bytes: [UInt8],
        named name: String,
        profile: PrinterProfile,
        header: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let binURL = url(name, "bin")
        let txtURL = url(name, "txt")
        let mode = recordMode
        let existing = try? Data(contentsOf: binURL)
        if mode == .all || (mode == .missing && existing == nil) {
            do {
                try Data(bytes).write(to: binURL)
                try listingText(for: bytes, profile: profile, header: header).write(
                    to: txtURL,
                    atomically: true,
                    encoding: .utf8
                )
            } catch {
                Issue.record("could not record fixture \(name): \(error)", sourceLocation: sourceLocation)
                return
            }
            Issue.record(
                "Recorded fixture \(binURL.path) (and .txt). Review the listing, then run again without ESCPOS_RECORD_FIXTURES.",
                sourceLocation: sourceLocation
            )
            return
        }
        guard let existing else {
            Issue.record(
                "Missing fixture \(binURL.path). Record it with ESCPOS_RECORD_FIXTURES=missing, then review the listing.",
                sourceLocation: sourceLocation
            )
            return
        }
        let expected = [UInt8](existing)
        if expected != bytes {
            Issue.record(
                Comment(rawValue: mismatchReport(expected: expected, actual: bytes, profile: profile, name: name)),
                sourceLocation: sourceLocation
            )
        }
        // The listing beside the fixture must be the decoder's listing of the fixture's bytes.
        let listing = (try? String(contentsOf: txtURL, encoding: .utf8)) ?? ""
        let body = listing.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }
            .joined(separator: "\n")
        let fresh = CommandListing(CommandDecoder(profile: profile).decode(expected)).text
        if body != fresh {
            let diff = lineDiff(
                expected: body.components(separatedBy: "\n"),
                actual: fresh.components(separatedBy: "\n")
            )
            Issue.record(
                Comment(
                    rawValue:
                        "The listing \(txtURL.lastPathComponent) does not match its .bin; re-record with ESCPOS_RECORD_FIXTURES=all and review.\n\(diff)"
                ),
                sourceLocation: sourceLocation
            )
        }
    }

    /// Checks a document fixture end to end: `Fixtures/<name>.json` must decode to `receipt` (it is written
    /// from `receipt` when recording), the JSON document is compiled for `profile`, and its bytes and listing
    /// are checked with ``expect(_:named:profile:header:sourceLocation:)``.
    ///
    /// - Returns: The compiled result, for further assertions (warnings, command headers).
    @discardableResult
    public static func expectDocument(
        _ receipt: Receipt,
        named name: String,
        profile: PrinterProfile,
        header: [String],
        options: CompileOptions = CompileOptions(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CompiledReceipt {
        let jsonURL = url(name, "json")
        if recordMode != .never {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            try encoder.encode(receipt).write(to: jsonURL)
        }
        // The JSON twin decodes to the same document, and it is the JSON that is compiled.
        let fromJSON = try JSONDecoder().decode(Receipt.self, from: Data(contentsOf: jsonURL))
        #expect(fromJSON == receipt, "\(name).json differs from the DSL document", sourceLocation: sourceLocation)
        let result = try ReceiptCompiler(profile: profile, options: options).compile(fromJSON)
        expect(result.bytes, named: name, profile: profile, header: header, sourceLocation: sourceLocation)
        return result
    }

    /// A readable explanation of a byte mismatch: sizes, the first differing offset and a diff of the
    /// decoded listings.
    public static func mismatchReport(
        expected: [UInt8],
        actual: [UInt8],
        profile: PrinterProfile,
        name: String
    ) -> String {
        let firstDifference =
            zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expected.count, actual.count)
        let decoder = CommandDecoder(profile: profile)
        let expectedLines = CommandListing(decoder.decode(expected)).lines
        let actualLines = CommandListing(decoder.decode(actual)).lines
        return """
            Bytes differ from fixture \(name).bin: expected \(expected.count) bytes, got \(actual.count); \
            first difference at offset \(firstDifference).
            Command-level diff (- fixture, + actual):
            \(lineDiff(expected: expectedLines, actual: actualLines))
            """
    }

    /// A unified-style diff with two lines of context around each change.
    public static func lineDiff(expected: [String], actual: [String]) -> String {
        let difference = actual.difference(from: expected)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var output: [String] = []
        var i = 0
        var j = 0
        var lastPrinted = -10
        func near(_ index: Int, _ set: Set<Int>) -> Bool { (index - 2...index + 2).contains { set.contains($0) } }
        while i < expected.count || j < actual.count {
            if i < expected.count, removed.contains(i) {
                output.append("- " + expected[i])
                i += 1
                lastPrinted = i
            } else if j < actual.count, inserted.contains(j) {
                output.append("+ " + actual[j])
                j += 1
                lastPrinted = i
            } else {
                if near(i, removed) || near(j, inserted) || i - lastPrinted < 2 {
                    if i < expected.count { output.append("  " + expected[i]) }
                } else if output.last != "  …" {
                    output.append("  …")
                }
                i += 1
                j += 1
            }
        }
        return output.joined(separator: "\n")
    }
}
