import EscPos
public import EscPosPrinting
import EscPosTransportSupport
public import Logging
import Synchronization

/// A USB printer through libusb: bulk OUT for print data, bulk IN for status replies.
///
/// Opening detaches the kernel's `usblp` driver when it holds the printer and claims the interface;
/// closing releases it and gives it back to `usblp`. Data goes out in chunks (``TransportOptions/chunkSize``)
/// with short libusb timeouts, so a stalled printer times out and a cancelled task stops within a quarter
/// second, and a failure reports exactly how many bytes the printer took.
///
/// Printers are found by interface class 7 (printer) with a bulk OUT endpoint, or by a vendor-specific
/// interface with a bulk OUT endpoint on a device of a known ESC/POS vendor (``knownVendorIDs``).
///
/// ```swift
/// for printer in try await USBTransport.printers() { print(printer.uri, printer.make ?? "?", printer.model ?? "?") }
/// let transport = try await USBTransport.open(USBDeviceSelector(vendorID: 0x04B8, productID: 0x0202))
/// ```
public final class USBTransport: PrinterTransport {
    /// `usb://VID:PID[?serial=…]` of the opened printer.
    public let uri: PrinterURI
    /// What the printer reported when it was opened.
    public let printer: USBPrinter
    private let session: Mutex<USBSession?>
    /// The options the printer was opened with; writes go out in pieces of their chunk size.
    public let options: TransportOptions
    private var chunkSize: Int { max(1, options.chunkSize) }
    private let logger: Logger

    /// Vendor IDs of ESC/POS printer makers whose printers may use a vendor-specific interface instead of
    /// the printer class: Epson, Star, Citizen, Bixolon, SNBC, Custom, Rongta, and the Winbond, ICS and NXP
    /// chips inside many unbranded printers.
    public static let knownVendorIDs: Set<UInt16> = [
        0x04B8, 0x0519, 0x1D90, 0x2730, 0x1504, 0x154F, 0x0DD4, 0x0FE6, 0x0416, 0x1FC9, 0x20D1,
    ]

    private init(printer: USBPrinter, session: USBSession, options: TransportOptions, logger: Logger) {
        self.uri = printer.uri
        self.printer = printer
        self.session = Mutex(session)
        self.options = options
        self.logger = logger
    }

    /// Lists the USB printers on this machine.
    ///
    /// Strings and the device ID need the device to be opened; printers the user may not open are still
    /// listed, with their IDs only.
    ///
    /// - Returns: The printers, each with a `usb://` URI.
    /// - Throws: ``TransportError`` when libusb cannot start (no USB support).
    public static func printers() async throws -> [USBPrinter] {
        try await BlockingIO.run(uri: PrinterURI(.usb(USBDeviceSelector()))) { _ in
            let context = try libUSB { () throws(LibUSBError) in try LibUSBContext() }
            let candidates = try libUSB { () throws(LibUSBError) in
                try context.printerCandidates(knownVendors: knownVendorIDs)
            }
            return candidates.map { device, candidate in
                let handle = try? LibUSBDeviceHandle(context: context, device: device, candidate: candidate)
                if handle == nil { libusbUnref(device) }
                return describe(candidate, handle: handle)
            }
        }
    }

    /// Opens the first USB printer that matches `selector`, detaching `usblp` and claiming the interface.
    ///
    /// - Parameters:
    ///   - selector: Vendor and product ID and serial number; empty fields match any printer.
    ///   - options: The chunk size is used.
    ///   - logger: Receives `debug` and `trace` messages.
    /// - Returns: An open transport; ``close()`` it when done.
    /// - Throws: ``TransportError``: ``TransportError/Code/deviceNotFound``, ``TransportError/Code/accessDenied``
    ///   (with the udev rule to add), ``TransportError/Code/busy`` (another program holds the printer).
    public static func open(
        _ selector: USBDeviceSelector = USBDeviceSelector(),
        options: TransportOptions = TransportOptions(),
        logger: Logger = .current
    ) async throws -> USBTransport {
        let requested = PrinterURI(.usb(selector))
        let (printer, session) = try await BlockingIO.run(uri: requested) { _ -> (USBPrinter, USBSession) in
            let context = try libUSB { () throws(LibUSBError) in try LibUSBContext() }
            let candidates = try libUSB { () throws(LibUSBError) in
                try context.printerCandidates(knownVendors: knownVendorIDs)
            }
            var seen: [String] = []
            var firstError: TransportError?
            // Each device reference is dropped exactly once: by its handle, or here when it is skipped
            // or never reached.
            var remaining = candidates[...]
            defer { for (device, _) in remaining { libusbUnref(device) } }
            while let (device, candidate) = remaining.popFirst() {
                if let vendor = selector.vendorID, vendor != candidate.vendorID {
                    libusbUnref(device)
                    continue
                }
                if let product = selector.productID, product != candidate.productID {
                    libusbUnref(device)
                    continue
                }
                let handle: LibUSBDeviceHandle
                do throws(LibUSBError) {
                    handle = try LibUSBDeviceHandle(context: context, device: device, candidate: candidate)
                } catch {
                    libusbUnref(device)
                    firstError =
                        firstError ?? map(error, candidate: candidate, uri: requested, during: "opening the printer")
                    continue
                }
                let info = describe(candidate, handle: handle)
                if let serial = selector.serialNumber, serial != info.serialNumber {
                    seen.append(info.uri.description)
                    continue
                }
                do throws(LibUSBError) {
                    try handle.claim()
                } catch {
                    throw map(error, candidate: candidate, uri: info.uri, during: "claiming the printer interface")
                }
                return (info, USBSession(context: context, handle: handle))
            }
            if let firstError { throw firstError }
            throw TransportError(
                .deviceNotFound,
                "no USB printer matches \(requested)"
                    + (seen.isEmpty
                        ? "; check the cable and power, and `lsusb`" : "; found \(seen.joined(separator: ", "))"),
                uri: requested
            )
        }
        logger.debug(
            "opened USB printer",
            metadata: [
                "uri": "\(printer.uri)", "deviceID": "\(printer.deviceID?.rawValue ?? "-")",
                "detachedKernelDriver": "\(session.handle.detachedKernelDriver)",
            ]
        )
        return USBTransport(printer: printer, session: session, options: options, logger: logger)
    }

    /// Sends bytes on the bulk OUT endpoint in chunks.
    ///
    /// - Parameters:
    ///   - bytes: The job.
    ///   - timeout: How long the printer may go without accepting any byte.
    /// - Throws: ``TransportError`` (``TransportError/Code/timeout``, ``TransportError/Code/disconnected``
    ///   when unplugged, ``TransportError/Code/cancelled``, ``TransportError/Code/closed``) with
    ///   ``TransportError/bytesDelivered``, the bytes the printer acknowledged.
    public func write(_ bytes: [UInt8], timeout: Duration) async throws {
        let (uri, chunkSize) = (self.uri, self.chunkSize)
        try await BlockingIO.run(uri: uri) { cancelled in
            try self.withSession { session in
                var data = bytes
                var delivered = 0
                var lastProgress = ContinuousClock.now
                try data.withUnsafeMutableBytes { buffer in
                    while delivered < buffer.count {
                        if cancelled() {
                            throw TransportError(
                                .cancelled,
                                "the job was cancelled",
                                uri: uri,
                                bytesDelivered: delivered
                            )
                        }
                        let count = min(chunkSize, buffer.count - delivered)
                        let piece = UnsafeMutableRawBufferPointer(rebasing: buffer[delivered..<delivered + count])
                        let (moved, error) = session.handle.bulkTransfer(
                            endpoint: session.handle.candidate.outEndpoint,
                            piece,
                            timeoutMilliseconds: 250
                        )
                        delivered += moved
                        if moved > 0 { lastProgress = ContinuousClock.now }
                        guard let error else { continue }
                        if error == .timeout {
                            if lastProgress.duration(to: .now) < timeout { continue }
                            throw TransportError(
                                .timeout,
                                "the printer accepted no data for \(timeout); it may be out of paper, have its "
                                    + "cover open, or be offline",
                                uri: uri,
                                bytesDelivered: delivered,
                                underlying: error
                            )
                        }
                        throw Self.map(error, candidate: session.handle.candidate, uri: uri, during: "sending")
                            .with(bytesDelivered: delivered)
                    }
                }
            }
        }
        logger.trace("wrote", metadata: ["bytes": "\(bytes.count)"])
    }

    /// Reads status replies from the bulk IN endpoint.
    ///
    /// - Throws: ``TransportError`` with ``TransportError/Code/timeout`` when nothing arrives in time,
    ///   ``TransportError/Code/unsupported`` when the printer has no bulk IN endpoint.
    public func read(upTo maxCount: Int, timeout: Duration) async throws -> [UInt8] {
        let uri = self.uri
        return try await BlockingIO.run(uri: uri) { cancelled in
            try self.withSession { session in
                guard let endpoint = session.handle.candidate.inEndpoint else {
                    throw TransportError(
                        .unsupported,
                        "this USB printer has no bulk IN endpoint, so it cannot send status",
                        uri: uri
                    )
                }
                let deadline = ContinuousClock.now + timeout
                var buffer = [UInt8](repeating: 0, count: 512)
                while session.pending.isEmpty {
                    if cancelled() { throw TransportError(.cancelled, "reading was cancelled", uri: uri) }
                    let remaining = ContinuousClock.now.duration(to: deadline)
                    guard remaining > .zero else {
                        throw TransportError(.timeout, "the printer sent nothing back within \(timeout)", uri: uri)
                    }
                    let slice = UInt32(
                        max(
                            1,
                            min(
                                250,
                                remaining.components.seconds * 1000 + remaining.components.attoseconds
                                    / 1_000_000_000_000_000
                            )
                        )
                    )
                    let (moved, error) = buffer.withUnsafeMutableBytes {
                        session.handle.bulkTransfer(endpoint: endpoint, $0, timeoutMilliseconds: slice)
                    }
                    session.pending += buffer[0..<moved]
                    if let error, error != .timeout {
                        throw Self.map(error, candidate: session.handle.candidate, uri: uri, during: "reading status")
                    }
                }
                let count = min(max(1, maxCount), session.pending.count)
                defer { session.pending.removeFirst(count) }
                return Array(session.pending[0..<count])
            }
        }
    }

    /// Releases the interface, re-attaches the kernel driver if it was detached, and closes the device.
    public func close() async {
        let closing = session.withLock { session -> USBSession? in
            defer { session = nil }
            return session
        }
        guard let closing else { return }
        logger.debug("closing USB printer", metadata: ["uri": "\(uri)"])
        try? await BlockingIO.run(uri: uri) { _ in closing.close() }
    }

    private func withSession<T>(_ body: (USBSession) throws -> T) throws -> T {
        try session.withLock { session throws -> T in
            guard let session else {
                throw TransportError(
                    .closed,
                    "the USB printer is closed; open it again",
                    uri: uri,
                    bytesDelivered: 0
                )
            }
            return try body(session)
        }
    }

    private static func describe(_ candidate: LibUSBPrinterCandidate, handle: LibUSBDeviceHandle?) -> USBPrinter {
        let serial = handle?.string(at: candidate.serialIndex)
        var selector = USBDeviceSelector(vendorID: candidate.vendorID, productID: candidate.productID)
        selector.serialNumber = serial
        return USBPrinter(
            vendorID: candidate.vendorID,
            productID: candidate.productID,
            serialNumber: serial,
            manufacturer: handle?.string(at: candidate.manufacturerIndex),
            product: handle?.string(at: candidate.productIndex),
            deviceID: handle?.ieee1284DeviceID(timeoutMilliseconds: 1000).map(IEEE1284DeviceID.init),
            bus: Int(candidate.bus),
            address: Int(candidate.address),
            uri: PrinterURI(.usb(selector))
        )
    }

    private static func libUSB<T>(_ body: () throws(LibUSBError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw TransportError(
                .ioError,
                "libusb could not start (\(error)); is USB supported on this machine?",
                underlying: error
            )
        }
    }

    static func map(
        _ error: LibUSBError,
        candidate: LibUSBPrinterCandidate,
        uri: PrinterURI,
        during activity: String
    )
        -> TransportError
    {
        let vendor = Hex.word(candidate.vendorID).lowercased()
        let product = Hex.word(candidate.productID).lowercased()
        switch error {
        case .accessDenied:
            return TransportError(
                .accessDenied,
                "permission denied while \(activity) (bus \(candidate.bus) device \(candidate.address)). "
                    + "Allow it with a udev rule: echo 'SUBSYSTEM==\"usb\", "
                    + "ATTRS{idVendor}==\"\(vendor)\", ATTRS{idProduct}==\"\(product)\", "
                    + "MODE=\"0660\", GROUP=\"lp\"' | sudo tee /etc/udev/rules.d/60-escpos.rules; sudo udevadm control "
                    + "--reload-rules; sudo udevadm trigger; then add the user to group lp and re-plug the printer",
                uri: uri,
                underlying: error
            )
        case .busy:
            return TransportError(
                .busy,
                "the printer is in use while \(activity): another program (a CUPS usb backend, another print "
                    + "agent) holds its interface; stop it or print through it",
                uri: uri,
                underlying: error
            )
        case .noDevice:
            return TransportError(
                .disconnected,
                "the printer was unplugged or switched off while \(activity)",
                uri: uri,
                underlying: error
            )
        case .notFound:
            return TransportError(
                .deviceNotFound,
                "the printer disappeared while \(activity)",
                uri: uri,
                underlying: error
            )
        case .timeout:
            return TransportError(
                .timeout,
                "the printer did not respond while \(activity)",
                uri: uri,
                underlying: error
            )
        default:
            return TransportError(.ioError, "USB error while \(activity): \(error)", uri: uri, underlying: error)
        }
    }
}

/// The open device of a ``USBTransport``.
///
/// `@unchecked Sendable` because libusb handles are not thread-bound but not safe to use from two
/// threads at once: the session is created on one pool thread, then only used under the transport's
/// mutex, and closed after being taken out of it.
final class USBSession: @unchecked Sendable {
    let context: LibUSBContext
    let handle: LibUSBDeviceHandle
    var pending: [UInt8] = []

    init(context: LibUSBContext, handle: LibUSBDeviceHandle) {
        self.context = context
        self.handle = handle
    }

    func close() {
        handle.close()
    }
}
