public import EscPosPrinting
import EscPosTransportSupport

/// A print queue on a CUPS server, as discovery lists it.
public struct CUPSQueue: Hashable, Sendable, Codable {
    /// The queue's name.
    public var name: String
    /// The URI to print to it, `cups://name[@server]`.
    public var uri: PrinterURI
    /// Whether it is the server's default queue.
    public var isDefault: Bool
    /// The printer's make and model (`printer-make-and-model`); "Local Raw Printer" for raw queues.
    public var makeAndModel: String?
    /// The description an administrator gave it (`printer-info`).
    public var info: String?
    /// Where CUPS sends the jobs, such as `socket://10.0.0.5:9100` or `usb://EPSON/TM-T88VI`.
    public var deviceURI: String?
    /// The queue's state and state reasons.
    public var status: PrinterStatus

    init(_ attributes: CUPSQueueAttributes, server: String?) {
        name = attributes.name
        uri = PrinterURI(.cups(queue: attributes.name, server: server))
        isDefault = attributes.isDefault
        makeAndModel = attributes.makeAndModel
        info = attributes.info
        deviceURI = attributes.deviceURI
        status = PrinterStatus(queue: attributes)
    }
}
