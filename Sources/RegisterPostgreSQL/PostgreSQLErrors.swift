import EnrolmentRegister
import PostgresNIO

extension PostgreSQLEnrolmentRegistry {
    /// A PostgreSQL or connection failure as a ``RegisterError`` naming the register by its URL
    /// without the password; the register's own errors pass through unchanged.
    ///
    /// PostgresNIO's own descriptions are deliberately vague, so the detail is built from the
    /// server's message and SQLSTATE, or from the connection failure underneath.
    static func registerError(_ error: any Error, location: String) -> any Error {
        guard let error = error as? PSQLError else { return error }
        if let server = error.serverInfo {
            let message = server[.message] ?? "the server refused the request"
            let state = server[.sqlState] ?? ""
            switch state {
            case "28P01", "28000":
                return RegisterError.database(location, detail: "authentication failed: \(message)")
            case "3D000":
                return RegisterError.database(location, detail: "no such database: \(message)")
            case "42501":
                return RegisterError.database(location, detail: "permission denied: \(message)")
            default:
                return RegisterError.database(location, detail: state.isEmpty ? message : "\(message) (SQLSTATE \(state))")
            }
        }
        switch error.code {
        case .connectionError:
            return RegisterError.database(location, detail: "cannot connect to the server: \(connectionFailure(error.underlying))")
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return RegisterError.database(location, detail: "the connection to the server was closed")
        case .sslUnsupported:
            return RegisterError.database(
                location, detail: "the server does not offer TLS; add ?sslmode=disable to the URL only on a trusted network")
        case .authMechanismRequiresPassword:
            return RegisterError.database(
                location, detail: "the server asks for a password; give it in the URL or in \(PostgreSQLConnectionSettings.passwordVariable)")
        case .poolClosed:
            return RegisterError.closed(location)
        default:
            return RegisterError.database(location, detail: "PostgreSQL client error: \(error.code)")
        }
    }

    /// The reason a connection failed, in words, from SwiftNIO's error underneath.
    private static func connectionFailure(_ underlying: (any Error)?) -> String {
        guard let underlying else { return "no further detail" }
        let text = String(describing: underlying)
        if text.contains("Connection refused") {
            return "connection refused (is PostgreSQL running and listening on that host and port?)"
        }
        if text.contains("UnknownHost") { return "unknown host name" }
        if text.contains("timed out") || text.contains("timeout") { return "the connection timed out" }
        return text
    }
}
