import AllocationService
import EnrolmentRegister
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Injection")
struct InjectionTests {
    static let payloads = [
        "<script>alert(1)</script>", "'; DROP TABLE enrolment; --", "\" OR \"1\"=\"1", "<img src=x onerror=alert(1)>",
        "Robert'); DELETE FROM account; --",
    ]

    @Test("SQL and HTML in every enrolment field are stored and shown escaped, with no SQL error", arguments: payloads)
    func enrolmentFields(payload: String) async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            let web = try await client.signInWeb("enroller1")
            // As an identifier: enrolled under its pseudonym, found again by it.
            let fields = ServiceHarness.eligibleFields().reduce(into: ["identifier": payload]) { $0["field." + $1.key] = $1.value }
            let page = try await client.postForm("/enrol", fields, as: web)
            #expect(page.status == .ok)
            #expect(page.text.contains("allocated-arm"))
            #expect(!page.text.contains(payload))
            let lookUp = try await client.postForm("/look-up", ["identifier": payload], as: web)
            #expect(lookUp.text.contains("Enrolled on"))
            // In a categorical field: refused, the value shown escaped.
            var bad = fields
            bad["identifier"] = "WM-0100"
            bad["field.area"] = payload
            let refused = try await client.postForm("/enrol", bad, as: web)
            #expect(refused.status == .unprocessableContent)
            #expect(!refused.text.contains(payload))
            #expect(refused.text.contains(HTML.escape(payload)))
            // In a field name.
            let unknown = try await client.sendJSON(
                "/api/enrolments", ["identifier": "WM-0101", "fields": [payload: "1"]], as: try await client.signInAPI("enroller1"))
            #expect(unknown.status == .unprocessableContent)
            // The register and the accounts are intact.
            #expect(try await harness.operations.register.registry.enrolmentCount() == 1)
            #expect(try harness.accounts.accounts().count == ServiceHarness.roles.count)
            #expect(try await harness.operations.register.registry.verifyAudit(study: harness.operations.register.study).isIntact)
        }
    }

    @Test("SQL and HTML in sign-in and account fields are harmless", arguments: payloads)
    func accountFields(payload: String) async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            await #expect(throws: SignInFailure.self) { try await client.signInAPI(payload, password: payload) }
            let form = try await client.execute(uri: "/sign-in", method: .get)
            let token = try #require(form.text.firstMatch(of: /name="form_token" value="([0-9a-f]{64})"/)?.1)
            let paired = try #require(form.cookie(named: "prevent_sign_in"))
            let page = try await client.execute(
                uri: "/sign-in", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "prevent_sign_in=\(paired)"],
                body: ByteBuffer(string: FormEncoding.encode(["form_token": String(token), "name": payload, "password": payload])))
            #expect(page.status == .unauthorized)
            #expect(!page.text.contains(payload))

            let admin = try await client.signInWeb("admin1")
            let add = try await client.postForm(
                "/accounts/add", ["name": payload, "role": "enroller", "password": "a long enough password"], as: admin)
            #expect(add.status == .unprocessableContent)
            #expect(!add.text.contains(payload))
            let reset = try await client.postForm("/accounts/reset", ["name": payload, "password": "a long enough password"], as: admin)
            #expect(reset.status == .unprocessableContent)
            #expect(try harness.accounts.accounts().count == ServiceHarness.roles.count)
            #expect(try await harness.operations.register.registry.verifyAudit(study: nil).isIntact)
        }
    }

    @Test("HTML escaping covers the five special characters")
    func escaping() {
        #expect(HTML.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        let text = "<b>"
        let fragment: HTML = "<td>\(text)</td>"
        #expect(fragment.text == "<td>&lt;b&gt;</td>")
    }
}
