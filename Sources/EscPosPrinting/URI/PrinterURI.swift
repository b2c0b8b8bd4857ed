import EscPos

/// The name of a printer, the same in code, on the command line and in configuration files.
///
/// | URI | Printer |
/// |---|---|
/// | `tcp://192.168.1.50` or `tcp://host:9100` | a network printer's raw port (9100 by default) |
/// | `usb://` | the only (or first) USB printer |
/// | `usb://04B8:0202?serial=X5YZ012345` | the USB printer with that vendor:product ID and serial number |
/// | `cups://kitchen` or `cups://kitchen@printserver:631` | a CUPS queue on the default or a named server |
/// | `file:///dev/usb/lp0` | a device file of the kernel's `usblp` driver |
/// | `serial:///dev/ttyUSB0?baud=19200&flow=rtscts&parity=none` | a serial or Bluetooth-serial printer |
///
/// ```swift
/// let uri = try PrinterURI("serial:///dev/ttyUSB0?baud=19200&flow=rtscts")
/// print(uri)   // serial:///dev/ttyUSB0?baud=19200&flow=rtscts&parity=none
/// ```
///
/// Codable as its string form.
public struct PrinterURI: Hashable, Sendable, CustomStringConvertible {
    /// Which kind of connection the URI names, with its parameters.
    public enum Endpoint: Hashable, Sendable {
        /// A raw TCP port (JetDirect, usually 9100).
        case tcp(host: String, port: Int)
        /// A USB printer; `nil` fields match any printer.
        case usb(USBDeviceSelector)
        /// A CUPS queue; `server` is `host[:port]` or the path of a domain socket, `nil` for the default server.
        case cups(queue: String, server: String?)
        /// A device file written directly, such as `/dev/usb/lp0`.
        case file(path: String)
        /// A serial port with its line settings.
        case serial(path: String, options: SerialOptions)
    }

    /// The connection the URI names.
    public var endpoint: Endpoint

    /// The default raw printing port.
    public static let defaultTCPPort = 9100

    /// Creates a URI from an endpoint.
    public init(_ endpoint: Endpoint) {
        self.endpoint = endpoint
    }

    /// Parses a printer URI.
    ///
    /// - Parameter string: The URI, such as `tcp://10.0.0.5:9100`.
    /// - Throws: ``TransportError`` with code ``TransportError/Code/invalidURI`` and a message that names the
    ///   bad part and shows a valid example.
    public init(_ string: String) throws {
        guard let schemeEnd = Self.findSchemeSeparator(in: string) else {
            throw Self.invalid(
                string,
                "it has no scheme; "
                    + (Self.suggestion(forSchemeless: string).map { "did you mean \($0)? " } ?? "")
                    + "write tcp://HOST[:PORT], usb://[VID:PID], cups://QUEUE[@SERVER], "
                    + "file:///dev/usb/lp0 or serial:///dev/ttyUSB0?baud=19200"
            )
        }
        let scheme = string[..<schemeEnd.lowerBound].lowercased()
        let rest = String(string[schemeEnd.upperBound...])
        let (body, query) = Self.splitQuery(rest)
        let parameters = try Self.parseQuery(query, in: string)
        switch scheme {
        case "tcp":
            try Self.expectNoParameters(parameters, in: string)
            let (host, port) = try Self.parseHostPort(body, defaultPort: Self.defaultTCPPort, in: string)
            guard !host.isEmpty else {
                throw Self.invalid(string, "the host is missing; write tcp://192.168.1.50 or tcp://printer.local:9100")
            }
            self.init(.tcp(host: host, port: port))
        case "usb":
            var selector = USBDeviceSelector()
            let path = body.hasSuffix("/") ? String(body.dropLast()) : body
            if !path.isEmpty {
                // lsusb prints 04b8:0e28; sysfs and C code write 0x04b8 0x0e28: both are accepted.
                let parts = path.split(separator: ":", omittingEmptySubsequences: false).map { part in
                    part.lowercased().hasPrefix("0x") ? part.dropFirst(2) : part
                }
                guard parts.count == 2, let vendor = UInt16(parts[0], radix: 16),
                    let product = UInt16(parts[1], radix: 16),
                    parts[0].count == 4, parts[1].count == 4
                else {
                    throw Self.invalid(
                        string,
                        "\"\(path)\" is not a VID:PID pair; write four hex digits each, "
                            + "such as usb://04B8:0202 (see lsusb)"
                    )
                }
                selector.vendorID = vendor
                selector.productID = product
            }
            for (key, value) in parameters {
                switch key {
                case "serial": selector.serialNumber = value
                default: throw Self.invalid(string, "unknown option \"\(key)\"; usb:// accepts only serial=")
                }
            }
            self.init(.usb(selector))
        case "cups":
            try Self.expectNoParameters(parameters, in: string)
            var queue = body
            var server: String?
            if let at = body.firstIndex(of: "@") {
                queue = String(body[..<at])
                server = String(body[body.index(after: at)...])
                if server?.isEmpty == true {
                    throw Self.invalid(string, "the server after @ is empty; write cups://QUEUE@HOST[:PORT]")
                }
            }
            guard !queue.isEmpty, !queue.contains("/") else {
                throw Self.invalid(
                    string,
                    "the queue name is missing or contains /; write cups://QUEUE as lpstat -p lists it"
                )
            }
            self.init(.cups(queue: queue, server: server))
        case "file":
            try Self.expectNoParameters(parameters, in: string)
            guard body.hasPrefix("/"), body.count > 1 else {
                throw Self.invalid(string, "the path must be absolute; write file:///dev/usb/lp0 (three slashes)")
            }
            self.init(.file(path: body))
        case "serial":
            guard body.hasPrefix("/"), body.count > 1 else {
                throw Self.invalid(
                    string,
                    "the path must be absolute; write serial:///dev/ttyUSB0?baud=19200 (three slashes)"
                )
            }
            let options = try SerialOptions(parameters: parameters, in: string)
            self.init(.serial(path: body, options: options))
        default:
            let known = ["tcp", "usb", "cups", "file", "serial"]
            let hint = Self.closest(to: scheme, in: known).map { " (did you mean \($0)://\(rest)?)" } ?? ""
            throw Self.invalid(string, "unknown scheme \"\(scheme)\"\(hint); use tcp, usb, cups, file or serial")
        }
    }

    /// What a string without a scheme most likely meant: a path is a device file (or a serial line for
    /// `/dev/tty*` and `/dev/rfcomm*`), anything else that could be a host is a network printer.
    static func suggestion(forSchemeless text: String) -> String? {
        if text.hasPrefix("/") {
            let serial = text.hasPrefix("/dev/tty") || text.hasPrefix("/dev/rfcomm")
            return (serial ? "serial://" : "file://") + text
        }
        let hostCharacters = text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-:[]%".unicodeScalars.contains(scalar)
        }
        return !text.isEmpty && hostCharacters ? "tcp://" + text : nil
    }

    /// The candidate within one or two edits (insertions, deletions, substitutions or swaps of neighbours) of
    /// `word`.
    static func closest(to word: String, in candidates: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in 0...a.count { table[i][0] = i }
            for j in 0...b.count { table[0][j] = j }
            for i in stride(from: 1, through: a.count, by: 1) {
                for j in stride(from: 1, through: b.count, by: 1) {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                    }
                }
            }
            return table[a.count][b.count]
        }
        guard word.count <= 16 else { return nil }
        // One edit for short names (three letters leave little to guess from), two for longer ones.
        let allowed = word.count <= 4 ? 1 : 2
        let scored = candidates.map { ($0, distance(Array(word), Array($0))) }.filter { $0.1 <= allowed }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// The URI as text, in a canonical form that parses back to the same value.
    public var description: String {
        switch endpoint {
        case .tcp(let host, let port):
            let hostText = host.contains(":") ? "[\(host)]" : host
            return "tcp://\(hostText):\(port)"
        case .usb(let selector):
            var text = "usb://"
            if let vendor = selector.vendorID, let product = selector.productID {
                text += "\(Hex.word(vendor)):\(Hex.word(product))"
            }
            if let serial = selector.serialNumber { text += "?serial=\(serial)" }
            return text
        case .cups(let queue, let server):
            return server.map { "cups://\(queue)@\($0)" } ?? "cups://\(queue)"
        case .file(let path):
            return "file://\(path)"
        case .serial(let path, let options):
            return "serial://\(path)?\(options.queryString)"
        }
    }

    private static func findSchemeSeparator(in text: String) -> Range<String.Index>? {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("://") {
                return index..<text.index(index, offsetBy: 3)
            }
            index = text.index(after: index)
        }
        return nil
    }

    static func invalid(_ uri: String, _ reason: String) -> TransportError {
        TransportError(.invalidURI, "\"\(uri)\" is not a valid printer URI: \(reason)")
    }

    private static func splitQuery(_ text: String) -> (String, String?) {
        guard let mark = text.firstIndex(of: "?") else { return (text, nil) }
        return (String(text[..<mark]), String(text[text.index(after: mark)...]))
    }

    private static func parseQuery(_ query: String?, in uri: String) throws -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        var seen = Set<String>()
        return try query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw invalid(uri, "option \"\(pair)\" must be written name=value")
            }
            let key = parts[0].lowercased()
            guard seen.insert(key).inserted else { throw invalid(uri, "option \"\(key)\" is given twice") }
            return (key, String(parts[1]))
        }
    }

    private static func expectNoParameters(_ parameters: [(String, String)], in uri: String) throws {
        if let first = parameters.first {
            throw invalid(uri, "option \"\(first.0)\" is not understood for this scheme")
        }
    }

    private static func parseHostPort(_ text: String, defaultPort: Int, in uri: String) throws -> (String, Int) {
        var body = Substring(text)
        if body.hasSuffix("/") { body = body.dropLast() }
        var host: Substring
        var portText: Substring?
        if body.hasPrefix("[") {
            guard let close = body.firstIndex(of: "]") else { throw invalid(uri, "the IPv6 address lacks a closing ]") }
            host = body[body.index(after: body.startIndex)..<close]
            let after = body[body.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw invalid(uri, "unexpected \"\(after)\" after the IPv6 address")
            }
        } else if let colon = body.lastIndex(of: ":") {
            host = body[..<colon]
            portText = body[body.index(after: colon)...]
        } else {
            host = body
        }
        if host.contains("/") { throw invalid(uri, "a path is not allowed after the host") }
        try validateHost(host, bracketed: body.hasPrefix("["), in: uri)
        var port = defaultPort
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw invalid(uri, "port \"\(portText)\" must be a number from 1 to 65535")
            }
            port = value
        }
        return (String(host), port)
    }

    /// Accepts a host name or IPv4 address (letters, digits, `-`, `_`, `.`) or, in brackets, an IPv6 address
    /// with an optional `%zone`; anything else could not be written back as the same URI (``description``).
    private static func validateHost(_ host: Substring, bracketed: Bool, in uri: String) throws {
        func isNameCharacter(_ c: Character) -> Bool {
            c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".")
        }
        if bracketed {
            let parts = host.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)
            let address = parts[0]
            let zoneIsValid = parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy(isNameCharacter))
            guard address.contains(":"), address.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }), zoneIsValid
            else {
                throw invalid(uri, "\"[\(host)]\" is not an IPv6 address; write tcp://[fe80::1]:9100")
            }
        } else if host.contains(":") {
            throw invalid(uri, "an IPv6 address goes in brackets: tcp://[\(host)]:9100")
        } else if !host.allSatisfy(isNameCharacter) {
            throw invalid(
                uri,
                "\"\(host)\" is not a host name or address; use letters, digits, '-' and '.', such as printer.local"
            )
        }
    }
}

extension PrinterURI: Codable {
    /// Decodes a URI from its string form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text)
        } catch let error as TransportError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes the URI as its string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
