import AllocationService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A route of the service and the permission it needs.
struct ServiceRoute: Sendable, CustomStringConvertible {
    var method: HTTPRequest.Method
    var path: String
    var permission: Permission?

    var isAPI: Bool { path.hasPrefix("/api/") }
    var description: String { "\(method) \(path)" }

    static let all: [ServiceRoute] = [
        .init(method: .get, path: "/enrol", permission: .enrol),
        .init(method: .post, path: "/enrol", permission: .enrol),
        .init(method: .get, path: "/look-up", permission: .lookUp),
        .init(method: .post, path: "/look-up", permission: .lookUp),
        .init(method: .get, path: "/dashboard", permission: .viewDashboard),
        .init(method: .get, path: "/export.csv", permission: .export),
        .init(method: .get, path: "/audit", permission: .verifyAudit),
        .init(method: .post, path: "/audit", permission: .verifyAudit),
        .init(method: .get, path: "/accounts", permission: .manageAccounts),
        .init(method: .post, path: "/accounts/add", permission: .manageAccounts),
        .init(method: .post, path: "/accounts/disable", permission: .manageAccounts),
        .init(method: .post, path: "/accounts/reset", permission: .manageAccounts),
        .init(method: .get, path: "/api/study", permission: .enrol),
        .init(method: .post, path: "/api/enrolments", permission: .enrol),
        .init(method: .post, path: "/api/look-up", permission: .lookUp),
        .init(method: .get, path: "/api/dashboard", permission: .viewDashboard),
        .init(method: .get, path: "/api/export", permission: .export),
        .init(method: .post, path: "/api/audit/verification", permission: .verifyAudit),
        .init(method: .get, path: "/api/accounts", permission: .manageAccounts),
        .init(method: .post, path: "/api/accounts", permission: .manageAccounts),
        .init(method: .post, path: "/api/accounts/disable", permission: .manageAccounts),
        .init(method: .post, path: "/api/accounts/reset", permission: .manageAccounts),
        .init(method: .get, path: "/api/session", permission: nil),
        .init(method: .delete, path: "/api/session", permission: nil),
        .init(method: .post, path: "/sign-out", permission: nil),
    ]

    /// Sends the route's request: forms and JSON carry the session's CSRF token.
    func send(_ client: any TestClientProtocol, as session: ClientSession?) async throws -> TestResponse {
        switch (method, isAPI) {
        case (.get, _): try await client.get(path, as: session)
        case (_, true): try await client.sendJSON(path, method: method, ["identifier": "X-1"], as: session)
        default: try await client.postForm(path, ["identifier": "X-1"], as: session)
        }
    }
}

@Suite("Sessions and access")
struct SessionSecurityTests {
    @Test("Every route without a session is refused", arguments: ServiceRoute.all)
    func withoutSession(route: ServiceRoute) async throws {
        try await ServiceHarness().test { client in
            for session in [nil, ClientSession.forged] {
                let response = try await route.send(client, as: session)
                if route.isAPI {
                    #expect(response.status == .unauthorized, "\(route)")
                } else {
                    #expect(response.status == .seeOther, "\(route)")
                    #expect(response.headers[.location] == "/sign-in", "\(route)")
                }
            }
        }
    }

    @Test("Every role is refused what it may not do", arguments: Role.allCases)
    func refusedByRole(role: Role) async throws {
        try await ServiceHarness().test { client in
            let name = ServiceHarness.roles.first { $0.role == role }!.name
            let session = try await client.signInAPI(name)
            for route in ServiceRoute.all {
                guard let permission = route.permission, !role.permissions.contains(permission) else { continue }
                let response = try await route.send(client, as: session)
                #expect(response.status == .forbidden, "\(role) \(route)")
            }
        }
    }

    @Test("A replayed session after signing out is refused, through the pages and the API")
    func replayAfterSignOut() async throws {
        try await ServiceHarness().test { client in
            let web = try await client.signInWeb("enroller1")
            #expect(try await client.get("/enrol", as: web).status == .ok)
            let signOut = try await client.postForm("/sign-out", [:], as: web)
            #expect(signOut.status == .seeOther)
            #expect(signOut.setCookie(named: "prevent_session")?.contains("Max-Age=0") == true)
            #expect(try await client.get("/enrol", as: web).headers[.location] == "/sign-in")

            let api = try await client.signInAPI("enroller1")
            #expect(try await client.sendJSON("/api/session", method: .delete, as: api).status == .ok)
            #expect(try await client.get("/api/study", as: api).status == .unauthorized)
        }
    }

    @Test("A forged or malformed session token is refused")
    func forgedToken() async throws {
        try await ServiceHarness().test { client in
            _ = try await client.signInAPI("enroller1")
            for cookie in [String(repeating: "0", count: 64), "not-a-token", "' OR 1=1 --", String(repeating: "f", count: 4096)] {
                let response = try await client.execute(uri: "/api/study", method: .get, headers: [.cookie: "prevent_session=\(cookie)"])
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("A form or API request without its CSRF token is refused")
    func missingToken() async throws {
        try await ServiceHarness().test { client in
            let session = try await client.signInWeb("enroller1")
            let fields = ServiceHarness.eligibleFields().reduce(into: ["identifier": "P-1"]) { $0["field." + $1.key] = $1.value }
            #expect(try await client.postForm("/enrol", fields, as: session, token: false).status == .forbidden)
            var wrong = fields
            wrong["csrf_token"] = String(repeating: "0", count: 64)
            #expect(try await client.postForm("/enrol", wrong, as: session, token: false).status == .forbidden)
            #expect(try await client.sendJSON("/api/enrolments", ["identifier": "P-1"], as: session, token: false).status == .forbidden)
            // The sign-in form needs its token and the paired cookie.
            let signIn = try await client.execute(
                uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "name=enroller1&password=x"))
            #expect(signIn.status == .forbidden)
            // The JSON sign-in is refused unless it is JSON.
            let form = try await client.execute(
                uri: "/api/session", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "name=enroller1&password=\(ServiceHarness.password)"))
            #expect(form.status == .forbidden)
            // Nothing was enrolled.
            let lookUp = try await client.postForm("/look-up", ["identifier": "P-1"], as: session)
            #expect(lookUp.text.contains("not-enrolled"))
        }
    }

    @Test("Session cookies are HttpOnly, SameSite=Strict, Path=/ and Secure when configured", arguments: [true, false])
    func cookieFlags(secure: Bool) async throws {
        try await ServiceHarness(configuration: ServiceConfiguration(secureCookies: secure, passwordCost: 4)).test { client in
            let body = try JSONSerialization.data(withJSONObject: ["name": "enroller1", "password": ServiceHarness.password])
            let response = try await client.execute(
                uri: "/api/session", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body))
            let cookie = try #require(response.setCookie(named: "prevent_session"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Path=/"))
            #expect(cookie.contains("Secure") == secure)
        }
    }

    @Test("Security headers are on pages, errors and API answers")
    func securityHeaders() async throws {
        try await ServiceHarness().test { client in
            let session = try await client.signInAPI("enroller1")
            for response in [
                try await client.get("/sign-in", as: nil), try await client.get("/no-such-page", as: nil),
                try await client.get("/api/study", as: session), try await client.get("/dashboard", as: session),
            ] {
                #expect(response.headers[.contentSecurityPolicy]?.hasPrefix(
                    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'") == true)
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test("A disabled account's sessions end at once, and a reset password ends them too")
    func disablingEndsSessions() async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            let enroller = try await client.signInAPI("enroller1")
            try harness.accounts.disable(name: "enroller1")
            #expect(try await client.get("/api/study", as: enroller).status == .unauthorized)
            await #expect(throws: SignInFailure.self) { try await client.signInAPI("enroller1") }

            let researcher = try await client.signInAPI("researcher1")
            try harness.accounts.resetPassword(name: "researcher1", passwordHash: PasswordHasher(cost: 4).hashBlocking("another long password"))
            #expect(try await client.get("/api/dashboard", as: researcher).status == .unauthorized)
            _ = try await client.signInAPI("researcher1", password: "another long password")
        }
    }
}
