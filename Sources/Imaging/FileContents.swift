#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import EscPos

/// Reads whole files with the C library, without Foundation.
enum FileContents {
    /// Reads the file at `path`, refusing files larger than `maximumBytes`.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage`` naming the path and the system's reason.
    static func read(_ path: String, maximumBytes: Int) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, "cannot be opened") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(path, "cannot be examined") }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw EscPosError(.invalidImage, "the image path \"\(path)\" is not a regular file")
        }
        let size = Int(status.st_size)
        guard size <= maximumBytes else {
            throw EscPosError(
                .invalidImage,
                "the image file \"\(path)\" is \(size) bytes, more than the limit of \(maximumBytes) bytes")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, size - filled)
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

    private static func failure(_ path: String, _ what: String) -> EscPosError {
        let reason = String(cString: strerror(errno))
        return EscPosError(.invalidImage, "the image file \"\(path)\" \(what): \(reason)")
    }
}
