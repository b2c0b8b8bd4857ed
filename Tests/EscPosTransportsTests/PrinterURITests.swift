import EscPosTransports
import Foundation
import Testing

@Suite struct PrinterURITests {
    static let valid: [(String, PrinterURI.Endpoint, String)] = [
        ("tcp://192.168.1.50", .tcp(host: "192.168.1.50", port: 9100), "tcp://192.168.1.50:9100"),
        ("tcp://printer.local:9101/", .tcp(host: "printer.local", port: 9101), "tcp://printer.local:9101"),
        ("TCP://[fe80::1]:9100", .tcp(host: "fe80::1", port: 9100), "tcp://[fe80::1]:9100"),
        ("tcp://[fe80::1%eth0]", .tcp(host: "fe80::1%eth0", port: 9100), "tcp://[fe80::1%eth0]:9100"),
        ("tcp://my_printer-2.local", .tcp(host: "my_printer-2.local", port: 9100), "tcp://my_printer-2.local:9100"),
        ("usb://", .usb(USBDeviceSelector()), "usb://"),
        ("usb://04b8:0202", .usb(USBDeviceSelector(vendorID: 0x04B8, productID: 0x0202)), "usb://04B8:0202"),
        ("usb://0x04b8:0x0e28", .usb(USBDeviceSelector(vendorID: 0x04B8, productID: 0x0E28)), "usb://04B8:0E28"),
        (
            "usb://04B8:0E28?serial=X5YZ0123",
            .usb(USBDeviceSelector(vendorID: 0x04B8, productID: 0x0E28, serialNumber: "X5YZ0123")),
            "usb://04B8:0E28?serial=X5YZ0123"
        ),
        ("usb://?serial=ABC", .usb(USBDeviceSelector(serialNumber: "ABC")), "usb://?serial=ABC"),
        ("cups://kitchen", .cups(queue: "kitchen", server: nil), "cups://kitchen"),
        (
            "cups://kitchen@print.local:631", .cups(queue: "kitchen", server: "print.local:631"),
            "cups://kitchen@print.local:631"
        ),
        ("file:///dev/usb/lp0", .file(path: "/dev/usb/lp0"), "file:///dev/usb/lp0"),
        (
            "serial:///dev/ttyUSB0?baud=19200&flow=rtscts",
            .serial(path: "/dev/ttyUSB0", options: SerialOptions(baudRate: 19200)),
            "serial:///dev/ttyUSB0?baud=19200&flow=rtscts&parity=none"
        ),
        (
            "serial:///dev/rfcomm0?parity=even&flow=xonxoff&baud=115200",
            .serial(
                path: "/dev/rfcomm0",
                options: SerialOptions(baudRate: 115200, parity: .even, flowControl: .xonxoff)
            ),
            "serial:///dev/rfcomm0?baud=115200&flow=xonxoff&parity=even"
        ),
        (
            "serial:///dev/ttyS0", .serial(path: "/dev/ttyS0", options: SerialOptions()),
            "serial:///dev/ttyS0?baud=9600&flow=rtscts&parity=none"
        ),
    ]

    @Test(arguments: valid)
    func parsesAndPrintsCanonically(_ text: String, _ endpoint: PrinterURI.Endpoint, _ canonical: String) throws {
        let uri = try PrinterURI(text)
        #expect(uri.endpoint == endpoint)
        #expect(uri.description == canonical)
        #expect(try PrinterURI(canonical) == uri)
    }

    static let invalid: [(String, String)] = [
        ("192.168.1.50", "no scheme"),
        ("lpt://x", "unknown scheme"),
        ("tcp://", "the host is missing"),
        ("tcp://host:0", "port \"0\""),
        ("tcp://host:99999", "port \"99999\""),
        ("tcp://host:abc", "port \"abc\""),
        ("tcp://host?x=1", "option \"x\""),
        ("usb://4b8:202", "VID:PID"),
        ("usb://04B8", "VID:PID"),
        ("usb://04B8:0202?vid=1", "unknown option"),
        ("cups://", "queue name"),
        ("cups://q@", "server after @"),
        ("file://dev/usb/lp0", "absolute"),
        ("serial:///dev/ttyUSB0?baud=12345", "baud=12345"),
        ("serial:///dev/ttyUSB0?flow=dtr", "flow=dtr"),
        ("serial:///dev/ttyUSB0?parity=mark", "parity=mark"),
        ("serial:///dev/ttyUSB0?baud=9600&baud=19200", "given twice"),
        ("serial:///dev/ttyUSB0?stop", "name=value"),
        // Found by the URI fuzzer (Fuzz/Crashes/uri): hosts whose description did not parse back.
        ("tcp://[[]", "not an IPv6 address"),
        ("tcp://a:]:9", "goes in brackets"),
        ("tcp://a b", "not a host name"),
        ("tcp://host\u{0}:9100", "not a host name"),
        ("tcp://[fe80::1%]:9100", "not an IPv6 address"),
    ]

    @Test(arguments: invalid)
    func rejectsWithATypedActionableError(_ text: String, _ reason: String) throws {
        let error = try #require(throws: TransportError.self) { try PrinterURI(text) }
        #expect(error.code == .invalidURI)
        #expect(error.message.contains(reason), "\(error.message)")
    }

    @Test func codableAsString() throws {
        let uri = try PrinterURI("cups://kitchen@127.0.0.1:631")
        let json = try JSONEncoder().encode([uri])
        #expect(String(decoding: json, as: UTF8.self) == #"["cups:\/\/kitchen@127.0.0.1:631"]"#)
        #expect(try JSONDecoder().decode([PrinterURI].self, from: json) == [uri])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([PrinterURI].self, from: Data(#"["nope"]"#.utf8))
        }
    }

    @Test(arguments: [
        ("tpc://10.0.0.5", "did you mean tcp://10.0.0.5?"),
        ("ubs://04b8:0202", "did you mean usb://04b8:0202?"),
        ("seriall:///dev/ttyUSB0", "did you mean serial:///dev/ttyUSB0?"),
        ("192.168.1.50", "did you mean tcp://192.168.1.50?"),
        ("printer.local:9100", "did you mean tcp://printer.local:9100?"),
        ("/dev/usb/lp0", "did you mean file:///dev/usb/lp0?"),
        ("/dev/ttyUSB0", "did you mean serial:///dev/ttyUSB0?"),
    ])
    func aMistypedOrMissingSchemeSuggestsTheFix(_ text: String, _ hint: String) {
        let error = #expect(throws: TransportError.self) { try PrinterURI(text) }
        #expect(error?.code == .invalidURI)
        #expect(error?.message.contains(hint) == true, "\(error?.message ?? "")")
    }

    @Test(arguments: ["gopher://x", "a b c", "smb://printer/queue", "http://printer"])
    func aSchemeFarFromEveryKnownOneGetsNoGuess(_ text: String) {
        let error = #expect(throws: TransportError.self) { try PrinterURI(text) }
        #expect(error?.message.contains("did you mean") == false, "\(error?.message ?? "")")
    }
}
