import EscPosTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built tool fed documents that name hostile image paths (issue 10, defects 3 and 4).
@Suite(.timeLimit(.minutes(1))) struct HostileInputCLITests {
    static func document(imagePath: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("doc.json").path
        let json =
            #"{"schemaVersion": 1, "blocks": [{"type": "text", "text": "hi"}, {"type": "image", "path": "\#(imagePath)"}]}"#
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Before the fix `render` and `preview` waited forever for a writer to open the FIFO.
    @Test(arguments: [["render"], ["preview", "--quiet"]])
    func aFIFONamedAsAnImageIsRefusedAtOnce(command: [String]) throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("logo.png").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try CLI.run(command + [try Self.document(imagePath: fifo, in: folder)])
        #expect(result.status == 65)
        #expect(result.standardError.contains("a FIFO, not a regular file"), "\(result.standardError)")
    }

    @Test func imageDirKeepsDocumentsFromReadingOtherFiles() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let document = try Self.document(imagePath: "/etc/passwd", in: folder)
        let confined = try CLI.run(["render", document, "--image-dir", folder.path, "-o", "/dev/null"])
        #expect(confined.status == 65)
        #expect(confined.standardError.contains("blocks[1].path"))
        #expect(confined.standardError.contains("outside the image directory"))
        // Without --image-dir the file is read, but its bytes are never quoted back.
        let free = try CLI.run(["render", document, "-o", "/dev/null"])
        #expect(free.status == 65)
        #expect(free.standardError.contains("neither PNG nor JPEG"))
        #expect(!free.standardError.contains("starts with"), "\(free.standardError)")
    }

    @Test func imageDirTakesRelativePathsInsideIt() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = CLI.repository.appendingPathComponent("Tests/EscPosImagingTests/Fixtures/gray8.png")
        try FileManager.default.copyItem(at: png, to: folder.appendingPathComponent("logo.png"))
        let document = try Self.document(imagePath: "logo.png", in: folder)
        let result = try CLI.run(["render", document, "--image-dir", folder.path, "--listing"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.output.contains("GS v 0") || result.output.contains("GS ( L"))
    }
}
