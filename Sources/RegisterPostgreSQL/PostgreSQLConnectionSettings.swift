import EnrolmentRegister
import Foundation
import PostgresNIO

/// How to reach a PostgreSQL register, read from its connection URL:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|require]`.
///
/// The password may also come from the environment variable `PGPASSWORD`, which keeps it out of
/// the command line. TLS: `sslmode=require` demands an encrypted connection with a verified
/// certificate; `sslmode=disable` never encrypts. Without `sslmode`, connections to a loopback
/// address (`127.0.0.1`, `::1`, `localhost`) are not encrypted and all others require TLS.
public struct PostgreSQLConnectionSettings: Sendable {
    /// The URL without its password: what messages and logs show.
    public let location: String
    let configuration: PostgresClient.Configuration
    let connectionConfiguration: PostgresConnection.Configuration

    /// The environment variable that may hold the password: `PGPASSWORD`.
    public static let passwordVariable = "PGPASSWORD"

    /// Reads a connection URL.
    ///
    /// - Parameters:
    ///   - url: a `postgres://` or `postgresql://` URL naming a host and a database.
    ///   - environment: the process environment, for `PGPASSWORD`.
    /// - Throws: ``RegisterError/malformedURL(_:reason:)`` for a URL without a user or database
    ///   name, or with an unknown `sslmode`; the message never contains the password.
    public init(url: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let location = RegisterLocation.redacting(url.absoluteString)
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
              let host = components.host, !host.isEmpty
        else { throw RegisterError.malformedURL(location, reason: "no host") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw RegisterError.malformedURL(location, reason: "no database name") }
        guard let user = components.user, !user.isEmpty else {
            throw RegisterError.malformedURL(location, reason: "no user name, as in postgres://USER@\(host)/\(database)")
        }
        let password = components.password ?? environment[Self.passwordVariable]
        let port = components.port ?? 5432
        // A host in brackets is an IPv6 literal.
        let hostName = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(hostName)
        let encrypt: Bool
        switch sslMode {
        case nil: encrypt = !loopback
        case "disable": encrypt = false
        case "require", "verify-full": encrypt = true
        case let other?:
            throw RegisterError.malformedURL(location, reason: "sslmode '\(other)' is not one of disable, require, verify-full")
        }
        var client = PostgresClient.Configuration(
            host: hostName, port: port, username: user, password: password, database: database,
            tls: encrypt ? .require(.makeClientConfiguration()) : .disable)
        client.options.connectTimeout = .seconds(10)
        client.options.maximumConnections = 8
        // Every commit waits for its WAL record to reach disk, whatever the server's default.
        client.options.additionalStartupParameters = [("synchronous_commit", "on")]
        var connection = PostgresConnection.Configuration(
            host: hostName, port: port, username: user, password: password, database: database,
            tls: encrypt ? .require(try Self.tlsContext(location)) : .disable)
        connection.options.connectTimeout = .seconds(10)
        self.location = location
        self.configuration = client
        self.connectionConfiguration = connection
    }

    private static func tlsContext(_ location: String) throws -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: .makeClientConfiguration())
        } catch {
            throw RegisterError.database(location, detail: "cannot set up TLS: \(error)")
        }
    }
}
