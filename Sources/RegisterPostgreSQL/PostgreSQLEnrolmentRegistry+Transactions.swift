import EnrolmentRegister
import PostgresNIO

extension PostgreSQLEnrolmentRegistry {
    /// How often a change is retried after PostgreSQL aborts it to keep transactions
    /// serialisable (SQLSTATE 40001, 40P01); the lock makes this rare.
    static let serialisationRetries = 5

    /// Runs a change in one `SERIALIZABLE` transaction that first takes the register's lock: an
    /// `EXCLUSIVE` lock on `audit_seal`, which every change takes and plain reads do not. Taken
    /// before any query, the lock precedes the transaction's snapshot, so the snapshot holds
    /// every change committed before it. All of `body` is committed, or none.
    ///
    /// - Throws: `body`'s errors, or ``RegisterError/database(_:detail:)`` naming the URL
    ///   without its password.
    func change<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try checkOpen()
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await client.withConnection { connection in
                    try await Self.transaction(
                        connection, begin: "BEGIN ISOLATION LEVEL SERIALIZABLE", logger: logger
                    ) { connection in
                        try await connection.query("LOCK TABLE audit_seal IN EXCLUSIVE MODE", logger: logger)
                        return try await body(connection)
                    }
                }
            } catch let error as PSQLError where Self.isSerialisationFailure(error) && attempt < Self.serialisationRetries {
                continue
            } catch {
                throw Self.registerError(error, location: location)
            }
        }
    }

    /// Runs reads in one `REPEATABLE READ READ ONLY` transaction: one consistent snapshot.
    func read<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try checkOpen()
        do {
            return try await client.withConnection { connection in
                try await Self.transaction(
                    connection, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger, body)
            }
        } catch {
            throw Self.registerError(error, location: location)
        }
    }

    /// `begin`, `body`, then `COMMIT`; `ROLLBACK` if anything fails.
    static func transaction<T: Sendable>(
        _ connection: PostgresConnection, begin: PostgresQuery, logger: Logger,
        _ body: @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await connection.query(begin, logger: logger)
        do {
            let result = try await body(connection)
            try await connection.query("COMMIT", logger: logger)
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Opens one connection for `body` and closes it afterwards: used before the pool exists, so
    /// that a wrong host, port, password or database is reported at once.
    static func withSingleConnection<T: Sendable>(
        _ settings: PostgreSQLConnectionSettings, logger: Logger,
        _ body: @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: settings.connectionConfiguration, id: 1, logger: logger)
        } catch {
            throw registerError(error, location: settings.location)
        }
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw registerError(error, location: settings.location)
        }
    }

    private static func isSerialisationFailure(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }
}
