import EscPosBridgeProtocol
import HTTPTypes
import Hummingbird
import NIOCore

/// An error answer of the REST API: a status and `{"error": {"code", "message", ...}}`.
struct APIFailure: HTTPResponseError {
    let status: HTTPResponse.Status
    let body: APIErrorResponse
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        body = APIErrorResponse(code: code, message: message)
    }

    init(_ status: HTTPResponse.Status, _ body: APIErrorResponse) {
        self.status = status
        self.body = body
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(
            status: status,
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(string: (try? BridgeJSON.text(body)) ?? "{}"))
        )
    }

    static func notFound(_ what: String) -> APIFailure { APIFailure(.notFound, "notFound", "no such \(what)") }
    static let unauthorized = APIFailure(
        .unauthorized,
        "unauthorized",
        "send a valid API key as `Authorization: Bearer bk_…` (create one with `escpos-relay admin apikey create`)"
    )
}
