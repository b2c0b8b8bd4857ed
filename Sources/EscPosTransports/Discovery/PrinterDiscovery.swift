/// Finds the printers this machine can print to: USB printers and CUPS queues.
///
/// ```swift
/// let found = await PrinterDiscovery.discover()
/// for printer in found.printers { print(printer.uri, printer.make ?? "", printer.model ?? "") }
/// for failure in found.failures { print("could not search:", failure) }
/// ```
public enum PrinterDiscovery {
    /// What a search found, and the sources that could not be searched.
    public struct Result: Sendable, Codable {
        /// The printers, USB first, then CUPS queues.
        public var printers: [DiscoveredPrinter]
        /// Why a source could not be searched (no USB support, no CUPS server), one error per source.
        public var failures: [TransportError]
    }

    /// Searches USB and CUPS; a source that fails is reported in ``Result/failures`` and does not hide
    /// the other's printers.
    ///
    /// - Parameters:
    ///   - includeUSB: Whether to search the USB bus.
    ///   - cupsServer: The CUPS server (`host[:port]` or a socket path), `nil` for the default one.
    ///   - includeCUPS: Whether to list CUPS queues.
    /// - Returns: The printers found and the sources that failed.
    public static func discover(
        includeUSB: Bool = true,
        cupsServer: String? = nil,
        includeCUPS: Bool = true
    ) async -> Result {
        var result = Result(printers: [], failures: [])
        if includeUSB {
            do {
                result.printers += try await USBTransport.printers().map(DiscoveredPrinter.init)
            } catch {
                result.failures.append(error as? TransportError ?? TransportError(.ioError, "\(error)"))
            }
        }
        if includeCUPS {
            do {
                result.printers += try await CUPSTransport.queues(server: cupsServer).map(DiscoveredPrinter.init)
            } catch {
                result.failures.append(error as? TransportError ?? TransportError(.ioError, "\(error)"))
            }
        }
        return result
    }
}

/// A printer found by ``PrinterDiscovery``, described the same way whatever its connection.
public struct DiscoveredPrinter: Hashable, Sendable, Codable {
    /// The URI to print to it.
    public var uri: PrinterURI
    /// The maker, when known.
    public var make: String?
    /// The model, when known.
    public var model: String?
    /// The serial number (USB) or the queue's description (CUPS), when known.
    public var detail: String?
    /// The state a CUPS queue reports; `nil` for USB printers (ask them with ``Printer/status()``).
    public var status: PrinterStatus?

    /// Describes a USB printer.
    public init(_ printer: USBPrinter) {
        uri = printer.uri
        make = printer.make
        model = printer.model
        detail = printer.serialNumber
        status = nil
    }

    /// Describes a CUPS queue.
    public init(_ queue: CUPSQueue) {
        uri = queue.uri
        make = queue.makeAndModel
        model = nil
        detail = queue.info
        status = queue.status
    }
}
