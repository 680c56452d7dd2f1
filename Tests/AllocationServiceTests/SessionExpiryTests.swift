@testable import AllocationService
import Foundation
import GRDB
import Testing

@Suite("Session expiry")
struct SessionExpiryTests {
    @Test("A session ends after its idle time, and after its absolute lifetime however busy")
    func expiry() throws {
        let harness = try ServiceHarness()
        defer { try? FileManager.default.removeItem(atPath: harness.folder) }
        let lifetime = SessionLifetime(idle: 100, absolute: 250)
        let start = Date(timeIntervalSince1970: 1_800_000_000)

        let (idleToken, _) = try harness.accounts.startSession(account: "enroller1", role: .enroller, now: start)
        #expect(try harness.accounts.session(token: idleToken, lifetime: lifetime, now: start + 99) != nil)
        #expect(try harness.accounts.session(token: idleToken, lifetime: lifetime, now: start + 99 + 101) == nil)
        // Ended for good: it is deleted, not merely refused.
        #expect(try harness.accounts.session(token: idleToken, lifetime: lifetime, now: start + 99) == nil)

        let (busyToken, _) = try harness.accounts.startSession(account: "enroller1", role: .enroller, now: start)
        for offset in stride(from: 90.0, through: 240, by: 75) {
            #expect(try harness.accounts.session(token: busyToken, lifetime: lifetime, now: start + offset) != nil)
        }
        #expect(try harness.accounts.session(token: busyToken, lifetime: lifetime, now: start + 251) == nil)
    }

    @Test("Expired sessions are removed when the service starts")
    func removal() throws {
        let harness = try ServiceHarness()
        defer { try? FileManager.default.removeItem(atPath: harness.folder) }
        let lifetime = SessionLifetime(idle: 100, absolute: 250)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let (old, _) = try harness.accounts.startSession(account: "enroller1", role: .enroller, now: start)
        let (fresh, _) = try harness.accounts.startSession(account: "auditor1", role: .auditor, now: start + 150)
        try harness.accounts.removeExpiredSessions(lifetime: lifetime, now: start + 200)
        let stored = try harness.accounts.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM session") }
        #expect(stored == 1)
        #expect(try harness.accounts.session(token: fresh, lifetime: lifetime, now: start + 200) != nil)
        #expect(try harness.accounts.session(token: old, lifetime: lifetime, now: start + 200) == nil)
    }
}
