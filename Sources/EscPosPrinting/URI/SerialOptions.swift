/// Line settings for a serial printer: speed, parity and flow control (8 data bits, 1 stop bit).
///
/// In a URI: `serial:///dev/ttyUSB0?baud=19200&parity=none&flow=rtscts`.
public struct SerialOptions: Hashable, Sendable, Codable {
    /// Parity checking.
    public enum Parity: String, Hashable, Sendable, Codable, CaseIterable {
        /// No parity bit (the usual setting).
        case none
        /// Even parity.
        case even
        /// Odd parity.
        case odd
    }

    /// How the printer tells the host to pause when its buffer is full.
    public enum FlowControl: String, Hashable, Sendable, Codable, CaseIterable {
        /// No flow control: only for short jobs or very fast printers.
        case none
        /// Hardware flow control on the RTS/CTS lines (`flow=rtscts`); the usual setting for receipt printers.
        case rtscts
        /// Software flow control with XON/XOFF bytes (`flow=xonxoff`); binary data such as images may
        /// contain those bytes, so prefer RTS/CTS.
        case xonxoff
    }

    /// The speeds the serial driver supports.
    public static let supportedBaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400]

    /// Bits per second; 9600 by default, 19200 and 38400 are also common.
    public var baudRate: Int
    /// Parity; ``Parity/none`` by default.
    public var parity: Parity
    /// Flow control; ``FlowControl/rtscts`` by default.
    public var flowControl: FlowControl

    /// Creates line settings.
    public init(baudRate: Int = 9600, parity: Parity = .none, flowControl: FlowControl = .rtscts) {
        self.baudRate = baudRate
        self.parity = parity
        self.flowControl = flowControl
    }

    init(parameters: [(String, String)], in uri: String) throws {
        self.init()
        for (key, value) in parameters {
            switch key {
            case "baud":
                guard let rate = Int(value), Self.supportedBaudRates.contains(rate) else {
                    throw PrinterURI.invalid(
                        uri,
                        "baud=\(value) is not supported; use one of "
                            + Self.supportedBaudRates.map(String.init).joined(separator: ", ")
                    )
                }
                baudRate = rate
            case "parity":
                guard let parity = Parity(rawValue: value.lowercased()) else {
                    throw PrinterURI.invalid(uri, "parity=\(value) is not supported; use none, even or odd")
                }
                self.parity = parity
            case "flow":
                guard let flow = FlowControl(rawValue: value.lowercased()) else {
                    throw PrinterURI.invalid(uri, "flow=\(value) is not supported; use rtscts, xonxoff or none")
                }
                flowControl = flow
            default:
                throw PrinterURI.invalid(uri, "unknown option \"\(key)\"; serial:// accepts baud=, parity= and flow=")
            }
        }
    }

    var queryString: String {
        "baud=\(baudRate)&flow=\(flowControl.rawValue)&parity=\(parity.rawValue)"
    }
}
