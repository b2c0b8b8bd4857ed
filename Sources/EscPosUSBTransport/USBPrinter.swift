public import EscPosPrinting
import EscPosTransportSupport

/// A USB printer found on the bus, as discovery lists it.
public struct USBPrinter: Hashable, Sendable, Codable {
    /// The USB vendor ID, such as `0x04B8` for Epson.
    public var vendorID: UInt16
    /// The USB product ID.
    public var productID: UInt16
    /// The serial number string, when the device has one and could be opened.
    public var serialNumber: String?
    /// The manufacturer string from the device descriptor.
    public var manufacturer: String?
    /// The product string from the device descriptor.
    public var product: String?
    /// The printer's IEEE 1284 device ID (make, model, command set), when the printer answers GET_DEVICE_ID.
    public var deviceID: IEEE1284DeviceID?
    /// The bus number.
    public var bus: Int
    /// The device address on its bus.
    public var address: Int
    /// The URI that opens this printer: `usb://VID:PID`, with `?serial=` when there is a serial number.
    public var uri: PrinterURI

    /// The maker: from the device ID, else from the device descriptor.
    public var make: String? { deviceID?.manufacturer ?? manufacturer }
    /// The model: from the device ID, else from the device descriptor.
    public var model: String? { deviceID?.model ?? product }
}

/// An IEEE 1284 device ID, the `KEY:value;` string printers report, such as
/// `MFG:EPSON;CMD:ESC/POS;MDL:TM-T88VI;CLS:PRINTER;`.
public struct IEEE1284DeviceID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The string as the printer sent it.
    public var rawValue: String
    /// The fields by key, as sent (`MFG`, `MDL`, `CMD`, ...).
    public var fields: [String: String]

    /// Parses a device ID string.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
        var fields: [String: String] = [:]
        for pair in rawValue.split(separator: ";") {
            guard let colon = pair.firstIndex(of: ":") else { continue }
            let key = pair[..<colon].trimmingSpaces
            let value = pair[pair.index(after: colon)...].trimmingSpaces
            if !key.isEmpty { fields[key] = value }
        }
        self.fields = fields
    }

    /// The maker (`MFG` or `MANUFACTURER`).
    public var manufacturer: String? { fields["MFG"] ?? fields["MANUFACTURER"] }
    /// The model (`MDL` or `MODEL`).
    public var model: String? { fields["MDL"] ?? fields["MODEL"] }
    /// The command sets (`CMD` or `COMMAND SET`), such as `["ESC/POS"]`.
    public var commandSets: [String] {
        (fields["CMD"] ?? fields["COMMAND SET"] ?? "").split(separator: ",").map { $0.trimmingSpaces }.filter {
            !$0.isEmpty
        }
    }

    /// The string as sent.
    public var description: String { rawValue }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
