import CLibFuzzer
public import EscPos
import EscPosImaging

/// The function libFuzzer calls with each input.
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs libFuzzer's driver (corpus, mutation, `-runs`, `-max_total_time`, ...) with the program's arguments.
///
/// Each harness calls it from its `<Module>_main`, the symbol SwiftPM links `main` to.
public func runLibFuzzer(
    _ argc: CInt,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ target: FuzzTarget
) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, target)
}

// swift-format-ignore: NeverForceUnwrap
// (`bitPattern:` returns nil only for 0.)
/// A non-nil pointer for an empty input (libFuzzer may pass `nil` with a count of 0); never read.
public var emptyInput: UnsafeRawPointer { UnsafeRawPointer(bitPattern: 1)! }

/// The image decoder the document and template harnesses compile with: the real ``ImageDecoder`` for
/// inline image data, but no file system access, so a fuzzed `"path"` can never open `/dev/zero`, a FIFO
/// or a real file (those cases are tested by the library's own tests, not fuzzed).
public struct InlineImageDecoder: ImageDecoding {
    let decoder = ImageDecoder()

    public init() {}

    public func decodeImage(_ bytes: [UInt8], pixelLimit: Int) throws -> GrayImage {
        try decoder.decodeImage(bytes, pixelLimit: pixelLimit)
    }

    public func decodeImage(atPath path: String, pixelLimit: Int) throws -> GrayImage {
        throw EscPosError(.invalidImage, "the fuzz harness reads no files")
    }
}

/// The input as bytes.
public func inputBytes(_ start: UnsafeRawPointer, _ count: Int) -> [UInt8] {
    [UInt8](UnsafeRawBufferPointer(start: start, count: count))
}

/// Stops with `message` when `condition` is false. Unlike `precondition`, it keeps the message in release
/// builds, so the fuzzer's log says which check failed.
public func check(
    _ condition: @autoclosure () -> Bool,
    _ message: @autoclosure () -> String,
    file: StaticString = #file,
    line: UInt = #line
) {
    if !condition() { fatalError(message(), file: file, line: line) }
}

/// Checks the invariant every decoded stream keeps: the commands cover the bytes exactly, in order.
public func checkDecodes(_ bytes: [UInt8], profile: PrinterProfile) {
    let commands = CommandDecoder(profile: profile).decode(bytes)
    var offset = 0
    for command in commands {
        check(command.offset == offset, "command at \(command.offset), expected \(offset)")
        check(command.bytes.elementsEqual(bytes[offset..<offset + command.bytes.count]), "bytes differ at \(offset)")
        offset += command.bytes.count
    }
    check(offset == bytes.count, "the commands cover \(offset) of \(bytes.count) bytes")
}
