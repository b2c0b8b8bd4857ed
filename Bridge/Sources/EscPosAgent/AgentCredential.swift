import AsyncHTTPClient
import EscPosBridgeProtocol
import Foundation
import NIOCore
import NIOSSL

#if canImport(Glibc)
import Glibc
#endif

/// The agent's identity at the relay, from enrollment: kept in `<state-dir>/credential.json`, mode 0600.
public struct AgentCredential: Codable, Sendable, Hashable {
    /// The relay's base URL (`https://relay.example.com`, or `http://` to loopback).
    public var relayURL: String
    public var siteId: String
    public var agentId: String
    /// `<agentId>.<secret>`: sent as `Authorization: Bearer …` on the WebSocket upgrade.
    public var credential: String

    public init(relayURL: String, siteId: String, agentId: String, credential: String) {
        self.relayURL = relayURL
        self.siteId = siteId
        self.agentId = agentId
        self.credential = credential
    }

    static func path(in stateDirectory: String) -> String { "\(stateDirectory)/credential.json" }

    /// Reads the credential of a state directory.
    public static func load(stateDirectory: String) throws(AgentError) -> AgentCredential {
        let path = path(in: stateDirectory)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AgentError(
                .notEnrolled,
                "\(path) does not exist: enroll first with `escpos-agent enroll --relay URL --token TOKEN --state-dir \(stateDirectory)`"
            )
        }
        do {
            return try JSONDecoder().decode(AgentCredential.self, from: data)
        } catch {
            throw AgentError(.notEnrolled, "\(path) is not a credential file; enroll again")
        }
    }

    /// Writes the credential so that a crash leaves either the old file or the new one: a temporary file
    /// created 0600, synced, renamed over the old one, then the directory synced.
    public func save(stateDirectory: String) throws(AgentError) {
        let path = Self.path(in: stateDirectory)
        let temporary = path + ".tmp"
        do {
            try FileManager.default.createDirectory(
                atPath: stateDirectory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(self)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            guard descriptor >= 0 else {
                throw AgentError(.io, "cannot create \(temporary): \(String(cString: strerror(errno)))")
            }
            let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            let synced = fsync(descriptor)
            close(descriptor)
            guard written == data.count, synced == 0 else { throw AgentError(.io, "cannot write \(temporary)") }
            guard rename(temporary, path) == 0 else { throw AgentError(.io, "cannot rename \(temporary) to \(path)") }
            let directory = open(stateDirectory, O_RDONLY)
            if directory >= 0 {
                _ = fsync(directory)
                close(directory)
            }
        } catch let error as AgentError {
            throw error
        } catch {
            throw AgentError(.io, "cannot write \(path): \(error)")
        }
    }
}

/// Exchanging a one-time enrollment token for the agent's credential.
public enum Enrollment {
    /// Enrolls with the relay and writes the credential to the state directory.
    /// - Throws: ``AgentError``: the token refused, the relay unreachable, TLS required.
    @discardableResult
    public static func enroll(
        relay: String,
        token: String,
        stateDirectory: String,
        caFile: String? = nil
    )
        async throws(AgentError) -> AgentCredential
    {
        let base = try RelayAddress(relay)
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = try RelayAddress.tlsConfiguration(caFile: caFile)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let answer = await post(EnrollRequest(token: token), to: base.httpURL + "/v1/enroll", client: client)
        try? await client.shutdown()
        let (status, body) = try answer.get()
        guard status == 201 else {
            let message = (try? JSONDecoder().decode(APIErrorResponse.self, from: body))?.error.message
            if status == 401 {
                throw AgentError(
                    .enrollmentRefused,
                    "the enrollment token is unknown, used or expired; create a new one with `escpos-relay admin site create`"
                )
            }
            throw AgentError(.enrollmentRefused, "the relay answered \(status)" + (message.map { ": \($0)" } ?? ""))
        }
        let enrolled: EnrollResponse
        do {
            enrolled = try JSONDecoder().decode(EnrollResponse.self, from: body)
        } catch {
            throw AgentError(.protocolError, "the relay's enrollment answer is not understood: \(error)")
        }
        let credential = AgentCredential(
            relayURL: base.httpURL,
            siteId: enrolled.siteId,
            agentId: enrolled.agentId,
            credential: enrolled.credential
        )
        try credential.save(stateDirectory: stateDirectory)
        return credential
    }

    private static func post(
        _ body: EnrollRequest,
        to url: String,
        client: HTTPClient
    ) async -> Result<(UInt, Data), AgentError> {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        do {
            request.body = .bytes(ByteBuffer(bytes: Array(try JSONEncoder().encode(body))))
            let response = try await client.execute(request, timeout: .seconds(30))
            var buffer = try await response.body.collect(upTo: 1 << 16)
            return .success((response.status.code, Data(buffer.readBytes(length: buffer.readableBytes) ?? [])))
        } catch {
            return .failure(AgentError(.relayUnreachable, "cannot reach the relay at \(url): \(error)"))
        }
    }
}

/// A relay's address, checked: TLS unless the host is loopback.
struct RelayAddress: Sendable {
    let httpURL: String
    let webSocketURL: String
    let usesTLS: Bool

    init(_ text: String) throws(AgentError) {
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { throw AgentError(.invalidArgument, "\(text) is not a relay URL such as https://relay.example.com") }
        switch scheme {
        case "https", "wss":
            usesTLS = true
        case "http", "ws":
            guard Self.isLoopback(host) else {
                throw AgentError(
                    .invalidArgument,
                    "\(text): the relay must be reached over TLS (https://) except on loopback"
                )
            }
            usesTLS = false
        default:
            throw AgentError(.invalidArgument, "\(text): the relay URL starts with https:// (or http:// to loopback)")
        }
        // The WebSocket client sends the host as the TLS server name, which cannot be an IP address.
        if usesTLS, host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) {
            throw AgentError(
                .invalidArgument,
                "\(text): over TLS give the relay's host name (the one in its certificate), not an IP address"
            )
        }
        let authority = url.drop(while: { $0 != ":" }).dropFirst(3)
        httpURL = (usesTLS ? "https://" : "http://") + authority
        webSocketURL = (usesTLS ? "wss://" : "ws://") + authority + BridgeProtocol.agentPath
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// The system's trust roots, or the CA in `caFile` as well.
    static func tlsConfiguration(caFile: String?) throws(AgentError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw AgentError(.invalidArgument, "--ca-file \(caFile) cannot be read")
            }
            configuration.additionalTrustRoots = [.file(caFile)]
        }
        return configuration
    }
}
