import EscPosBridgeProtocol
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging

/// The REST API for backends.
struct RESTRoutes: Sendable {
    let store: any RelayStore
    let hub: AgentHub
    let configuration: RelayConfiguration

    // "Idempotency-Key" is a valid field name: the failable initializer cannot fail.
    // swift-format-ignore: NeverForceUnwrap
    static let idempotencyKeyField = HTTPField.Name("Idempotency-Key")!

    func add(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in "ok\n" }
        router.post("/v1/enroll") { request, context in try await enroll(request, context) }
        router.post("/v1/sites/:site/printers/:printer/jobs") { request, context in
            try await createJob(request, context)
        }
        router.get("/v1/jobs") { request, context in try await listJobs(request, context) }
        router.get("/v1/jobs/:job") { request, context in
            let tenant = try await authenticate(request)
            guard let job = try await store.job(tenantId: tenant, jobId: try id(context, "job")) else {
                throw APIFailure.notFound("job")
            }
            return try json(job)
        }
        router.get("/v1/jobs/:job/events") { request, context in
            let tenant = try await authenticate(request)
            let jobId = try id(context, "job")
            guard let events = try await store.events(tenantId: tenant, jobId: jobId) else {
                throw APIFailure.notFound("job")
            }
            return try json(JobEventList(jobId: jobId, events: events))
        }
        router.post("/v1/jobs/:job/cancel") { request, context in try await cancel(request, context) }
        router.post("/v1/jobs/:job/reprint") { request, context in try await reprint(request, context) }
        router.get("/v1/sites") { request, _ in
            let tenant = try await authenticate(request)
            let connected = await hub.connectedSites()
            var sites = try await store.sites(tenantId: tenant)
            for index in sites.indices { sites[index].agentConnected = connected.contains(sites[index].id) }
            return try json(SiteList(sites: sites))
        }
        router.get("/v1/sites/:site") { request, context in
            let tenant = try await authenticate(request)
            guard var site = try await store.site(tenantId: tenant, siteId: try id(context, "site")) else {
                throw APIFailure.notFound("site")
            }
            site.agentConnected = await hub.isConnected(site.id)
            return try json(site)
        }
        router.get("/v1/sites/:site/printers") { request, context in
            let tenant = try await authenticate(request)
            guard let printers = try await store.printers(tenantId: tenant, siteId: try id(context, "site")) else {
                throw APIFailure.notFound("site")
            }
            return try json(PrinterListResponse(printers: printers))
        }
        router.post("/v1/sites/:site/printers/:printer/test") { request, context in try await test(request, context) }
    }

    // MARK: Handlers

    private func enroll(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let body: EnrollRequest = try await decode(request, as: EnrollRequest.self, limit: 4096)
        guard body.token.utf8.count < 200, let response = try await store.enroll(token: body.token) else {
            throw APIFailure(
                .unauthorized,
                "invalidEnrollmentToken",
                "the enrollment token is unknown, used or expired; create a new one with `escpos-relay admin site create`"
            )
        }
        context.logger.info("agent enrolled", metadata: ["site": "\(response.siteId)", "agent": "\(response.agentId)"])
        return try json(response, status: .created)
    }

    private func createJob(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let tenant = try await authenticate(request)
        let siteId = try id(context, "site")
        let printerId = context.parameters.get("printer") ?? ""
        guard PrinterDescription.isValidID(printerId) else { throw APIFailure.notFound("printer") }
        guard let key = request.headers[Self.idempotencyKeyField], !key.isEmpty else {
            throw APIFailure(
                .badRequest,
                "missingIdempotencyKey",
                "send an Idempotency-Key header (a UUID of your own per job): a retried request then never prints twice"
            )
        }
        guard key.utf8.count <= 255, key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIFailure(
                .badRequest,
                "invalidIdempotencyKey",
                "the Idempotency-Key must be 1–255 visible ASCII characters"
            )
        }
        let body = try await readJSONObject(request, limit: configuration.maximumJobBytes * 2)
        let known: Set<String> = ["document", "raw", "copies", "expiresIn", "externalId", "metadata", "priority"]
        if let unknown = body.keys.sorted().first(where: { !known.contains($0) }) {
            throw invalid("unknown field \"\(unknown)\"; the fields are \(known.sorted().joined(separator: ", "))")
        }
        let parsed: CreateJobRequest
        do {
            parsed = try BridgeJSON.decoder().decode(
                CreateJobRequest.self,
                from: Data(try JSONValue.object(body).jsonText().utf8)
            )
        } catch let error as DecodingError {
            throw invalid(MessageCoding.describe(error))
        }
        let copies = parsed.copies ?? 1
        guard (1...20).contains(copies) else { throw invalid("copies must be 1–20") }
        let expiresIn = parsed.expiresIn ?? 600
        guard (1...86_400).contains(expiresIn) else { throw invalid("expiresIn must be 1–86400 seconds") }
        if let externalId = parsed.externalId, externalId.count > 200 {
            throw invalid("externalId must be at most 200 characters")
        }
        let metadata = parsed.metadata ?? [:]
        guard metadata.count <= 20, metadata.allSatisfy({ $0.key.count <= 64 && $0.value.count <= 500 }) else {
            throw invalid("metadata takes at most 20 entries, keys up to 64 and values up to 500 characters")
        }
        guard let printer = try await store.printer(tenantId: tenant, siteId: siteId, printerId: printerId) else {
            throw APIFailure(
                .notFound,
                "notFound",
                "no such printer at this site (its agent lists its printers when it connects; see GET /v1/sites/\(siteId)/printers)"
            )
        }
        let content: JobContent
        switch (parsed.document, parsed.raw) {
        case (let document?, nil):
            do {
                let text = try DocumentValidator().validate(document, profileName: printer.profile)
                guard text.utf8.count <= configuration.maximumDocumentBytes else {
                    throw invalid(
                        "the document has \(text.utf8.count) bytes; the limit is \(configuration.maximumDocumentBytes)"
                    )
                }
                content = .document(text)
            } catch let error as APIErrorResponse {
                throw APIFailure(.unprocessableContent, error)
            }
        case (nil, let raw?):
            guard let bytes = Data(base64Encoded: raw) else { throw invalid("raw must be base64") }
            guard !bytes.isEmpty, bytes.count <= configuration.maximumJobBytes else {
                throw invalid("raw must hold 1–\(configuration.maximumJobBytes) bytes")
            }
            content = .raw(Array(bytes))
        default:
            throw invalid("give exactly one of \"document\" (a receipt) and \"raw\" (base64 ESC/POS bytes)")
        }
        let requestHash = Secrets.hash(
            try JSONValue.object(["site": .string(siteId), "printer": .string(printerId), "body": .object(body)])
                .jsonText()
        )
        let new = NewJob(
            tenantId: tenant,
            siteId: siteId,
            printerId: printerId,
            idempotencyKey: key,
            requestHash: requestHash,
            content: content,
            copies: copies,
            priority: parsed.priority ?? .normal,
            expiresIn: expiresIn,
            externalId: parsed.externalId,
            metadata: metadata,
            reprintOf: nil
        )
        switch try await store.createJob(new) {
        case .created(let job, let response):
            FaultPoint.afterJobCommitBefore201.reached()
            context.logger.info(
                "job queued",
                metadata: ["tenant": "\(tenant)", "site": "\(siteId)", "job": "\(job.id)"]
            )
            await hub.wake(siteId)
            return jsonText(response, status: .created)
        case .replayed(_, let response):
            return jsonText(response, status: .ok)
        case .keyReused:
            throw APIFailure(
                .unprocessableContent,
                "idempotencyKeyReused",
                "this Idempotency-Key was used for a different request; use a new key for a new job"
            )
        case .notFound:
            throw APIFailure.notFound("printer")
        case .queueFull(let limit):
            throw APIFailure(
                .tooManyRequests,
                "queueFull",
                "the site has \(limit) jobs waiting; wait for some to print"
            )
        }
    }

    private func listJobs(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let tenant = try await authenticate(request)
        let parameters = request.uri.queryParameters
        var query = JobQuery()
        if let site = parameters.get("site") {
            guard BridgeID.isWellFormed(site) else { throw invalid("site must be a site id") }
            query.siteId = site
        }
        if let state = parameters.get("state") {
            guard let value = JobState(rawValue: state) else {
                throw invalid("state must be one of \(JobState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.state = value
        }
        if let limit = parameters.get("limit") {
            guard let value = Int(limit), (1...500).contains(value) else { throw invalid("limit must be 1–500") }
            query.limit = value
        }
        if let after = parameters.get("after") {
            guard BridgeID.isWellFormed(after) else { throw invalid("after must be a job id") }
            query.after = after
        }
        return try json(try await store.jobs(tenantId: tenant, query: query))
    }

    private func cancel(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let tenant = try await authenticate(request)
        switch try await store.cancel(tenantId: tenant, jobId: try id(context, "job")) {
        case .canceled(let job, let wasOffered):
            if wasOffered { await hub.send(.jobCancel(JobCancel(jobId: job.id)), to: job.siteId) }
            return try json(job)
        case .notFound:
            throw APIFailure.notFound("job")
        case .tooLate(let state):
            throw APIFailure(
                .conflict,
                "tooLateToCancel",
                "the job is \(state.rawValue); only a job the agent has not accepted can be canceled"
            )
        }
    }

    private func reprint(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let tenant = try await authenticate(request)
        switch try await store.reprint(tenantId: tenant, jobId: try id(context, "job"), expiresIn: 600) {
        case .created(let job):
            await hub.wake(job.siteId)
            return try json(job, status: .created)
        case .notFound:
            throw APIFailure.notFound("job")
        case .notFinal(let state):
            throw APIFailure(
                .conflict,
                "notFinal",
                "the job is \(state.rawValue); a job can be reprinted once it has printed, failed, expired or is in doubt"
            )
        }
    }

    private func test(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let tenant = try await authenticate(request)
        let siteId = try id(context, "site")
        let printerId = context.parameters.get("printer") ?? ""
        let body = try await decode(request, as: PrinterTestRequest.self, limit: 4096)
        guard PrinterDescription.isValidID(printerId),
            try await store.printer(tenantId: tenant, siteId: siteId, printerId: printerId) != nil
        else { throw APIFailure.notFound("printer") }
        guard await hub.isConnected(siteId) else {
            throw APIFailure(.serviceUnavailable, "agentOffline", "the site's agent is not connected")
        }
        guard
            let result = await hub.test(
                siteId: siteId,
                printerId: printerId,
                kind: body.kind,
                timeout: configuration.testTimeout
            )
        else {
            throw APIFailure(.gatewayTimeout, "testTimedOut", "the agent did not answer the test in time")
        }
        return try json(
            PrinterTestResponse(kind: body.kind, success: result.success, detail: result.detail, status: result.status)
        )
    }

    // MARK: Helpers

    /// The tenant of the request's API key.
    private func authenticate(_ request: Request) async throws -> String {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            let tenant = try await store.tenant(apiKey: String(header.dropFirst(7)))
        else { throw APIFailure.unauthorized }
        return tenant
    }

    /// A path parameter that must be an id; a malformed one is simply not found.
    private func id(_ context: BasicRequestContext, _ name: String) throws -> String {
        guard let value = context.parameters.get(name), BridgeID.isWellFormed(value) else {
            throw APIFailure.notFound(name)
        }
        return value
    }

    private func invalid(_ message: String) -> APIFailure {
        APIFailure(.unprocessableContent, "invalidRequest", message)
    }

    private func readBody(_ request: Request, limit: Int) async throws -> Data {
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
        } catch {
            throw APIFailure(.contentTooLarge, "tooLarge", "the request body is larger than \(limit) bytes")
        }
    }

    private func readJSONObject(_ request: Request, limit: Int) async throws -> [String: JSONValue] {
        let data = try await readBody(request, limit: limit)
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw APIFailure(.badRequest, "invalidJSON", "the body must be a JSON object")
        }
        return object
    }

    private func decode<T: Decodable>(_ request: Request, as type: T.Type, limit: Int) async throws -> T {
        let data = try await readBody(request, limit: limit)
        do {
            return try BridgeJSON.decoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw APIFailure(.badRequest, "invalidJSON", MessageCoding.describe(error))
        }
    }

    private func jsonText(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }

    private func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: try BridgeJSON.text(value)))
        )
    }
}
