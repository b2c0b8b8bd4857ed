public import Logging

/// Opens the printer a URI names, runs `body` with the connection, and closes it on every way out:
/// when `body` returns, throws, or its task is cancelled.
///
/// ```swift
/// let status = try await withPrinterTransport(PrinterURI("usb://")) { transport in
///     try await Printer(transport: transport).status()
/// }
/// ```
///
/// - Parameters:
///   - uri: The printer.
///   - options: Timeouts and chunk size.
///   - logger: Receives `debug` and `trace` messages.
///   - isolation: The caller's actor; `body` runs there, so it need not be `Sendable`.
///   - body: The work to do with the open connection.
/// - Returns: What `body` returns.
/// - Throws: ``TransportError`` when opening fails, and whatever `body` throws.
public func withPrinterTransport<Result>(
    _ uri: PrinterURI,
    options: TransportOptions = TransportOptions(),
    logger: Logger = .current,
    isolation: isolated (any Actor)? = #isolation,
    _ body: (any PrinterTransport) async throws -> Result
) async throws -> Result {
    let transport = try await openPrinterTransport(uri, options: options, logger: logger)
    let result: Result
    do {
        result = try await body(transport)
    } catch {
        await transport.close()
        throw error
    }
    await transport.close()
    return result
}

/// Opens the printer a URI names. The caller must ``PrinterTransport/close()`` it; prefer
/// ``withPrinterTransport(_:options:logger:isolation:_:)``, which does.
///
/// - Parameters:
///   - uri: The printer.
///   - options: Timeouts and chunk size.
///   - logger: Receives `debug` and `trace` messages.
/// - Returns: An open transport of the kind the URI's scheme names.
/// - Throws: ``TransportError`` when the printer cannot be reached or opened.
public func openPrinterTransport(
    _ uri: PrinterURI,
    options: TransportOptions = TransportOptions(),
    logger: Logger = .current
) async throws -> any PrinterTransport {
    switch uri.endpoint {
    case .tcp(let host, let port):
        return try await TCPTransport.connect(host: host, port: port, options: options, logger: logger)
    case .file(let path):
        return try await DeviceFileTransport.open(path: path, serial: nil, options: options, logger: logger)
    case .serial(let path, let serialOptions):
        return try await DeviceFileTransport.open(path: path, serial: serialOptions, options: options, logger: logger)
    case .cups(let queue, let server):
        return try await CUPSTransport.open(queue: queue, server: server, options: options, logger: logger)
    case .usb(let selector):
        return try await USBTransport.open(selector, options: options, logger: logger)
    }
}
