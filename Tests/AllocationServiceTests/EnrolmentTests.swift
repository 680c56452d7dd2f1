import AllocationService
import EnrolmentRegister
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Enrolment through the service")
struct EnrolmentTests {
    static func formFields(_ identifier: String, _ fields: [String: String]) -> [String: String] {
        fields.reduce(into: ["identifier": identifier]) { $0["field." + $1.key] = $1.value }
    }

    @Test("An eligible person is allocated once, through the form and through the API")
    func eligible() async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            let web = try await client.signInWeb("enroller1")
            let page = try await client.postForm("/enrol", Self.formFields("WM-0001", ServiceHarness.eligibleFields()), as: web)
            #expect(page.status == .ok)
            let arm = try #require(page.text.firstMatch(of: /id="allocated-arm">([a-z_]+)</)?.1)
            #expect(harness.operations.register.arms.contains(String(arm)))
            // The entries before it: the register's creation and the sign-in.
            #expect(page.text.contains("id=\"audit-reference\">3-"))

            let api = try await client.signInAPI("enroller1")
            let answer = try await client.sendJSON(
                "/api/enrolments", ["identifier": "WM-0002", "fields": ServiceHarness.eligibleFields(risk: "low")], as: api)
            #expect(answer.status == .created)
            #expect(answer.json["status"] as? String == "allocated")
            #expect(harness.operations.register.arms.contains(answer.json["arm"] as? String ?? ""))
            #expect(answer.json["enrolment"] as? Int == 2)
        }
    }

    @Test("An ineligible person is recorded with the rules failed and not allocated", arguments: [
        (["age": "30"], "age between 10 and 25"), (["consent": "no"], "consent is yes"),
    ])
    func ineligible(change: [String: String], rule: String) async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            let fields = ServiceHarness.eligibleFields().merging(change) { $1 }
            let web = try await client.signInWeb("enroller1")
            let page = try await client.postForm("/enrol", Self.formFields("WM-0003", fields), as: web)
            #expect(page.text.contains("id=\"not-eligible\""))
            #expect(page.text.contains(rule))
            #expect(!page.text.contains("allocated-arm"))

            let api = try await client.signInAPI("enroller1")
            let answer = try await client.sendJSON("/api/enrolments", ["identifier": "WM-0004", "fields": fields], as: api)
            #expect(answer.status == .ok)
            #expect(answer.json["status"] as? String == "ineligible")
            #expect(answer.json["arm"] == nil)
            #expect(try await harness.operations.register.registry.enrolmentCount() == 0)
        }
    }

    @Test("A repeat enrolment says the person is enrolled without the arm; an enroller's look-up shows it and is audited")
    func repeatEnrolment() async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            let api = try await client.signInAPI("enroller1")
            let first = try await client.sendJSON(
                "/api/enrolments", ["identifier": "WM-0005", "fields": ServiceHarness.eligibleFields()], as: api)
            let arm = try #require(first.json["arm"] as? String)
            let again = try await client.sendJSON(
                "/api/enrolments", ["identifier": " WM-0005 ", "fields": ServiceHarness.eligibleFields(age: "16")], as: api)
            #expect(again.status == .ok)
            #expect(again.json["status"] as? String == "already_enrolled")
            #expect(again.json["arm"] == nil)
            #expect(!again.text.contains(arm))

            let web = try await client.signInWeb("enroller1")
            let repeatPage = try await client.postForm("/enrol", Self.formFields("WM-0005", ServiceHarness.eligibleFields()), as: web)
            #expect(repeatPage.text.contains("already-enrolled"))
            #expect(!repeatPage.text.contains("allocated-arm"))

            let lookUp = try await client.sendJSON("/api/look-up", ["identifier": "WM-0005"], as: api)
            #expect(lookUp.json["arm"] as? String == arm)
            let missing = try await client.sendJSON("/api/look-up", ["identifier": "WM-9999"], as: api)
            #expect(missing.json["enrolled"] as? Bool == false)
            let lookUpPage = try await client.postForm("/look-up", ["identifier": "WM-0005"], as: web)
            #expect(lookUpPage.text.contains(">\(arm)<"))

            let verification = try await harness.operations.register.registry.verifyAudit(study: harness.operations.register.study)
            #expect(verification.isIntact)
            #expect(verification.eventCounts[.lookup] == 3)
            #expect(verification.eventCounts[.repeatEnrolment] == 2)
            #expect(verification.enrolmentCount == 1)
        }
    }

    @Test("Fields the user can correct are refused with a message naming the field, and nothing is written", arguments: [
        (["age": "abc"], "age"), (["age": "NaN"], "age"), (["age": "inf"], "age"), (["risk_band": "extreme"], "risk_band"),
        (["area": ""], "area"), (["shoe_size": "9"], "shoe_size"),
    ])
    func invalidFields(change: [String: String], field: String) async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            var fields = ServiceHarness.eligibleFields().merging(change) { $1 }
            fields = fields.filter { !$0.value.isEmpty }
            if change.values.contains("") { fields[change.keys.first!] = "" }
            let api = try await client.signInAPI("enroller1")
            let answer = try await client.sendJSON("/api/enrolments", ["identifier": "WM-0006", "fields": fields], as: api)
            #expect(answer.status == .unprocessableContent)
            #expect((answer.json["error"] as? String)?.contains(field) == true)

            let web = try await client.signInWeb("enroller1")
            let page = try await client.postForm("/enrol", Self.formFields("WM-0006", fields), as: web)
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("class=\"problem\""))
            #expect(try await harness.operations.register.registry.enrolmentCount() == 0)
        }
    }

    @Test("An empty, over-long or control-character identifier is refused", arguments: ["", "   ", String(repeating: "x", count: 201), "A\u{0}B"])
    func badIdentifier(identifier: String) async throws {
        try await ServiceHarness().test { client in
            let api = try await client.signInAPI("enroller1")
            let answer = try await client.sendJSON(
                "/api/enrolments", ["identifier": identifier, "fields": ServiceHarness.eligibleFields()], as: api)
            #expect(answer.status == .unprocessableContent)
            #expect(try await client.sendJSON("/api/look-up", ["identifier": identifier], as: api).status == .unprocessableContent)
        }
    }

    @Test("A body that is not the JSON the route reads is refused without detail")
    func malformedJSON() async throws {
        try await ServiceHarness().test { client in
            let api = try await client.signInAPI("enroller1")
            let answer = try await client.execute(
                uri: "/api/enrolments", method: .post,
                headers: [.contentType: "application/json", .cookie: "prevent_session=\(api.cookie)",
                          HTTPField.Name("X-CSRF-Token")!: api.csrf],
                body: ByteBuffer(string: "{\"identifier\": 42"))
            #expect(answer.status == .badRequest)
            #expect(answer.json["error"] as? String == "The request could not be read.")
        }
    }
}
