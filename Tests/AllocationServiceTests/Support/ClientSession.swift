import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A signed-in client: the session cookie and the CSRF token.
struct ClientSession: Sendable {
    var cookie: String
    var csrf: String

    /// A session whose cookie names no session.
    static let forged = ClientSession(cookie: String(repeating: "ab", count: 32), csrf: String(repeating: "cd", count: 32))
}

extension TestClientProtocol {
    /// Signs in through the JSON API.
    func signInAPI(_ name: String, password: String = ServiceHarness.password) async throws -> ClientSession {
        let body = try JSONSerialization.data(withJSONObject: ["name": name, "password": password])
        let response = try await execute(
            uri: "/api/session", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body))
        guard response.status == .created, let cookie = response.cookie(named: "prevent_session"),
              let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any],
              let csrf = json["csrf_token"] as? String
        else { throw SignInFailure(status: response.status.code) }
        return ClientSession(cookie: cookie, csrf: csrf)
    }

    /// Signs in through the sign-in form, then reads the CSRF token from the home page's forms.
    func signInWeb(_ name: String, password: String = ServiceHarness.password) async throws -> ClientSession {
        let form = try await execute(uri: "/sign-in", method: .get)
        guard let formToken = form.text.firstMatch(of: /name="form_token" value="([0-9a-f]{64})"/)?.1,
              let paired = form.cookie(named: "prevent_sign_in")
        else { throw SignInFailure(status: form.status.code) }
        let response = try await execute(
            uri: "/sign-in", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "prevent_sign_in=\(paired)"],
            body: ByteBuffer(string: FormEncoding.encode(["form_token": String(formToken), "name": name, "password": password])))
        guard response.status == .seeOther, let cookie = response.cookie(named: "prevent_session"),
              let home = response.headers[.location]
        else { throw SignInFailure(status: response.status.code) }
        let page = try await execute(uri: home, method: .get, headers: [.cookie: "prevent_session=\(cookie)"])
        guard let csrf = page.text.firstMatch(of: /name="csrf_token" value="([0-9a-f]{64})"/)?.1 else {
            throw SignInFailure(status: page.status.code)
        }
        return ClientSession(cookie: cookie, csrf: String(csrf))
    }

    /// A GET with the session's cookie.
    func get(_ path: String, as session: ClientSession?) async throws -> TestResponse {
        try await execute(uri: path, method: .get, headers: session.map { [.cookie: "prevent_session=\($0.cookie)"] } ?? [:])
    }

    /// A form POST with the session's cookie and, unless `token` is false, its CSRF token.
    func postForm(_ path: String, _ fields: [String: String], as session: ClientSession?, token: Bool = true) async throws -> TestResponse {
        var fields = fields
        if token, let session { fields["csrf_token"] = session.csrf }
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let session { headers[.cookie] = "prevent_session=\(session.cookie)" }
        return try await execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: FormEncoding.encode(fields)))
    }

    /// A JSON request with the session's cookie and, unless `token` is false, the CSRF header.
    func sendJSON(
        _ path: String, method: HTTPRequest.Method = .post, _ object: Any = [String: String](), as session: ClientSession?,
        token: Bool = true
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let session {
            headers[.cookie] = "prevent_session=\(session.cookie)"
            if token { headers[HTTPField.Name("X-CSRF-Token")!] = session.csrf }
        }
        let body = try JSONSerialization.data(withJSONObject: object)
        return try await execute(uri: path, method: method, headers: headers, body: ByteBuffer(bytes: body))
    }
}

struct SignInFailure: Error { var status: Int }

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }

    /// The value a `Set-Cookie` header gives a cookie.
    func cookie(named name: String) -> String? {
        setCookie(named: name)?.split(separator: ";").first?.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init)
    }

    /// The whole `Set-Cookie` header of a cookie.
    func setCookie(named name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }
}

/// `application/x-www-form-urlencoded` bodies.
enum FormEncoding {
    static func encode(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }.map { key, value in
            key.addingPercentEncoding(withAllowedCharacters: allowed)! + "=" + value.addingPercentEncoding(withAllowedCharacters: allowed)!
        }.joined(separator: "&")
    }
}
