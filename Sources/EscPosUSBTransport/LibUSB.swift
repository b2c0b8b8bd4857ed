import CLibUSB
import EscPosPrinting
import EscPosTransportSupport
import Synchronization

// The only file that imports CLibUSB. Every function here blocks (bounded by its timeout): call it
// from BlockingIO.run.

/// An error code returned by libusb.
///
/// Each static documents its C constant. The description is libusb's own text (`libusb_strerror`).
public struct LibUSBError: RawRepresentable, Error, Hashable, Sendable, CustomStringConvertible {
    /// The (negative) libusb error code.
    public var rawValue: Int32

    /// Wraps a libusb error code.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// Input/output error. The corresponding C error is `LIBUSB_ERROR_IO`.
    public static let io = LibUSBError(rawValue: LIBUSB_ERROR_IO.rawValue)
    /// Access denied (insufficient permissions). The corresponding C error is `LIBUSB_ERROR_ACCESS`.
    public static let accessDenied = LibUSBError(rawValue: LIBUSB_ERROR_ACCESS.rawValue)
    /// The device was disconnected. The corresponding C error is `LIBUSB_ERROR_NO_DEVICE`.
    public static let noDevice = LibUSBError(rawValue: LIBUSB_ERROR_NO_DEVICE.rawValue)
    /// Entity not found. The corresponding C error is `LIBUSB_ERROR_NOT_FOUND`.
    public static let notFound = LibUSBError(rawValue: LIBUSB_ERROR_NOT_FOUND.rawValue)
    /// Resource busy. The corresponding C error is `LIBUSB_ERROR_BUSY`.
    public static let busy = LibUSBError(rawValue: LIBUSB_ERROR_BUSY.rawValue)
    /// Operation timed out. The corresponding C error is `LIBUSB_ERROR_TIMEOUT`.
    public static let timeout = LibUSBError(rawValue: LIBUSB_ERROR_TIMEOUT.rawValue)
    /// The endpoint stalled. The corresponding C error is `LIBUSB_ERROR_PIPE`.
    public static let pipe = LibUSBError(rawValue: LIBUSB_ERROR_PIPE.rawValue)
    /// Not supported on this platform. The corresponding C error is `LIBUSB_ERROR_NOT_SUPPORTED`.
    public static let notSupported = LibUSBError(rawValue: LIBUSB_ERROR_NOT_SUPPORTED.rawValue)

    /// libusb's name and text for the error, such as `LIBUSB_ERROR_ACCESS: Access denied (insufficient permissions)`.
    public var description: String {
        String(cString: libusb_error_name(rawValue)) + ": " + String(cString: libusb_strerror(rawValue))
    }
}

/// Returns `rc` when it is not negative, and throws it as a ``LibUSBError`` otherwise.
@discardableResult
private func check(_ rc: Int32) throws(LibUSBError) -> Int32 {
    if rc < 0 { throw LibUSBError(rawValue: rc) }
    return rc
}

/// A printer interface found on the bus.
struct LibUSBPrinterCandidate {
    var bus: UInt8
    var address: UInt8
    var vendorID: UInt16
    var productID: UInt16
    var configurationValue: UInt8
    var interfaceNumber: UInt8
    var alternateSetting: UInt8
    var interfaceClass: UInt8
    var outEndpoint: UInt8
    var inEndpoint: UInt8?
    var manufacturerIndex: UInt8
    var productIndex: UInt8
    var serialIndex: UInt8
}

/// A libusb context: one per operation, so nothing is shared between threads. Exits in `deinit`.
///
/// The corresponding C type is `libusb_context`.
final class LibUSBContext {
    let context: OpaquePointer

    /// The corresponding C function is `libusb_init`.
    init() throws(LibUSBError) {
        var context: OpaquePointer?
        try check(libusb_init(&context))
        guard let context else { throw LibUSBError.io }
        self.context = context
        CLibUSB_set_option_log_level(context, Int32(LIBUSB_LOG_LEVEL_NONE.rawValue))
    }

    deinit {
        libusb_exit(context)
    }

    /// Finds the interfaces that look like receipt printers: class 7 (printer) with a bulk OUT endpoint,
    /// or a vendor-specific interface (class 255) with a bulk OUT endpoint on a device of a known ESC/POS
    /// vendor.
    ///
    /// The corresponding C functions are `libusb_get_device_list`, `libusb_get_device_descriptor` and
    /// `libusb_get_config_descriptor`.
    func printerCandidates(knownVendors: Set<UInt16>) throws(LibUSBError) -> [(OpaquePointer, LibUSBPrinterCandidate)] {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = try check(Int32(truncatingIfNeeded: libusb_get_device_list(context, &list)))
        defer { libusb_free_device_list(list, 1) }
        guard let list else { return [] }
        var found: [(OpaquePointer, LibUSBPrinterCandidate)] = []
        for index in 0..<Int(count) {
            guard let device = list[index] else { continue }
            var descriptor = libusb_device_descriptor()
            guard libusb_get_device_descriptor(device, &descriptor) == 0 else { continue }
            var config: UnsafeMutablePointer<libusb_config_descriptor>?
            guard libusb_get_config_descriptor(device, 0, &config) == 0, let config else { continue }
            defer { libusb_free_config_descriptor(config) }
            search: for interfaceIndex in 0..<Int(config.pointee.bNumInterfaces) {
                let interface = config.pointee.interface[interfaceIndex]
                for altIndex in 0..<Int(interface.num_altsetting) {
                    let setting = interface.altsetting[altIndex]
                    let isPrinter = setting.bInterfaceClass == UInt8(LIBUSB_CLASS_PRINTER.rawValue)
                    let isVendor =
                        setting.bInterfaceClass == UInt8(LIBUSB_CLASS_VENDOR_SPEC.rawValue)
                        && knownVendors.contains(descriptor.idVendor)
                    guard isPrinter || isVendor else { continue }
                    var outEndpoint: UInt8?
                    var inEndpoint: UInt8?
                    for endpointIndex in 0..<Int(setting.bNumEndpoints) {
                        let endpoint = setting.endpoint[endpointIndex]
                        guard endpoint.bmAttributes & 0x03 == UInt8(LIBUSB_TRANSFER_TYPE_BULK.rawValue) else {
                            continue
                        }
                        if endpoint.bEndpointAddress & 0x80 != 0 {
                            inEndpoint = inEndpoint ?? endpoint.bEndpointAddress
                        } else {
                            outEndpoint = outEndpoint ?? endpoint.bEndpointAddress
                        }
                    }
                    guard let outEndpoint else { continue }
                    let candidate = LibUSBPrinterCandidate(
                        bus: libusb_get_bus_number(device),
                        address: libusb_get_device_address(device),
                        vendorID: descriptor.idVendor,
                        productID: descriptor.idProduct,
                        configurationValue: config.pointee.bConfigurationValue,
                        interfaceNumber: setting.bInterfaceNumber,
                        alternateSetting: setting.bAlternateSetting,
                        interfaceClass: setting.bInterfaceClass,
                        outEndpoint: outEndpoint,
                        inEndpoint: inEndpoint,
                        manufacturerIndex: descriptor.iManufacturer,
                        productIndex: descriptor.iProduct,
                        serialIndex: descriptor.iSerialNumber
                    )
                    found.append((libusb_ref_device(device), candidate))
                    break search
                }
            }
        }
        return found
    }
}

/// An open USB device: optionally with its printer interface claimed. Releases, re-attaches the kernel
/// driver it detached, and closes, in ``close()`` or `deinit`.
///
/// The corresponding C type is `libusb_device_handle`.
final class LibUSBDeviceHandle {
    private let context: LibUSBContext
    private var handle: OpaquePointer?
    private let device: OpaquePointer
    let candidate: LibUSBPrinterCandidate
    private(set) var claimed = false
    private(set) var detachedKernelDriver = false

    /// Opens `device`. The corresponding C function is `libusb_open`.
    init(context: LibUSBContext, device: OpaquePointer, candidate: LibUSBPrinterCandidate) throws(LibUSBError) {
        self.context = context
        self.device = device
        self.candidate = candidate
        var handle: OpaquePointer?
        try check(libusb_open(device, &handle))
        self.handle = handle
    }

    deinit {
        close()
        libusb_unref_device(device)
    }

    /// Reads a string descriptor as ASCII; `nil` when the index is 0 or the read fails.
    ///
    /// The corresponding C function is `libusb_get_string_descriptor_ascii`.
    func string(at index: UInt8) -> String? {
        guard index != 0, let handle else { return nil }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = libusb_get_string_descriptor_ascii(handle, index, &buffer, Int32(buffer.count))
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<Int(count)], as: UTF8.self)
    }

    /// Reads the printer-class IEEE 1284 device ID (GET_DEVICE_ID, class request 0 on the interface).
    ///
    /// The corresponding C function is `libusb_control_transfer`.
    func ieee1284DeviceID(timeoutMilliseconds: UInt32) -> String? {
        guard let handle, candidate.interfaceClass == UInt8(LIBUSB_CLASS_PRINTER.rawValue) else { return nil }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let requestType =
            UInt8(LIBUSB_ENDPOINT_IN.rawValue) | UInt8(LIBUSB_REQUEST_TYPE_CLASS.rawValue)
            | UInt8(LIBUSB_RECIPIENT_INTERFACE.rawValue)
        let index = UInt16(candidate.interfaceNumber) << 8 | UInt16(candidate.alternateSetting)
        let count = libusb_control_transfer(
            handle,
            requestType,
            0,
            0,
            index,
            &buffer,
            UInt16(buffer.count),
            timeoutMilliseconds
        )
        guard count >= 2 else { return nil }
        // The first two bytes are the big-endian length, which includes themselves.
        let length = min(Int(count), Int(buffer[0]) << 8 | Int(buffer[1]))
        guard length > 2 else { return nil }
        return String(decoding: buffer[2..<length], as: UTF8.self)
    }

    /// Detaches a kernel driver bound to the interface (usually `usblp`) and claims the interface.
    ///
    /// The corresponding C functions are `libusb_kernel_driver_active`, `libusb_detach_kernel_driver`
    /// and `libusb_claim_interface`.
    func claim() throws(LibUSBError) {
        guard let handle else { throw LibUSBError.noDevice }
        let interface = Int32(candidate.interfaceNumber)
        let active = libusb_kernel_driver_active(handle, interface)
        if active == 1 {
            try check(libusb_detach_kernel_driver(handle, interface))
            detachedKernelDriver = true
        } else if active < 0 && active != LIBUSB_ERROR_NOT_SUPPORTED.rawValue {
            try check(active)
        }
        try check(libusb_claim_interface(handle, interface))
        claimed = true
        if candidate.alternateSetting != 0 {
            try check(libusb_set_interface_alt_setting(handle, interface, Int32(candidate.alternateSetting)))
        }
    }

    /// One bulk transfer; returns the bytes moved, also when it timed out part-way.
    ///
    /// The corresponding C function is `libusb_bulk_transfer`.
    func bulkTransfer(
        endpoint: UInt8,
        _ buffer: UnsafeMutableRawBufferPointer,
        timeoutMilliseconds: UInt32
    )
        -> (transferred: Int, error: LibUSBError?)
    {
        guard let handle else { return (0, .noDevice) }
        var transferred: Int32 = 0
        let rc = libusb_bulk_transfer(
            handle,
            endpoint,
            buffer.baseAddress?.assumingMemoryBound(to: UInt8.self),
            Int32(buffer.count),
            &transferred,
            timeoutMilliseconds
        )
        return (Int(transferred), rc < 0 ? LibUSBError(rawValue: rc) : nil)
    }

    /// Releases the interface, gives it back to the kernel driver it was taken from, and closes.
    ///
    /// The corresponding C functions are `libusb_release_interface`, `libusb_attach_kernel_driver` and
    /// `libusb_close`.
    func close() {
        guard let handle else { return }
        let interface = Int32(candidate.interfaceNumber)
        if claimed {
            _ = libusb_release_interface(handle, interface)
            claimed = false
        }
        if detachedKernelDriver {
            _ = libusb_attach_kernel_driver(handle, interface)
            detachedKernelDriver = false
        }
        libusb_close(handle)
        self.handle = nil
    }
}

/// Drops a device reference taken by ``LibUSBContext/printerCandidates(knownVendors:)`` that was not
/// handed to a ``LibUSBDeviceHandle``. The corresponding C function is `libusb_unref_device`.
func libusbUnref(_ device: OpaquePointer) {
    libusb_unref_device(device)
}
