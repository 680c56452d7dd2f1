import Foundation
import GRDB

extension AccountStore {
    /// Every account, by name; never a password hash.
    public func accounts() throws -> [Account] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT name, role, disabled, created_at, changed_at FROM account ORDER BY name")
                .map { try self.account($0) }
        }
    }

    /// One account, if it exists.
    public func account(named name: String) throws -> Account? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT name, role, disabled, created_at, changed_at FROM account WHERE name = ?", arguments: [name])
                .map { try self.account($0) }
        }
    }

    /// Adds an account.
    ///
    /// - Parameters:
    ///   - name: checked by ``Account/validate(name:)``.
    ///   - role: what it may do.
    ///   - passwordHash: the bcrypt hash of its password (see ``PasswordHasher``).
    /// - Throws: ``AccountError/invalidName(_:)`` or ``AccountError/alreadyExists(_:)``.
    public func add(name: String, role: Role, passwordHash: String, date: Date = Date()) throws {
        try Account.validate(name: name)
        let time = Self.timestamp(date)
        try write { db in
            guard try !exists(db, name) else { throw AccountError.alreadyExists(name) }
            try db.execute(
                sql: """
                    INSERT INTO account (name, role, password_hash, disabled, created_at, changed_at)
                    VALUES (?, ?, ?, 0, ?, ?)
                    """,
                arguments: [name, role.rawValue, passwordHash, time, time])
        }
    }

    /// Disables an account and ends its sessions.
    ///
    /// - Throws: ``AccountError/noSuchAccount(_:)``.
    public func disable(name: String, date: Date = Date()) throws {
        try write { db in
            guard try exists(db, name) else { throw AccountError.noSuchAccount(name) }
            try db.execute(
                sql: "UPDATE account SET disabled = 1, changed_at = ? WHERE name = ?", arguments: [Self.timestamp(date), name])
            try db.execute(sql: "DELETE FROM session WHERE account = ?", arguments: [name])
        }
    }

    /// Sets a new password hash, enables the account again and ends its sessions.
    ///
    /// - Throws: ``AccountError/noSuchAccount(_:)``.
    public func resetPassword(name: String, passwordHash: String, date: Date = Date()) throws {
        try write { db in
            guard try exists(db, name) else { throw AccountError.noSuchAccount(name) }
            try db.execute(
                sql: "UPDATE account SET password_hash = ?, disabled = 0, changed_at = ? WHERE name = ?",
                arguments: [passwordHash, Self.timestamp(date), name])
            try db.execute(sql: "DELETE FROM session WHERE account = ?", arguments: [name])
        }
    }

    /// The role and password hash of an enabled account, for signing in; `nil` for an unknown or
    /// disabled account.
    func credentials(of name: String) throws -> (role: Role, passwordHash: String)? {
        try read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT role, password_hash FROM account WHERE name = ? AND disabled = 0", arguments: [name]),
                let role = Role(rawValue: row["role"])
            else { return nil }
            return (role, row["password_hash"])
        }
    }

    private func exists(_ db: Database, _ name: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE name = ?)", arguments: [name]) ?? false
    }

    private func account(_ row: Row) throws -> Account {
        guard let role = Role(rawValue: row["role"]) else {
            throw AccountError.notAnAccountsFile(path, reason: "an account with an unknown role")
        }
        return Account(
            name: row["name"], role: role, isDisabled: row["disabled"],
            createdAt: row["created_at"], changedAt: row["changed_at"])
    }
}
