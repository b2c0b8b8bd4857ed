import EscPosTransports
import Testing

@testable import EscPosUSBTransport

/// The emulated printer cannot make libusb fail with "access denied" (the tests run as root) or "busy"
/// (it does not emulate a second process owning the interface), so the messages for those are checked
/// here on the mapping itself; the other codes are produced for real in USBTransportTests.
@Suite struct USBErrorMappingTests {
    static let candidate = LibUSBPrinterCandidate(
        bus: 1,
        address: 2,
        vendorID: 0x04B8,
        productID: 0x0E28,
        configurationValue: 1,
        interfaceNumber: 0,
        alternateSetting: 0,
        interfaceClass: 7,
        outEndpoint: 0x01,
        inEndpoint: 0x82,
        manufacturerIndex: 1,
        productIndex: 2,
        serialIndex: 3
    )

    @Test func accessDeniedNamesTheUdevRuleToAdd() throws {
        let error = USBTransport.map(
            .accessDenied,
            candidate: Self.candidate,
            uri: try PrinterURI("usb://04B8:0E28"),
            during: "opening"
        )
        #expect(error.code == .accessDenied)
        #expect(error.message.contains(#"ATTRS{idVendor}=="04b8", ATTRS{idProduct}=="0e28""#))
        #expect(error.message.contains("/etc/udev/rules.d/"))
        #expect(error.underlying as? LibUSBError == .accessDenied)
        #expect("\(LibUSBError.accessDenied)".hasPrefix("LIBUSB_ERROR_ACCESS"))
    }

    @Test(arguments: [
        (LibUSBError.busy, TransportError.Code.busy), (.noDevice, .disconnected), (.notFound, .deviceNotFound),
        (.timeout, .timeout), (.pipe, .ioError), (.io, .ioError),
    ])
    func mapsEveryLibUSBError(_ libusb: LibUSBError, _ expected: TransportError.Code) throws {
        let error = USBTransport.map(
            libusb,
            candidate: Self.candidate,
            uri: try PrinterURI("usb://"),
            during: "sending"
        )
        #expect(error.code == expected)
        #expect(error.uri == (try PrinterURI("usb://")))
    }
}
