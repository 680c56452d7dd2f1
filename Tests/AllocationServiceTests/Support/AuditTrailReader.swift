import Foundation
import GRDB

/// Reads the accounts recorded in a register's audit entries, for the tests.
enum AuditTrailReader {
    /// The distinct `actor` of each event's entries, sorted.
    static func actors(ofRegister path: String) throws -> [String: [String]] {
        let queue = try DatabaseQueue(path: path)
        let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT event, content FROM audit") }
        var actors: [String: Set<String>] = [:]
        for row in rows {
            let content: String = row["content"], event: String = row["event"]
            let object = try JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: Any]
            if let actor = object?["actor"] as? String { actors[event, default: []].insert(actor) }
        }
        return actors.mapValues { $0.sorted() }
    }
}
