import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading the tool's inputs with bounds: documents, template data, profiles and byte streams.
enum InputFile {
    /// The most bytes read from one input file or from standard input (64 MiB): far above any receipt,
    /// low enough that a wrong path or an endless stream cannot fill memory.
    static let maximumBytes = 64 << 20

    /// The contents of the regular file at `path`, at most `limit` bytes.
    ///
    /// The file is opened without blocking and its type checked before a byte is read, so a FIFO, a device
    /// such as `/dev/zero` or a directory is refused at once instead of hanging or reading forever.
    ///
    /// - Throws: ``CLIError/fileNotFound(_:)``; ``CLIError/io(_:)`` (exit 74) for a file that cannot be
    ///   opened or is not a regular file; ``CLIError/invalid(_:file:)`` (exit 65) for one over `limit`.
    static func read(_ path: String, limit: Int = maximumBytes) throws -> Data {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let error = errno
            if error == ENOENT || error == ENOTDIR { throw CLIError.fileNotFound(path) }
            throw CLIError.io("cannot read \(path): \(String(cString: strerror(error)))")
        }
        defer { close(descriptor) }
        var information = stat()
        guard fstat(descriptor, &information) == 0 else {
            throw CLIError.io("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        let type = information.st_mode & S_IFMT
        guard type == S_IFREG else {
            throw CLIError.io(
                "cannot read \(path): it is \(describe(type)), not a regular file; give the path of a file"
            )
        }
        guard information.st_size <= limit else { throw tooLarge(path) }
        guard let data = try readAll(descriptor, limit: limit, source: path) else { throw tooLarge(path) }
        return data
    }

    /// Standard input until its end, at most `limit` bytes (a pipe or a terminal is fine here).
    ///
    /// - Throws: ``CLIError/invalid(_:file:)`` (exit 65) when more than `limit` bytes arrive, without reading
    ///   further; ``CLIError/io(_:)`` when reading fails.
    static func readStandardInput(limit: Int = maximumBytes) throws -> Data {
        guard let data = try readAll(STDIN_FILENO, limit: limit, source: "standard input") else {
            throw tooLarge("standard input")
        }
        return data
    }

    private static func tooLarge(_ source: String) -> CLIError {
        CLIError.invalid(
            "more than \(maximumBytes >> 20) MiB, the most escpos reads from one input; split the input",
            file: source
        )
    }

    /// Reads until the end; `nil` as soon as more than `limit` bytes arrived.
    private static func readAll(_ descriptor: Int32, limit: Int, source: String) throws -> Data? {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN {
                    // Standard input set to non-blocking by another program: wait until it is readable.
                    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                    _ = poll(&poller, 1, -1)
                    continue
                }
                throw CLIError.io("cannot read \(source): \(String(cString: strerror(errno)))")
            }
            guard data.count + count <= limit else { return nil }
            data.append(contentsOf: chunk[0..<count])
        }
    }

    private static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFDIR: return "a directory"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }
}

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(descriptor, buffer, count)
    #else
    return Darwin.read(descriptor, buffer, count)
    #endif
}
