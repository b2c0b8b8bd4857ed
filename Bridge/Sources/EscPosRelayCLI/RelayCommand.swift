import ArgumentParser
import EscPosBridgeProtocol
import EscPosRelay
import Foundation
import Logging

@main
struct RelayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escpos-relay",
        abstract: "The print relay: a REST API for backends, and the WebSocket that site agents dial out to.",
        subcommands: [ServeCommand.self, AdminCommand.self]
    )
}

/// `--database sqlite:PATH`, shared by every subcommand.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The database: sqlite:PATH (created if missing).")
    var database: String

    func validate() throws {
        _ = try path()
    }

    func path() throws -> String {
        if database.hasPrefix("sqlite:") {
            let path = String(database.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw ValidationError("--database sqlite:PATH needs a file path") }
            return path
        }
        if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
            throw ValidationError("--database: PostgreSQL is not supported by this version yet; use sqlite:PATH")
        }
        throw ValidationError("--database must be sqlite:PATH (for example sqlite:/var/lib/escpos-relay/relay.sqlite)")
    }

    func open() throws -> SQLiteRelayStore {
        let path = try path()
        do {
            return try SQLiteRelayStore(path: path)
        } catch {
            throw RelayCLIError("cannot open the database \(path): \(error)")
        }
    }
}

struct RelayCLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the relay until SIGTERM or SIGINT."
    )

    @Option(name: .long, help: "HOST:PORT to listen on (port 0 picks a free one).")
    var listen = "127.0.0.1:8080"

    @OptionGroup var database: DatabaseOptions

    @Option(
        name: .customLong("tls-cert"),
        help: "PEM certificate chain; with --tls-key the relay speaks HTTPS and WSS."
    )
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(name: .long, help: "Seconds between heartbeats and pings (a silent peer is dead after 2 × this + 5 s).")
    var heartbeat = 30

    @Option(
        name: .customLong("accept-timeout"),
        help: "Seconds before an offer the agent did not accept is sent again."
    )
    var acceptTimeout = 10

    @Option(name: .customLong("port-file"), help: "Write the port listened on to this file (with port 0, for scripts).")
    var portFile: String?

    @Flag(
        name: .customLong("insecure-http"),
        help: "Allow plain HTTP on an address other than loopback (behind a TLS proxy)."
    )
    var insecureHTTP = false

    func validate() throws {
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together")
        }
        let (host, _) = try address()
        if tlsCertificate == nil, !insecureHTTP, !["127.0.0.1", "::1", "localhost"].contains(host) {
            throw ValidationError(
                "listening on \(host) without TLS: give --tls-cert and --tls-key, or --insecure-http behind a TLS-terminating proxy"
            )
        }
        guard (1...3600).contains(heartbeat) else { throw ValidationError("--heartbeat must be 1–3600 seconds") }
        guard (1...3600).contains(acceptTimeout) else {
            throw ValidationError("--accept-timeout must be 1–3600 seconds")
        }
    }

    func address() throws -> (String, Int) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw ValidationError("--listen takes HOST:PORT, such as 127.0.0.1:8080") }
        var host = String(listen[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }

    func run() async throws {
        let (host, port) = try address()
        let store = try database.open()
        var logger = Logger(label: "escpos-relay")
        logger.logLevel =
            ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let relay = Relay(
            configuration: RelayConfiguration(
                host: host,
                port: port,
                tlsCertificateFile: tlsCertificate,
                tlsKeyFile: tlsKey,
                heartbeat: .seconds(heartbeat),
                acceptTimeout: .seconds(acceptTimeout)
            ),
            store: store,
            logger: logger
        )
        let scheme = tlsCertificate == nil ? "http" : "https"
        let portFile = self.portFile
        try await relay.run { port in
            if let portFile {
                _ = FileManager.default.createFile(atPath: portFile, contents: Data("\(port)\n".utf8))
            }
            FileHandle.standardError.write(Data("escpos-relay listening on \(scheme)://\(host):\(port)\n".utf8))
        }
    }
}

struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Create tenants, sites and API keys, and revoke them (works on the database directly).",
        subcommands: [TenantCommand.self, SiteCommand.self, APIKeyCommand.self]
    )
}

/// Prints a result as words or, with `--json`, as one JSON object.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    func print(_ fields: KeyValuePairs<String, String>, words: String) {
        if json {
            var object: [String: JSONValue] = [:]
            for (key, value) in fields { object[key] = .string(value) }
            Swift.print((try? JSONValue.object(object).jsonText()) ?? "{}")
        } else {
            Swift.print(words)
        }
    }
}

struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant",
        abstract: "Tenants: a customer of the relay, owning sites and API keys.",
        subcommands: [Create.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a tenant and its first API key (shown once).")
        @Argument(help: "The tenant's name.") var name: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard (1...200).contains(name.count) else { throw ValidationError("NAME must be 1–200 characters") }
        }

        func run() async throws {
            let (tenantId, apiKey) = try await database.open().createTenant(name: name)
            output.print(
                ["tenantId": tenantId, "apiKey": apiKey],
                words: "tenant \(tenantId)\napi key \(apiKey)\n(the key is shown only now; keep it secret)"
            )
        }
    }
}

struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Sites: a branch with one agent and its printers.",
        subcommands: [Create.self, Token.self, Revoke.self]
    )

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A new one-time enrollment token for a site's agent (a replaced machine; valid 24 hours)."
        )
        @Argument(help: "The site id.") var site: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            guard BridgeID.isWellFormed(site),
                let token = try await database.open().createEnrollmentToken(siteId: site, lifetime: .seconds(24 * 3600))
            else { throw RelayCLIError("no site \(site) that is not revoked") }
            output.print(
                ["siteId": site, "enrollmentToken": token.token, "expiresAt": token.expiresAt.formatted(.iso8601)],
                words: "enrollment token \(token.token) (one use, until \(token.expiresAt.formatted(.iso8601)))"
            )
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a site and a one-time enrollment token for its agent (valid 24 hours)."
        )
        @Option(name: .long, help: "The tenant id.") var tenant: String
        @Argument(help: "The site's name.") var name: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard BridgeID.isWellFormed(tenant) else { throw ValidationError("--tenant takes a tenant id") }
            guard (1...200).contains(name.count) else { throw ValidationError("NAME must be 1–200 characters") }
        }

        func run() async throws {
            let store = try database.open()
            guard try await store.tenantExists(tenant) else { throw RelayCLIError("no tenant \(tenant)") }
            let site = try await store.createSite(tenantId: tenant, name: name, tokenLifetime: .seconds(24 * 3600))
            output.print(
                [
                    "siteId": site.siteId, "enrollmentToken": site.enrollmentToken,
                    "expiresAt": site.expiresAt.formatted(.iso8601),
                ],
                words: """
                    site \(site.siteId)
                    enrollment token \(site.enrollmentToken) (one use, until \(site.expiresAt.formatted(.iso8601)))
                    on the site: escpos-agent enroll --relay URL --token \(site.enrollmentToken) --state-dir DIR
                    """
            )
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a site: its agent's credential stops working and its session closes within a second."
        )
        @Argument(help: "The site id.") var site: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            guard BridgeID.isWellFormed(site), try await database.open().revokeSite(siteId: site) else {
                throw RelayCLIError("no site \(site) that is not revoked already")
            }
            output.print(["siteId": site, "revoked": "true"], words: "site \(site) revoked")
        }
    }
}

struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey",
        abstract: "API keys: what backends authenticate with (Authorization: Bearer bk_…).",
        subcommands: [Create.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create another API key of a tenant (shown once).")
        @Option(name: .long, help: "The tenant id.") var tenant: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let store = try database.open()
            guard BridgeID.isWellFormed(tenant), try await store.tenantExists(tenant) else {
                throw RelayCLIError("no tenant \(tenant)")
            }
            let (keyId, apiKey) = try await store.createAPIKey(tenantId: tenant)
            output.print(
                ["keyId": keyId, "apiKey": apiKey],
                words: "api key \(apiKey)\nkey id \(keyId) (to revoke it)\n(the key is shown only now; keep it secret)"
            )
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key by its key id.")
        @Argument(help: "The key id.") var keyId: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            guard BridgeID.isWellFormed(keyId), try await database.open().revokeAPIKey(keyId: keyId) else {
                throw RelayCLIError("no unrevoked API key \(keyId)")
            }
            output.print(["keyId": keyId, "revoked": "true"], words: "api key \(keyId) revoked")
        }
    }
}
