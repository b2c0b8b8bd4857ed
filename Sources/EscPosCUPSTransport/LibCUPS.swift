import CCUPS
import EscPosPrinting
import EscPosTransportSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The only file that imports CCUPS. Every function here blocks: call it from BlockingIO.run, with
// the connection used by one thread only (libcups keeps its last error per thread).

/// An error reported by libcups: the IPP status and libcups's text for it.
public struct CUPSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The IPP status code (`ipp_status_t`), such as `0x0406` (client-error-not-found).
    public var status: Int
    /// libcups's message for it. The corresponding C function is `cupsLastErrorString`.
    public var message: String

    /// Creates an error.
    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }

    /// The message and the IPP status in hex.
    public var description: String {
        "\(message) (IPP status 0x\(String(status, radix: 16)))"
    }

    static var last: CUPSError {
        CUPSError(status: Int(cupsLastError().rawValue), message: String(cString: cupsLastErrorString()))
    }

    var isNotFound: Bool { status == Int(IPP_STATUS_ERROR_NOT_FOUND.rawValue) }
    var isNotAccepting: Bool { status == Int(IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS.rawValue) }
    var isForbidden: Bool {
        status == Int(IPP_STATUS_ERROR_FORBIDDEN.rawValue) || status == Int(IPP_STATUS_ERROR_NOT_AUTHORIZED.rawValue)
    }
}

/// What libcups reports about a queue.
struct CUPSQueueAttributes {
    var name: String
    var isDefault = false
    var makeAndModel: String?
    var info: String?
    var deviceURI: String?
    var state: Int?
    var stateReasons: [String] = []
    var isAcceptingJobs: Bool?
}

/// What libcups reports about a job.
struct CUPSJobAttributes {
    var state: Int
    var stateReasons: [String]
    var printerStateMessage: String?
}

/// An open connection to a CUPS server; closed in `deinit`.
///
/// The corresponding C type is `http_t`.
final class CUPSConnection {
    private let http: OpaquePointer
    let serverDescription: String

    /// Connects to `server` (`host[:port]` or a domain-socket path), or to the default server.
    ///
    /// The corresponding C function is `httpConnect2`.
    init(server: String?, timeout: Duration) throws(CUPSConnectError) {
        var host: String
        var port: Int32
        if let server {
            if server.hasPrefix("/") {
                host = server
                port = 0
            } else if let colon = server.lastIndex(of: ":"), let number = Int32(server[server.index(after: colon)...]) {
                host = String(server[..<colon])
                port = number
            } else {
                host = server
                port = 631
            }
        } else {
            host = String(cString: cupsServer())
            port = ippPort()
        }
        serverDescription = host.hasPrefix("/") ? host : "\(host):\(port)"
        let milliseconds = Int32(
            clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        )
        guard
            let http = httpConnect2(
                host,
                port,
                nil,
                AF_UNSPEC,
                HTTP_ENCRYPTION_IF_REQUESTED,
                1,
                max(1, milliseconds),
                nil
            )
        else {
            throw CUPSConnectError(server: serverDescription, underlying: CUPSError.last)
        }
        self.http = http
        httpSetTimeout(http, max(1, Double(milliseconds) / 1000), nil, nil)
    }

    deinit {
        httpClose(http)
    }

    /// Lists the queues. The corresponding C function is `cupsGetDests2`.
    func destinations() -> [CUPSQueueAttributes] {
        var dests: UnsafeMutablePointer<cups_dest_t>?
        let count = cupsGetDests2(http, &dests)
        defer { cupsFreeDests(count, dests) }
        guard let dests else { return [] }
        var queues: [CUPSQueueAttributes] = []
        for index in 0..<Int(count) {
            let dest = dests[index]
            guard dest.instance == nil else { continue }
            func option(_ name: String) -> String? {
                cupsGetOption(name, dest.num_options, dest.options).map { String(cString: $0) }
            }
            var queue = CUPSQueueAttributes(name: String(cString: dest.name))
            queue.isDefault = dest.is_default != 0
            queue.makeAndModel = option("printer-make-and-model")
            queue.info = option("printer-info")
            queue.deviceURI = option("device-uri")
            queue.state = option("printer-state").flatMap { Int($0) }
            queue.stateReasons = option("printer-state-reasons").map { $0.split(separator: ",").map(String.init) } ?? []
            queue.isAcceptingJobs = option("printer-is-accepting-jobs").map { $0 == "true" }
            queues.append(queue)
        }
        return queues
    }

    /// Asks for a queue's current state; `nil` when the queue does not exist.
    ///
    /// The corresponding IPP operation is Get-Printer-Attributes, sent with `cupsDoRequest`.
    func printerAttributes(queue: String) throws(CUPSError) -> CUPSQueueAttributes? {
        let request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES)
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, "ipp://localhost/printers/\(queue)")
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
        addRequestedAttributes(
            request,
            [
                "printer-state", "printer-state-reasons", "printer-make-and-model", "printer-info", "device-uri",
                "printer-is-accepting-jobs",
            ]
        )
        guard let response = cupsDoRequest(http, request, "/") else {
            let error = CUPSError.last
            if error.isNotFound { return nil }
            throw error
        }
        defer { ippDelete(response) }
        let status = ippGetStatusCode(response)
        if status == IPP_STATUS_ERROR_NOT_FOUND { return nil }
        guard status.rawValue <= IPP_STATUS_OK_CONFLICTING.rawValue else { throw CUPSError.last }
        var queue = CUPSQueueAttributes(name: queue)
        queue.state = integer(response, "printer-state", IPP_TAG_ENUM)
        queue.stateReasons = strings(response, "printer-state-reasons", IPP_TAG_KEYWORD)
        queue.makeAndModel = strings(response, "printer-make-and-model", IPP_TAG_TEXT).first
        queue.info = strings(response, "printer-info", IPP_TAG_TEXT).first
        queue.deviceURI = strings(response, "device-uri", IPP_TAG_URI).first
        if let attribute = ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN) {
            queue.isAcceptingJobs = ippGetBoolean(attribute, 0) != 0
        }
        return queue
    }

    /// Creates a job and sends `bytes` as one raw document; returns the job ID.
    ///
    /// The IPP operation Create-Job is sent directly (`cupsCreateJob` resolves the queue through its
    /// destination list and, for raw `socket://` queues, ends up asking for the device URI instead); the
    /// document goes through `cupsStartDocument` (with `CUPS_FORMAT_RAW`), `cupsWriteRequestData` and
    /// `cupsFinishDocument`.
    func submitRawJob(queue: String, title: String, bytes: [UInt8], chunkSize: Int) throws(CUPSError) -> Int32 {
        let request = ippNewRequest(IPP_OP_CREATE_JOB)
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, "ipp://localhost/printers/\(queue)")
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nil, title)
        guard let response = cupsDoRequest(http, request, "/printers/\(queue)") else { throw CUPSError.last }
        defer { ippDelete(response) }
        guard ippGetStatusCode(response).rawValue <= IPP_STATUS_OK_CONFLICTING.rawValue,
            let job = integer(response, "job-id", IPP_TAG_INTEGER).map(Int32.init), job > 0
        else { throw CUPSError.last }
        guard cupsStartDocument(http, queue, job, title, CUPS_FORMAT_RAW, 1) == HTTP_STATUS_CONTINUE else {
            let error = CUPSError.last
            _ = cupsCancelJob2(http, queue, job, 0)
            throw error
        }
        var offset = 0
        while offset < bytes.count {
            let count = min(chunkSize, bytes.count - offset)
            let status = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { characters in
                    cupsWriteRequestData(http, characters.baseAddress.map { $0 + offset }, count)
                }
            }
            guard status == HTTP_STATUS_CONTINUE else {
                let error = CUPSError.last
                _ = cupsFinishDocument(http, queue)
                _ = cupsCancelJob2(http, queue, job, 0)
                throw error
            }
            offset += count
        }
        let status = cupsFinishDocument(http, queue)
        guard status.rawValue <= IPP_STATUS_OK_CONFLICTING.rawValue else { throw CUPSError.last }
        return job
    }

    /// Asks for a job's state. The corresponding IPP operation is Get-Job-Attributes.
    func jobAttributes(job: Int32) throws(CUPSError) -> CUPSJobAttributes {
        let request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES)
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nil, "ipp://localhost/jobs/\(job)")
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
        addRequestedAttributes(request, ["job-state", "job-state-reasons", "job-printer-state-message"])
        guard let response = cupsDoRequest(http, request, "/") else { throw CUPSError.last }
        defer { ippDelete(response) }
        guard ippGetStatusCode(response).rawValue <= IPP_STATUS_OK_CONFLICTING.rawValue,
            let state = integer(response, "job-state", IPP_TAG_ENUM)
        else { throw CUPSError.last }
        return CUPSJobAttributes(
            state: state,
            stateReasons: strings(response, "job-state-reasons", IPP_TAG_KEYWORD),
            printerStateMessage: strings(response, "job-printer-state-message", IPP_TAG_TEXT).first
        )
    }

    /// Cancels a job. The corresponding C function is `cupsCancelJob2`.
    func cancel(job: Int32, queue: String) {
        _ = cupsCancelJob2(http, queue, job, 0)
    }

    private func addRequestedAttributes(_ request: OpaquePointer?, _ names: [String]) {
        let pointers = names.map { strdup($0) }
        defer { for pointer in pointers { free(pointer) } }
        pointers.map { UnsafePointer($0) }.withUnsafeBufferPointer { buffer in
            _ = ippAddStrings(
                request,
                IPP_TAG_OPERATION,
                IPP_TAG_KEYWORD,
                "requested-attributes",
                Int32(names.count),
                nil,
                buffer.baseAddress
            )
        }
    }

    private func integer(_ response: OpaquePointer, _ name: String, _ tag: ipp_tag_t) -> Int? {
        guard let attribute = ippFindAttribute(response, name, tag) else { return nil }
        return Int(ippGetInteger(attribute, 0))
    }

    private func strings(_ response: OpaquePointer, _ name: String, _ tag: ipp_tag_t) -> [String] {
        guard let attribute = ippFindAttribute(response, name, tag) ?? ippFindAttribute(response, name, IPP_TAG_ZERO)
        else {
            return []
        }
        return (0..<ippGetCount(attribute)).compactMap { index in
            ippGetString(attribute, index, nil).map { String(cString: $0) }
        }
    }
}

/// The CUPS server could not be reached.
struct CUPSConnectError: Error {
    var server: String
    var underlying: CUPSError
}

/// IPP job states (`ipp_jstate_t`).
enum CUPSJobState {
    static let pending = Int(IPP_JSTATE_PENDING.rawValue)
    static let held = Int(IPP_JSTATE_HELD.rawValue)
    static let processing = Int(IPP_JSTATE_PROCESSING.rawValue)
    static let stopped = Int(IPP_JSTATE_STOPPED.rawValue)
    static let canceled = Int(IPP_JSTATE_CANCELED.rawValue)
    static let aborted = Int(IPP_JSTATE_ABORTED.rawValue)
    static let completed = Int(IPP_JSTATE_COMPLETED.rawValue)
}

/// IPP printer states (`ipp_pstate_t`).
enum CUPSPrinterState {
    static let idle = Int(IPP_PSTATE_IDLE.rawValue)
    static let processing = Int(IPP_PSTATE_PROCESSING.rawValue)
    static let stopped = Int(IPP_PSTATE_STOPPED.rawValue)
}
