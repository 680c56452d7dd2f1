import Foundation
import GRDB

extension AccountStore {
    /// Starts a session for an account that has just signed in.
    ///
    /// - Returns: the session token (for the cookie; only its hash is stored) and the session.
    func startSession(account: String, role: Role, now: Date = Date()) throws -> (token: String, session: ActiveSession) {
        let token = SessionToken.random(), csrf = SessionToken.random()
        let tokenHash = SessionToken.storedHash(of: token)
        let time = now.timeIntervalSince1970
        try write { db in
            try db.execute(
                sql: "INSERT INTO session (token_hash, account, csrf_token, created_at, last_seen) VALUES (?, ?, ?, ?, ?)",
                arguments: [tokenHash, account, csrf, time, time])
        }
        return (token, ActiveSession(account: account, role: role, csrfToken: csrf, tokenHash: tokenHash))
    }

    /// The live session a token belongs to, or `nil` for an unknown, expired or disabled one.
    ///
    /// An expired session is deleted. The time of last use is written at most once a minute,
    /// so that a busy session does not cost a durable write per request.
    func session(token: String, lifetime: SessionLifetime, now: Date = Date()) throws -> ActiveSession? {
        guard SessionToken.isWellFormed(token) else { return nil }
        let tokenHash = SessionToken.storedHash(of: token)
        let time = now.timeIntervalSince1970
        let found = try read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT s.account, s.csrf_token, s.created_at, s.last_seen, a.role, a.disabled
                    FROM session s JOIN account a ON a.name = s.account WHERE s.token_hash = ?
                    """),
                arguments: [tokenHash])
        }
        guard let found else { return nil }
        let created: Double = found["created_at"], lastSeen: Double = found["last_seen"], disabled: Bool = found["disabled"]
        guard !disabled, time - lastSeen <= lifetime.idle, time - created <= lifetime.absolute,
              let role = Role(rawValue: found["role"])
        else {
            try endSession(tokenHash: tokenHash)
            return nil
        }
        if time - lastSeen > 60 {
            try write { db in
                try db.execute(sql: "UPDATE session SET last_seen = ? WHERE token_hash = ?", arguments: [time, tokenHash])
            }
        }
        return ActiveSession(account: found["account"], role: role, csrfToken: found["csrf_token"], tokenHash: tokenHash)
    }

    /// Ends a session (signing out).
    func endSession(tokenHash: String) throws {
        try write { db in try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    /// Deletes every session that has expired (when the service starts).
    ///
    /// - Parameters:
    ///   - lifetime: the idle and absolute lifetimes.
    ///   - now: the time to judge expiry at.
    /// - Throws: ``AccountError/database(_:detail:)``.
    public func removeExpiredSessions(lifetime: SessionLifetime, now: Date = Date()) throws {
        let time = now.timeIntervalSince1970
        try write { db in
            try db.execute(
                sql: "DELETE FROM session WHERE last_seen < ? OR created_at < ?",
                arguments: [time - lifetime.idle, time - lifetime.absolute])
        }
    }
}
