#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal pair: the transport opens ``devicePath`` like a serial port; the test plays the
/// printer on the master side.
final class PseudoTerminal {
    let master: Int32
    let devicePath: String

    init() throws {
        // Glibc's module map hides the XSI pseudo-terminal functions; look the real ones up by name.
        let openpt = try Self.function("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
        let grantpt = try Self.function("grantpt", as: (@convention(c) (Int32) -> Int32).self)
        let unlockpt = try Self.function("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
        let ptsname = try Self.function("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
        master = openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
            throw PseudoTerminalError(errno: errno)
        }
        devicePath = String(cString: name)
        // Keep the line open from the test side too, so closing the transport does not hang up the master.
        var settings = termios()
        tcgetattr(master, &settings)
        cfmakeraw(&settings)
        tcsetattr(master, TCSANOW, &settings)
    }

    private static func function<F>(_ name: String, as type: F.Type) throws -> F {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
            throw PseudoTerminalError(errno: ENOSYS)
        }
        return unsafeBitCast(symbol, to: type)
    }

    deinit {
        close(master)
    }

    /// Reads from the printer side until `count` bytes arrived or 5 s passed.
    func readFromHost(count: Int, timeoutMilliseconds: Int = 5000) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var waited = 0
        while result.count < count && waited < timeoutMilliseconds {
            var entry = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&entry, 1, 10) <= 0 {
                waited += 10
                continue
            }
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            result += buffer[0..<n]
        }
        return result
    }

    /// Sends bytes from the printer side to the host.
    func sendToHost(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }
}

struct PseudoTerminalError: Error {
    var errno: Int32
}
