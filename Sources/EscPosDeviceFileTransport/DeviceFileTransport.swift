public import EscPosPrinting
import EscPosTransportSupport
public import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A printer reached through a device file: the kernel's `usblp` driver (`/dev/usb/lp0`), a parallel
/// port, or a serial line (`/dev/ttyUSB0`, `/dev/rfcomm0`) configured with termios.
///
/// The file is opened non-blocking; every wait is a `poll()` with a timeout, run on NIO's thread pool
/// rather than Swift's cooperative pool, and checked for task cancellation several times a second.
///
/// ```swift
/// let transport = try await DeviceFileTransport.open(
///     path: "/dev/ttyUSB0", serial: SerialOptions(baudRate: 19200, flowControl: .rtscts))
/// try await transport.write(bytes)
/// await transport.close()
/// ```
public final class DeviceFileTransport: PrinterTransport {
    /// `file://PATH` or `serial://PATH?...`.
    public let uri: PrinterURI
    private let descriptor: Mutex<Int32>
    /// The options the file was opened with; writes go out in pieces of their chunk size.
    public let options: TransportOptions
    private var chunkSize: Int { max(1, options.chunkSize) }
    private let logger: Logger
    /// Whether the file can answer: a device (`/dev/usb/lp0`, a serial line) can; a regular file or a FIFO
    /// cannot, so ``Printer`` never writes status requests into it.
    public let hasBackChannel: Bool

    private init(uri: PrinterURI, fd: Int32, hasBackChannel: Bool, options: TransportOptions, logger: Logger) {
        self.uri = uri
        self.descriptor = Mutex(fd)
        self.hasBackChannel = hasBackChannel
        self.options = options
        self.logger = logger
    }

    deinit {
        let fd = descriptor.withLock { $0 }
        if fd >= 0 { _ = systemClose(fd) }
    }

    /// Opens a device file, and configures the line when `serial` is given.
    ///
    /// - Parameters:
    ///   - path: The device, such as `/dev/usb/lp0` or `/dev/ttyUSB0`.
    ///   - serial: Line settings for a serial port; `nil` for a printer device file.
    ///   - options: The chunk size is used.
    ///   - logger: Receives `debug` and `trace` messages.
    /// - Returns: An open transport; ``close()`` it when done.
    /// - Throws: ``TransportError`` with ``TransportError/Code/deviceNotFound``,
    ///   ``TransportError/Code/accessDenied`` (with the group to join) or ``TransportError/Code/busy``.
    public static func open(
        path: String,
        serial: SerialOptions? = nil,
        options: TransportOptions = TransportOptions(),
        logger: Logger = .current
    ) async throws -> DeviceFileTransport {
        let uri = serial.map { PrinterURI(.serial(path: path, options: $0)) } ?? PrinterURI(.file(path: path))
        let (fd, isDevice): (Int32, Bool) = try await runBlocking(uri: uri) {
            // A file:// path outside /dev that does not exist yet becomes a regular file (to capture a job);
            // a missing device stays an error, so a typo in /dev/usb/lp0 never turns into a file.
            let creates = serial == nil && !path.hasPrefix("/dev/")
            let fd = systemOpen(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC | (creates ? O_CREAT : 0))
            guard fd >= 0 else { throw openError(errno, path: path, uri: uri) }
            var information = stat()
            let isDevice = fstat(fd, &information) == 0 && (information.st_mode & S_IFMT) == S_IFCHR
            if let serial {
                do {
                    try configure(fd: fd, serial, uri: uri)
                } catch {
                    _ = systemClose(fd)
                    throw error
                }
            }
            return (fd, isDevice)
        }
        logger.debug("opened device", metadata: ["uri": "\(uri)", "device": "\(isDevice)"])
        return DeviceFileTransport(uri: uri, fd: fd, hasBackChannel: isDevice, options: options, logger: logger)
    }

    /// Writes bytes, waiting (with `poll`) whenever the device's buffer is full.
    ///
    /// - Parameters:
    ///   - bytes: The job.
    ///   - timeout: How long the device may go without accepting any byte.
    /// - Throws: ``TransportError`` (``TransportError/Code/timeout``, ``TransportError/Code/disconnected``,
    ///   ``TransportError/Code/cancelled``, ``TransportError/Code/closed``) with ``TransportError/bytesDelivered``.
    public func write(_ bytes: [UInt8], timeout: Duration) async throws {
        let fd = try currentDescriptor()
        let uri = self.uri
        let chunkSize = self.chunkSize
        try await Self.runBlocking(uri: uri) { cancelled in
            var delivered = 0
            var deadline = ContinuousClock.now + timeout
            while delivered < bytes.count {
                if cancelled() {
                    throw TransportError(.cancelled, "the job was cancelled", uri: uri, bytesDelivered: delivered)
                }
                let ready = try Self.poll(fd, events: Int16(POLLOUT), until: deadline, uri: uri)
                if !ready {
                    if ContinuousClock.now >= deadline {
                        throw TransportError(
                            .timeout,
                            "the printer accepted no data for \(timeout); it may be offline, out of paper, "
                                + "or holding the line with flow control (check the flow= setting and the cable)",
                            uri: uri,
                            bytesDelivered: delivered
                        )
                    }
                    continue
                }
                let count = min(chunkSize, bytes.count - delivered)
                let written = bytes.withUnsafeBufferPointer { buffer in
                    systemWrite(fd, buffer.baseAddress.map { $0 + delivered }, count)
                }
                if written < 0 {
                    let code = errno
                    if code == EAGAIN || code == EINTR { continue }
                    throw Self.ioError(code, uri: uri, during: "writing").with(bytesDelivered: delivered)
                }
                delivered += written
                deadline = ContinuousClock.now + timeout
            }
        }
        logger.trace("wrote", metadata: ["bytes": "\(bytes.count)"])
    }

    /// Reads bytes the printer sent back, waiting at most `timeout` for the first one.
    ///
    /// - Throws: ``TransportError`` with ``TransportError/Code/timeout`` when nothing arrives in time.
    public func read(upTo maxCount: Int, timeout: Duration) async throws -> [UInt8] {
        let fd = try currentDescriptor()
        let uri = self.uri
        return try await Self.runBlocking(uri: uri) { cancelled in
            let deadline = ContinuousClock.now + timeout
            var buffer = [UInt8](repeating: 0, count: max(1, maxCount))
            while true {
                if cancelled() { throw TransportError(.cancelled, "reading was cancelled", uri: uri) }
                if ContinuousClock.now >= deadline {
                    throw TransportError(
                        .timeout,
                        "the printer sent nothing back within \(timeout); it may not support status "
                            + "requests on this interface",
                        uri: uri
                    )
                }
                guard try Self.poll(fd, events: Int16(POLLIN), until: deadline, uri: uri) else { continue }
                let count = buffer.withUnsafeMutableBufferPointer { systemRead(fd, $0.baseAddress, $0.count) }
                if count > 0 { return Array(buffer[0..<count]) }
                if count == 0 {
                    // End of file on a device that has nothing to say right now: wait a little and retry.
                    usleep(20_000)
                    continue
                }
                let code = errno
                if code == EAGAIN || code == EINTR { continue }
                throw Self.ioError(code, uri: uri, during: "reading")
            }
        }
    }

    /// Closes the device file.
    ///
    /// `@concurrent`: closing a serial port can block while the driver drains its output buffer, so it
    /// must not run on the caller's actor (with `NonisolatedNonsendingByDefault` it otherwise would).
    @concurrent public func close() async {
        let fd = descriptor.withLock { fd in
            defer { fd = -1 }
            return fd
        }
        if fd >= 0 {
            logger.debug("closing device", metadata: ["uri": "\(uri)"])
            _ = systemClose(fd)
        }
    }

    private func currentDescriptor() throws -> Int32 {
        let fd = descriptor.withLock { $0 }
        guard fd >= 0 else {
            throw TransportError(.closed, "the device file is closed; open it again", uri: uri, bytesDelivered: 0)
        }
        return fd
    }

    /// Waits up to 50 ms (or until the deadline) for `events`; returns whether the descriptor is ready.
    private static func poll(
        _ fd: Int32,
        events: Int16,
        until deadline: ContinuousClock.Instant,
        uri: PrinterURI
    ) throws -> Bool {
        let remaining = ContinuousClock.now.duration(to: deadline)
        let milliseconds = max(
            0,
            min(
                50,
                Int32(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)
            )
        )
        var entry = pollfd(fd: fd, events: events, revents: 0)
        let result = systemPoll(&entry, milliseconds)
        if result < 0 {
            if errno == EINTR { return false }
            throw ioError(errno, uri: uri, during: "waiting for the device")
        }
        if result == 0 { return false }
        if entry.revents & Int16(POLLNVAL) != 0 {
            throw TransportError(.closed, "the device file was closed while in use", uri: uri)
        }
        if entry.revents & Int16(POLLERR | POLLHUP) != 0 && entry.revents & events == 0 {
            throw TransportError(
                .disconnected,
                "the device hung up: the printer was unplugged or switched off",
                uri: uri
            )
        }
        return true
    }

    private static func runBlocking<T: Sendable>(
        uri: PrinterURI,
        _ body: @escaping @Sendable (_ cancelled: @escaping @Sendable () -> Bool) throws -> T
    ) async throws -> T {
        try await BlockingIO.run(uri: uri, body)
    }

    private static func runBlocking<T: Sendable>(
        uri: PrinterURI,
        _ body: @escaping @Sendable () throws -> T
    ) async throws -> T {
        try await BlockingIO.run(uri: uri) { _ in try body() }
    }

    static func openError(_ code: Int32, path: String, uri: PrinterURI) -> TransportError {
        switch code {
        case ENOENT, ENODEV, ENXIO:
            return TransportError(
                .deviceNotFound,
                "\(path) does not exist; check that the printer is plugged in and switched on "
                    + "(ls /dev/usb/ /dev/ttyUSB* /dev/rfcomm*)",
                uri: uri,
                underlying: Errno(code)
            )
        case EACCES, EPERM:
            return TransportError(
                .accessDenied,
                "permission denied on \(path); add the user to the device's group "
                    + "(ls -l \(path); usually `sudo usermod -aG lp,dialout $USER`, then log in again)",
                uri: uri,
                underlying: Errno(code)
            )
        case EBUSY:
            return TransportError(
                .busy,
                "\(path) is in use by another program (check with `fuser \(path)`)",
                uri: uri,
                underlying: Errno(code)
            )
        default:
            return ioError(code, uri: uri, during: "opening \(path)")
        }
    }

    static func ioError(_ code: Int32, uri: PrinterURI, during activity: String) -> TransportError {
        switch code {
        case EIO, ENODEV, ENXIO, EPIPE:
            return TransportError(
                .disconnected,
                "the device failed while \(activity): the printer was unplugged or switched off",
                uri: uri,
                underlying: Errno(code)
            )
        case EBADF:
            return TransportError(
                .closed,
                "the device file was closed while \(activity)",
                uri: uri,
                underlying: Errno(code)
            )
        default:
            return TransportError(
                .ioError,
                "\(activity) failed: \(Errno(code))",
                uri: uri,
                underlying: Errno(code)
            )
        }
    }
}
