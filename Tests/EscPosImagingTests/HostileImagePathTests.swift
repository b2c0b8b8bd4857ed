import EscPos
import EscPosImaging
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Image paths named by a document that came from someone else: nothing may hang, leak file contents or
/// reach outside the image directory (issue 10, defects 3 and 4).
@Suite(.timeLimit(.minutes(1))) struct HostileImagePathTests {
    let decoder = ImageDecoder()

    /// A fresh folder with `logo.png` (a real PNG) and `notes.txt`, removed by the caller.
    static func makeFolder() throws -> String {
        let folder = "/tmp/escpos-hostile-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder + "/images", withIntermediateDirectories: true)
        try TestFileReader.write(try FixtureFiles.read("gray8.png"), to: folder + "/images/logo.png")
        try TestFileReader.write(Array("root:*:19000:0:99999:7:::\n".utf8), to: folder + "/secret.txt")
        return folder
    }

    @Test func aFIFOIsRefusedAtOnceInsteadOfWaitingForAWriter() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/images/pipe.png"
        #expect(mkfifo(fifo, 0o600) == 0)
        // Before the fix this open() blocked forever (no writer ever comes); the suite's time limit fails it.
        let error = try #require(throws: EscPosError.self) { try decoder.decodeImage(atPath: fifo) }
        #expect(error.code == .invalidImage)
        #expect(error.message.contains("a FIFO, not a regular file"))
    }

    @Test func directoriesAndDevicesAreRefused() throws {
        for path in ["/tmp", "/dev/zero", "/dev/null"] {
            let error = try #require(throws: EscPosError.self) { try decoder.decodeImage(atPath: path) }
            #expect(error.code == .invalidImage)
            #expect(error.message.contains("not a regular file"), "\(path): \(error.message)")
        }
    }

    /// `{"type":"image","path":"/etc/shadow"}` used to answer with the file's first eight bytes in hex.
    @Test func aFileThatIsNoImageIsNotQuotedInTheError() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = try #require(throws: EscPosError.self) { try decoder.decodeImage(atPath: folder + "/secret.txt") }
        #expect(error.code == .invalidImage)
        #expect(error.message.contains("neither PNG nor JPEG"))
        #expect(!error.message.contains("72 6F"), "the bytes of the file leaked: \(error.message)")
        #expect(!error.message.contains("starts with"))
    }

    @Test func bytesGivenByTheSenderMayBeQuotedBackToIt() throws {
        let error = try #require(throws: EscPosError.self) { try decoder.decodeImage(Array("root:*:1".utf8)) }
        #expect(error.message.contains("72 6F 6F 74"))
    }

    @Test func aRelativePathIsTakenInsideTheImageDirectory() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let image = try decoder.decodeImage(atPath: "logo.png", inDirectory: folder + "/images", pixelLimit: 1 << 20)
        #expect(image == (try decoder.decodeImage(atPath: folder + "/images/logo.png")))
        let absolute = try decoder.decodeImage(
            atPath: folder + "/images/./logo.png",
            inDirectory: folder + "/images",
            pixelLimit: 1 << 20
        )
        #expect(absolute == image)
    }

    @Test(arguments: ["../secret.txt", "/etc/passwd", "/etc/does-not-exist", "../../../../../../etc/passwd", ".."])
    func pathsOutsideTheImageDirectoryAreRefusedAlike(path: String) throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = try #require(throws: EscPosError.self) {
            try decoder.decodeImage(atPath: path, inDirectory: folder + "/images", pixelLimit: 1 << 20)
        }
        #expect(error.code == .invalidImage)
        // The same words whether or not the file exists, so a sender cannot probe paths.
        #expect(
            error.message
                == "the image path \"\(path)\" is outside the image directory; only files inside it can be printed"
        )
    }

    @Test func aSymbolicLinkOutOfTheImageDirectoryIsRefused() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(symlink(folder + "/secret.txt", folder + "/images/innocent.png") == 0)
        #expect(symlink("/etc", folder + "/images/etc") == 0)
        for path in ["innocent.png", "etc/passwd"] {
            let error = try #require(throws: EscPosError.self) {
                try decoder.decodeImage(atPath: path, inDirectory: folder + "/images", pixelLimit: 1 << 20)
            }
            #expect(error.message.contains("outside the image directory"), "\(path): \(error.message)")
        }
    }

    @Test func theCompilerConfinesDocumentPathsToCompileOptionsImageDirectory() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let options = CompileOptions(imageDecoder: ImageDecoder(), imageDirectory: folder + "/images")
        let compiler = ReceiptCompiler(profile: .generic80mm, options: options)
        let inside = try compiler.compile(Receipt { RasterImage(path: "logo.png") })
        #expect(inside.bytes.count > 10)
        let error = try #require(throws: EscPosError.self) {
            try compiler.compile(
                Receipt {
                    Text("before")
                    RasterImage(path: "/etc/passwd")
                }
            )
        }
        #expect(error.code == .invalidImage)
        #expect(error.path.description == "blocks[1].path")
        #expect(error.message.contains("outside the image directory"))
    }

    /// A decoder of someone else's that predates directories cannot confine paths, so it must refuse them.
    @Test func aDecoderWithoutDirectorySupportRefusesPathsWhenADirectoryIsSet() throws {
        struct OldDecoder: ImageDecoding {
            func decodeImage(_ bytes: [UInt8], pixelLimit: Int) throws -> GrayImage {
                try GrayImage(width: 1, height: 1, pixels: [0])
            }
            func decodeImage(atPath path: String, pixelLimit: Int) throws -> GrayImage {
                try GrayImage(width: 1, height: 1, pixels: [0])
            }
        }
        let free = try OldDecoder().decodeImage(atPath: "/x.png", inDirectory: nil, pixelLimit: 10)
        #expect(free.width == 1)
        let error = try #require(throws: EscPosError.self) {
            try OldDecoder().decodeImage(atPath: "x.png", inDirectory: "/tmp", pixelLimit: 10)
        }
        #expect(error.code == .invalidImage)
    }
}
