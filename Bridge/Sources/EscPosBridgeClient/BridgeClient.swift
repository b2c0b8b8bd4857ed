import AsyncHTTPClient
import EscPos
import EscPosBridgeProtocol
import Foundation
import NIOCore
import NIOHTTP1

/// A typed client of the relay's REST API, for Swift backends.
///
/// ```swift
/// let client = BridgeClient(relay: "https://relay.example.com", apiKey: apiKey)
/// let job = try await client.print(receipt, site: siteId, printer: "kitchen", idempotencyKey: order.id)
/// let done = try await client.waitUntilFinished(job.id)
/// ```
///
/// Send the same `idempotencyKey` when you retry after a timeout or a crash: the relay answers with the job
/// it already has, and the receipt prints once.
public struct BridgeClient: Sendable {
    /// The relay's base URL, such as `https://relay.example.com` or `http://127.0.0.1:8080`.
    public let relay: String
    private let apiKey: String
    private let httpClient: HTTPClient
    /// How long one request may take.
    public var timeout: Duration

    public init(relay: String, apiKey: String, httpClient: HTTPClient = .shared, timeout: Duration = .seconds(30)) {
        self.relay = relay.hasSuffix("/") ? String(relay.dropLast()) : relay
        self.apiKey = apiKey
        self.httpClient = httpClient
        self.timeout = timeout
    }

    /// Options of a job beyond what it prints.
    public struct JobOptions: Sendable, Hashable {
        public var copies: Int?
        public var expiresIn: Int?
        public var externalId: String?
        public var metadata: [String: String]?
        public var priority: JobPriority?
        public init(
            copies: Int? = nil,
            expiresIn: Int? = nil,
            externalId: String? = nil,
            metadata: [String: String]? = nil,
            priority: JobPriority? = nil
        ) {
            self.copies = copies
            self.expiresIn = expiresIn
            self.externalId = externalId
            self.metadata = metadata
            self.priority = priority
        }
    }

    /// Queues a receipt for a printer of a site.
    public func print(
        _ receipt: Receipt,
        site: String,
        printer: String,
        idempotencyKey: String,
        options: JobOptions = JobOptions()
    ) async throws -> Job {
        let document = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(receipt))
        return try await submit(
            request(document: document, raw: nil, options: options),
            site: site,
            printer: printer,
            idempotencyKey: idempotencyKey
        ).job
    }

    /// Queues raw ESC/POS bytes for a printer of a site.
    public func printRaw(
        _ bytes: [UInt8],
        site: String,
        printer: String,
        idempotencyKey: String,
        options: JobOptions = JobOptions()
    ) async throws -> Job {
        try await submit(
            request(document: nil, raw: Data(bytes).base64EncodedString(), options: options),
            site: site,
            printer: printer,
            idempotencyKey: idempotencyKey
        ).job
    }

    /// Sends a job request as it is; `replayed` tells whether the relay had it already under this key.
    public func submit(
        _ body: CreateJobRequest,
        site: String,
        printer: String,
        idempotencyKey: String
    ) async throws
        -> (job: Job, replayed: Bool)
    {
        let (status, data) = try await send(
            .POST,
            "/v1/sites/\(escape(site))/printers/\(escape(printer))/jobs",
            body: try BridgeJSON.encoder().encode(body),
            headers: [("Idempotency-Key", idempotencyKey)]
        )
        return (try decode(Job.self, status: status, data: data), status == 200)
    }

    public func job(_ id: String) async throws -> Job {
        let (status, data) = try await send(.GET, "/v1/jobs/\(escape(id))")
        return try decode(Job.self, status: status, data: data)
    }

    public func jobs(
        site: String? = nil,
        state: JobState? = nil,
        limit: Int? = nil,
        after: String? = nil
    ) async throws
        -> JobPage
    {
        var query: [String] = []
        if let site { query.append("site=\(escape(site))") }
        if let state { query.append("state=\(state.rawValue)") }
        if let limit { query.append("limit=\(limit)") }
        if let after { query.append("after=\(escape(after))") }
        let (status, data) = try await send(
            .GET,
            "/v1/jobs" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        )
        return try decode(JobPage.self, status: status, data: data)
    }

    public func events(_ jobId: String) async throws -> [JobEvent] {
        let (status, data) = try await send(.GET, "/v1/jobs/\(escape(jobId))/events")
        return try decode(JobEventList.self, status: status, data: data).events
    }

    public func cancel(_ jobId: String) async throws -> Job {
        let (status, data) = try await send(.POST, "/v1/jobs/\(escape(jobId))/cancel")
        return try decode(Job.self, status: status, data: data)
    }

    public func reprint(_ jobId: String) async throws -> Job {
        let (status, data) = try await send(.POST, "/v1/jobs/\(escape(jobId))/reprint")
        return try decode(Job.self, status: status, data: data)
    }

    public func sites() async throws -> [Site] {
        let (status, data) = try await send(.GET, "/v1/sites")
        return try decode(SiteList.self, status: status, data: data).sites
    }

    public func site(_ id: String) async throws -> Site {
        let (status, data) = try await send(.GET, "/v1/sites/\(escape(id))")
        return try decode(Site.self, status: status, data: data)
    }

    public func printers(site: String) async throws -> [SitePrinter] {
        let (status, data) = try await send(.GET, "/v1/sites/\(escape(site))/printers")
        return try decode(PrinterListResponse.self, status: status, data: data).printers
    }

    public func test(site: String, printer: String, kind: PrinterTest.Kind) async throws -> PrinterTestResponse {
        let (status, data) = try await send(
            .POST,
            "/v1/sites/\(escape(site))/printers/\(escape(printer))/test",
            body: try BridgeJSON.encoder().encode(PrinterTestRequest(kind: kind))
        )
        return try decode(PrinterTestResponse.self, status: status, data: data)
    }

    /// Polls a job until it is final (printed, failed, in doubt, expired or canceled) or `timeout` passes.
    public func waitUntilFinished(
        _ jobId: String,
        timeout: Duration = .seconds(60),
        pollInterval: Duration = .milliseconds(100)
    )
        async throws -> Job
    {
        let deadline = ContinuousClock.now + timeout
        while true {
            let current = try await job(jobId)
            if current.state.isFinal || ContinuousClock.now >= deadline { return current }
            try await Task.sleep(for: pollInterval)
        }
    }

    // MARK: Plumbing

    private func request(document: JSONValue?, raw: String?, options: JobOptions) -> CreateJobRequest {
        CreateJobRequest(
            document: document,
            raw: raw,
            copies: options.copies,
            expiresIn: options.expiresIn,
            externalId: options.externalId,
            metadata: options.metadata,
            priority: options.priority
        )
    }

    private func escape(_ component: String) -> String {
        component.addingPercentEncoding(
            withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?&="))
        )
            ?? component
    }

    private func send(
        _ method: HTTPMethod,
        _ path: String,
        body: Data? = nil,
        headers: [(String, String)] = []
    )
        async throws -> (Int, Data)
    {
        var request = HTTPClientRequest(url: relay + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
        request.headers.add(name: "Accept", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let seconds = timeout.components.seconds
        let response = try await httpClient.execute(request, timeout: .seconds(seconds))
        var buffer = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), Data(buffer.readBytes(length: buffer.readableBytes) ?? []))
    }

    private func decode<T: Decodable>(_ type: T.Type, status: Int, data: Data) throws -> T {
        guard (200..<300).contains(status) else {
            let body =
                (try? BridgeJSON.decoder().decode(APIErrorResponse.self, from: data))?.error
                ?? APIErrorResponse.Body(
                    code: "http\(status)",
                    message: String(decoding: data.prefix(500), as: UTF8.self)
                )
            throw BridgeClientError(status: status, error: body)
        }
        return try BridgeJSON.decoder().decode(type, from: data)
    }
}

/// The relay refused a request: its HTTP status and error body.
public struct BridgeClientError: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: Int
    public var error: APIErrorResponse.Body
    public var description: String {
        "the relay answered \(status): \(error.message)" + (error.path.map { " (at \($0))" } ?? "")
    }
}
