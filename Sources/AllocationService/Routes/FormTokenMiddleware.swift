import HTTPTypes
import Hummingbird

/// Refuses every state-changing request that does not carry its session's CSRF token.
///
/// - A form carries the token in its hidden `csrf_token` field.
/// - A JSON API request carries it in the `X-CSRF-Token` header.
/// - The sign-in form, made before any session exists, carries a random `form_token` that must
///   equal the value of its paired `prevent_sign_in` cookie (a cookie another site cannot read
///   or set).
/// - The JSON sign-in (`POST /api/session`) must be `application/json`, which a form on another
///   site cannot send.
///
/// Without a session the request is refused as unauthenticated first. The body is read here, once,
/// and left in the context for the route.
struct FormTokenMiddleware: RouterMiddleware {
    static let formField = "csrf_token"
    static let signInField = "form_token"
    static let header = HTTPField.Name("X-CSRF-Token")!

    func handle(
        _ request: Request, context: ServiceRequestContext,
        next: (Request, ServiceRequestContext) async throws -> Response
    ) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method) else { return try await next(request, context) }
        var request = request
        var context = context
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw ServiceRefusal.malformedRequest
        }
        context.body = body
        let path = request.uri.path
        let isJSON = request.headers[.contentType]?.lowercased().hasPrefix("application/json") ?? false
        if request.method == .post, path == "/api/session" {
            guard isJSON else { throw ServiceRefusal.missingFormToken }
            return try await next(request, context)
        }
        if path.hasPrefix("/api/") {
            guard let session = context.session else { throw ServiceRefusal.signInRequired }
            guard let given = request.headers[Self.header], SessionToken.constantTimeEquals(given, session.csrfToken) else {
                throw ServiceRefusal.missingFormToken
            }
            return try await next(request, context)
        }
        let isForm = request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
        context.form = FormBody(isForm ? String(buffer: body) : "")
        if request.method == .post, path == "/sign-in" {
            guard let given = context.form[Self.signInField], let paired = request.cookies[ServiceCookies.signInForm]?.value,
                  SessionToken.isWellFormed(paired), SessionToken.constantTimeEquals(given, paired)
            else { throw ServiceRefusal.missingFormToken }
            return try await next(request, context)
        }
        guard let session = context.session else { throw ServiceRefusal.signInRequired }
        guard let given = context.form[Self.formField], SessionToken.constantTimeEquals(given, session.csrfToken) else {
            throw ServiceRefusal.missingFormToken
        }
        return try await next(request, context)
    }
}
