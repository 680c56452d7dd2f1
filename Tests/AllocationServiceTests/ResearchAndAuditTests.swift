import AllocationService
import EnrolmentRegister
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Dashboard, export and audit")
struct ResearchAndAuditTests {
    /// Enrols people through the API as `enroller1`; returns the identifiers.
    static func enrol(_ count: Int, _ client: any TestClientProtocol, prefix: String = "WM-SECRET-") async throws -> [String] {
        let api = try await client.signInAPI("enroller1")
        var identifiers: [String] = []
        for index in 0..<count {
            let identifier = "\(prefix)\(index)"
            let fields = ServiceHarness.eligibleFields(
                risk: ["low", "medium", "high"][index % 3], area: ["central", "north"][index % 2])
            let answer = try await client.sendJSON("/api/enrolments", ["identifier": identifier, "fields": fields], as: api)
            guard answer.status == .created else { throw SignInFailure(status: answer.status.code) }
            identifiers.append(identifier)
        }
        return identifiers
    }

    @Test("A researcher never sees an identifier: not on the dashboard, in the export or through the API")
    func researcherSeesNoIdentifiers() async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            let identifiers = try await Self.enrol(12, client)
            let researcher = try await client.signInWeb("researcher1")
            let pages = [
                try await client.get("/dashboard", as: researcher), try await client.get("/export.csv", as: researcher),
                try await client.get("/api/dashboard", as: researcher), try await client.get("/api/export", as: researcher),
            ]
            for page in pages {
                #expect(page.status == .ok)
                for identifier in identifiers { #expect(!page.text.contains(identifier)) }
            }
            let export = pages[1].text.split(separator: "\n")
            #expect(export.first?.hasPrefix("id,arm,stratum,block,") == true)
            #expect(export.count == 13)
            let pseudonym = harness.operations.register.registry.pseudonym(of: identifiers[0])
            #expect(pages[1].text.contains(pseudonym))
            #expect(try await client.postForm("/look-up", ["identifier": identifiers[0]], as: researcher).status == .forbidden)
        }
    }

    @Test("Before anyone is enrolled every arm is empty and there are no strata")
    func emptyDashboard() async throws {
        try await ServiceHarness().test { client in
            let auditor = try await client.signInAPI("auditor1")
            let dashboard = try await client.get("/api/dashboard", as: auditor).json
            let byArm = try #require(dashboard["by_arm"] as? [String: Any])
            #expect(byArm["rows"] as? [String] == ["control", "police", "partner", "social_media"])
            #expect((byArm["cells"] as? [[String]])?.flatMap { $0 } == ["0", "0", "0", "0"])
            #expect(dashboard["by_stratum"] == nil)
            let page = try await client.get("/dashboard", as: try await client.signInWeb("researcher1"))
            #expect(page.status == .ok)
            #expect(!page.text.contains("by stratum"))
        }
    }

    @Test("Researchers see disclosure-controlled counts; auditors see the true counts")
    func disclosureControl() async throws {
        try await ServiceHarness().test { client in
            _ = try await Self.enrol(7, client)
            let researcher = try await client.signInAPI("researcher1")
            let protected = try await client.get("/api/dashboard", as: researcher).json
            let byArm = try #require(protected["by_arm"] as? [String: Any])
            let cells = try #require(byArm["cells"] as? [[String]]).flatMap { $0 }
            #expect(cells.allSatisfy { $0 == "[c]" || Int($0).map { $0 == 0 || $0 % 5 == 0 } == true })
            #expect(cells.contains("[c]"))
            #expect((byArm["disclosure_control"] as? String)?.contains("suppressed") == true)

            let auditor = try await client.signInAPI("auditor1")
            let truth = try await client.get("/api/dashboard", as: auditor).json
            let trueCells = try #require((truth["by_arm"] as? [String: Any])?["cells"] as? [[String]]).flatMap { $0 }
            #expect(trueCells.compactMap { Int($0) }.reduce(0, +) == 7)
            let byStratum = try #require(truth["by_stratum"] as? [String: Any])
            #expect((byStratum["rows"] as? [String])?.count == 6)
        }
    }

    @Test("Every action is an audit entry with the account, and verification through the service is clean")
    func auditTrail() async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            _ = try await Self.enrol(3, client)
            let researcher = try await client.signInAPI("researcher1")
            _ = try await client.get("/api/dashboard", as: researcher)
            _ = try await client.get("/api/export", as: researcher)
            _ = try await client.sendJSON("/api/session", method: .delete, as: researcher)
            let auditor = try await client.signInWeb("auditor1")
            let page = try await client.postForm("/audit", [:], as: auditor)
            #expect(page.text.contains("id=\"audit-intact\""))
            let api = try await client.sendJSON("/api/audit/verification", as: auditor)
            #expect(api.json["intact"] as? Bool == true)
            #expect(api.json["allocations_recomputed"] as? Int == 3)

            let verification = try await harness.operations.register.registry.verifyAudit(study: harness.operations.register.study)
            #expect(verification.isIntact)
            #expect(verification.eventCounts[.signIn] == 3)
            #expect(verification.eventCounts[.signOut] == 1)
            #expect(verification.eventCounts[.dashboardView] == 1)
            #expect(verification.eventCounts[.export] == 1)
            #expect(verification.eventCounts[.auditVerification] == 2)
            let actors = try AuditTrailReader.actors(ofRegister: harness.registerPath)
            #expect(actors["enrol"] == ["enroller1"])
            #expect(actors["export"] == ["researcher1"])
            #expect(actors["verify"] == ["auditor1"])
            #expect(actors["sign-in"] == ["auditor1", "enroller1", "researcher1"])
        }
    }

    @Test("Sign-in failures are rate limited per account and per address, and each is audited")
    func rateLimit() async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            for _ in 0..<5 {
                await #expect(throws: SignInFailure.self) { try await client.signInAPI("enroller1", password: "wrong password!") }
            }
            let body = try JSONSerialization.data(withJSONObject: ["name": "enroller1", "password": ServiceHarness.password])
            let refused = try await client.execute(
                uri: "/api/session", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body))
            #expect(refused.status == .tooManyRequests)
            // The address is now refused too, whatever the account (the router tests share one address).
            let other = try await client.execute(
                uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["name": "researcher1", "password": ServiceHarness.password])))
            #expect(other.status == .tooManyRequests)
            let form = try await client.execute(uri: "/sign-in", method: .get)
            #expect(form.status == .ok)
            let verification = try await harness.operations.register.registry.verifyAudit(study: nil)
            #expect(verification.eventCounts[.failedSignIn] == 7)
            #expect(verification.eventCounts[.signIn] == nil)
        }
    }

    @Test("Administrators manage accounts through the pages; a new account can sign in; no one disables themselves")
    func accountsThroughTheWeb() async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            let admin = try await client.signInWeb("admin1")
            let added = try await client.postForm(
                "/accounts/add", ["name": "officer.two", "role": "enroller", "password": "a long enough password"], as: admin)
            #expect(added.status == .ok)
            #expect(added.text.contains("officer.two"))
            _ = try await client.signInAPI("officer.two", password: "a long enough password")
            let short = try await client.postForm("/accounts/add", ["name": "x", "role": "enroller", "password": "short"], as: admin)
            #expect(short.status == .unprocessableContent)
            let badRole = try await client.postForm(
                "/accounts/add", ["name": "y", "role": "superuser", "password": "a long enough password"], as: admin)
            #expect(badRole.status == .unprocessableContent)
            let duplicate = try await client.postForm(
                "/accounts/add", ["name": "officer.two", "role": "enroller", "password": "a long enough password"], as: admin)
            #expect(duplicate.status == .unprocessableContent)
            #expect(try await client.postForm("/accounts/disable", ["name": "admin1"], as: admin).status == .unprocessableContent)
            #expect(try await client.postForm("/accounts/disable", ["name": "officer.two"], as: admin).status == .ok)
            await #expect(throws: SignInFailure.self) { try await client.signInAPI("officer.two", password: "a long enough password") }
            let reset = try await client.postForm(
                "/accounts/reset", ["name": "officer.two", "password": "a brand new password"], as: admin)
            #expect(reset.status == .ok)
            _ = try await client.signInAPI("officer.two", password: "a brand new password")
            let listing = try await client.get("/api/accounts", as: try await client.signInAPI("admin1"))
            #expect(!listing.text.contains("$2b$"))
        }
    }
}
