import EscPos

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files with the C library, without Foundation.
///
/// Image paths can come from a document that arrived over the network, so reading is defensive: the file is
/// opened without blocking (a FIFO or a device never hangs the caller), anything that is not a regular file
/// is refused, the size is checked before a byte is read, and no error message quotes the file's contents.
enum FileContents {
    /// Reads the file at `path`, refusing files larger than `maximumBytes`.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage`` naming the path and the system's reason.
    static func read(_ path: String, maximumBytes: Int) throws(EscPosError) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer, forever. It changes nothing for
        // regular files, which are all this reads.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { throw failure(path, "cannot be opened") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(path, "cannot be examined") }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw EscPosError(
                .invalidImage,
                "the image path \"\(path)\" is \(kind(of: status.st_mode)), not a regular file; give a PNG or JPEG file"
            )
        }
        let size = Int(status.st_size)
        guard size <= maximumBytes else {
            throw EscPosError(
                .invalidImage,
                "the image file \"\(path)\" is \(size) bytes, more than the limit of \(maximumBytes) bytes"
            )
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                // The buffer holds `size` > 0 bytes here, so its base address exists.
                guard let base = buffer.baseAddress else { return -1 }
                return Glibc.read(descriptor, base + filled, size - filled)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                if count == 0 { break }
                throw failure(path, "cannot be read")
            }
            filled += count
        }
        if filled < size { bytes.removeLast(size - filled) }
        return bytes
    }

    /// The real path of `path` when it lies inside `directory`, following symbolic links.
    ///
    /// A relative `path` is taken inside `directory`. The path is first checked as written (no `..` may climb
    /// out), so nothing outside the directory is ever looked at; then its symbolic links are resolved and the
    /// result must still lie inside the directory. Messages never say whether a file outside the directory
    /// exists.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage``.
    static func confined(_ path: String, to directory: String) throws(EscPosError) -> String {
        guard let root = realPath(directory) else {
            throw EscPosError(
                .invalidImage,
                "the image directory \"\(directory)\" cannot be used: \(String(cString: strerror(errno))); "
                    + "set the image directory to an existing folder"
            )
        }
        let outside = EscPosError(
            .invalidImage,
            "the image path \"\(path)\" is outside the image directory; only files inside it can be printed"
        )
        let lexicalRoot = normalized(
            directory.hasPrefix("/") ? directory : (currentDirectory() ?? "") + "/" + directory
        )
        let candidate = path.hasPrefix("/") ? normalized(path) : normalized(root + "/" + path)
        guard let candidate, isInside(candidate, root) || lexicalRoot.map({ isInside(candidate, $0) }) == true else {
            throw outside
        }
        guard let resolved = realPath(candidate) else {
            throw EscPosError(
                .invalidImage,
                "the image file \"\(path)\" cannot be opened: \(String(cString: strerror(errno)))"
            )
        }
        guard isInside(resolved, root) else { throw outside }
        return resolved
    }

    /// `path` with `.` and empty components removed and `..` applied; `nil` when `..` climbs above `/`.
    static func normalized(_ path: String) -> String? {
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }

    private static func isInside(_ path: String, _ directory: String) -> Bool {
        directory == "/" ? path.hasPrefix("/") : path.hasPrefix(directory + "/")
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func currentDirectory() -> String? {
        guard let directory = getcwd(nil, 0) else { return nil }
        defer { free(directory) }
        return String(cString: directory)
    }

    private static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }

    private static func failure(_ path: String, _ what: String) -> EscPosError {
        let reason = String(cString: strerror(errno))
        return EscPosError(.invalidImage, "the image file \"\(path)\" \(what): \(reason)")
    }
}
