/// Which USB printer a `usb://` URI means; `nil` fields match any printer.
public struct USBDeviceSelector: Hashable, Sendable, Codable {
    /// The USB vendor ID, such as `0x04B8` for Epson.
    public var vendorID: UInt16?
    /// The USB product ID.
    public var productID: UInt16?
    /// The device's serial number string, to tell identical printers apart.
    public var serialNumber: String?

    /// Creates a selector; with no arguments it matches the first printer found.
    public init(vendorID: UInt16? = nil, productID: UInt16? = nil, serialNumber: String? = nil) {
        self.vendorID = vendorID
        self.productID = productID
        self.serialNumber = serialNumber
    }
}
