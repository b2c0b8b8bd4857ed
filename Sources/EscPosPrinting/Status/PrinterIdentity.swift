import EscPos

/// Who a printer says it is, from its `GS I` replies: maker, model, firmware and serial number.
///
/// ```swift
/// let identity = try await printer.identity()
/// print(identity.manufacturer ?? "?", identity.model ?? "?")   // EPSON TM-T88VI
/// ```
public struct PrinterIdentity: Hashable, Sendable, Codable {
    /// The maker, from `GS I 66` (`1D 49 42`).
    public var manufacturer: String?
    /// The model name, from `GS I 67` (`1D 49 43`).
    public var model: String?
    /// The firmware version, from `GS I 65` (`1D 49 41`).
    public var firmware: String?
    /// The serial number, from `GS I 68` (`1D 49 44`).
    public var serialNumber: String?

    /// Creates an identity.
    public init(manufacturer: String? = nil, model: String? = nil, firmware: String? = nil, serialNumber: String? = nil)
    {
        self.manufacturer = manufacturer
        self.model = model
        self.firmware = firmware
        self.serialNumber = serialNumber
    }

    /// One `GS I` information query.
    public enum Query: UInt8, Hashable, Sendable, CaseIterable {
        /// Firmware version, `1D 49 41`.
        case firmware = 0x41
        /// Maker name, `1D 49 42`.
        case manufacturer = 0x42
        /// Model name, `1D 49 43`.
        case model = 0x43
        /// Serial number, `1D 49 44`.
        case serialNumber = 0x44

        /// The command bytes, `1D 49 n`.
        public var bytes: [UInt8] { StatusCommands.printerID(rawValue) }
    }

    /// The block a printer sends in answer to `query` when this is its identity (`5F <text> 00`), or `nil`
    /// when the field is unknown: the other direction of ``Printer/identity()``, used by the virtual printer.
    public func informationReply(to query: Query) -> [UInt8]? {
        let text: String?
        switch query {
        case .firmware: text = firmware
        case .manufacturer: text = manufacturer
        case .model: text = model
        case .serialNumber: text = serialNumber
        }
        return text.map(StatusCommands.informationBlock)
    }

    /// Stores the answer to `query`.
    package mutating func set(_ query: Query, to value: String) {
        switch query {
        case .firmware: firmware = value
        case .manufacturer: manufacturer = value
        case .model: model = value
        case .serialNumber: serialNumber = value
        }
    }
}
