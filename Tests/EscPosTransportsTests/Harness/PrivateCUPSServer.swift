import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A throw-away `cupsd` on loopback, started and stopped by the tests themselves.
///
/// Everything it writes stays in a temporary directory; nothing under /etc/cups or /run/cups is used.
/// Needs the Debian packages `cups-daemon` and `cups-client` (for `lpadmin`), and root (cupsd drops to
/// user `lp` for backends, so the directory is made world-readable).
final class PrivateCUPSServer: @unchecked Sendable {
    let directory: URL
    let port: Int
    private let process: Process

    /// `127.0.0.1:PORT`, for `cups://QUEUE@…` URIs.
    var server: String { "127.0.0.1:\(port)" }

    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/sbin/cupsd")
            && FileManager.default.isExecutableFile(atPath: "/usr/sbin/lpadmin")
    }

    /// Runs `body` with a fresh server and stops it afterwards, also when `body` throws.
    static func with<T>(_ body: (PrivateCUPSServer) async throws -> T) async throws -> T {
        let server = try await PrivateCUPSServer.start()
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    private init(directory: URL, port: Int, process: Process) {
        self.directory = directory
        self.port = port
        self.process = process
    }

    static func start() async throws -> PrivateCUPSServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "escpos-cupsd-\(UUID().uuidString)"
        )
        for sub in ["etc/ppd", "etc/ssl", "spool/tmp", "cache", "run/certs", "log"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(sub),
                withIntermediateDirectories: true
            )
        }
        // Backends run as user lp and open the spool files themselves: every parent must be traversable.
        for sub in ["", "etc", "log", "cache", "spool"] {
            chmod(directory.appendingPathComponent(sub).path, 0o755)
        }
        let port = try freeLoopbackPort()
        let root = directory.path
        let cupsdConf = """
            LogLevel warn
            Listen 127.0.0.1:\(port)
            Listen \(root)/cups.sock
            Browsing No
            BrowseLocalProtocols none
            DefaultAuthType None
            WebInterface No
            DefaultEncryption Never
            JobRetryLimit 0
            ErrorPolicy abort-job
            PreserveJobHistory Yes
            MaxJobs 0
            <Location />
              Order allow,deny
              Allow all
            </Location>
            <Location /admin>
              Order allow,deny
              Allow all
            </Location>
            <Policy default>
              JobPrivateAccess all
              JobPrivateValues none
              SubscriptionPrivateAccess all
              SubscriptionPrivateValues none
              <Limit All>
                Order deny,allow
              </Limit>
            </Policy>

            """
        let filesConf = """
            User lp
            Group lp
            SystemGroup root
            ServerRoot \(root)/etc
            ServerBin /usr/lib/cups
            RequestRoot \(root)/spool
            TempDir \(root)/spool/tmp
            CacheDir \(root)/cache
            StateDir \(root)/run
            Printcap \(root)/run/printcap
            ServerKeychain \(root)/etc/ssl
            CreateSelfSignedCerts no
            AccessLog \(root)/log/access_log
            ErrorLog \(root)/log/error_log
            PageLog \(root)/log/page_log

            """
        try cupsdConf.write(toFile: "\(root)/etc/cupsd.conf", atomically: true, encoding: .utf8)
        try filesConf.write(toFile: "\(root)/etc/cups-files.conf", atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/cupsd")
        process.arguments = ["-f", "-c", "\(root)/etc/cupsd.conf", "-s", "\(root)/etc/cups-files.conf"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = PrivateCUPSServer(directory: directory, port: port, process: process)
        for _ in 0..<1000 {
            if canConnect(port: port) { return server }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        let log = (try? String(contentsOfFile: "\(root)/log/error_log", encoding: .utf8)) ?? ""
        await server.stop()
        throw HarnessError("cupsd did not start on port \(port): \(log)")
    }

    /// Adds an enabled raw queue (no driver) sending to `deviceURI`.
    func addRawQueue(_ name: String, deviceURI: String) throws {
        try run("/usr/sbin/lpadmin", ["-h", server, "-p", name, "-v", deviceURI, "-E"])
    }

    /// Runs a CUPS command-line tool and returns what it printed.
    @discardableResult
    func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let errors = Pipe()
        let output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw HarnessError("\(tool) \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return String(decoding: printed, as: UTF8.self)
    }

    func stop() async {
        if process.isRunning {
            process.terminate()
            for _ in 0..<100 where process.isRunning {
                try? await Task.sleep(for: .milliseconds(10))
            }
            // State is thrown away anyway: do not wait for a graceful shutdown.
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        if ProcessInfo.processInfo.environment["ESCPOS_KEEP_CUPSD_DIR"] == nil {
            try? FileManager.default.removeItem(at: directory)
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Asks the kernel for a free loopback port (bind to port 0, read it back, release it).
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw HarnessError("socket failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
        }
    }
    guard bound else { throw HarnessError("bind failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}

func canConnect(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
}
