import Foundation
import Hummingbird
import Logging

/// Turns every error into a response that tells the client only what it may know.
///
/// Refusals become their status with a generic sentence (a page, a redirect to the sign-in page,
/// or a JSON `{"error": ...}` under `/api/`). Any other error is logged in full with the request's
/// id and answered `500` with that id alone, so nothing about the register, an account or an
/// allocation reaches the client.
struct ErrorPresentationMiddleware: RouterMiddleware {
    func handle(
        _ request: Request, context: ServiceRequestContext,
        next: (Request, ServiceRequestContext) async throws -> Response
    ) async throws -> Response {
        let isAPI = request.uri.path.hasPrefix("/api/")
        do {
            return try await next(request, context)
        } catch let refusal as ServiceRefusal {
            if refusal == .signInRequired, !isAPI { return Responses.redirect(to: "/sign-in") }
            let (status, message) = Self.describe(refusal)
            return try Self.respond(status: status, message: message, isAPI: isAPI, session: context.session)
        } catch let error as HTTPError where error.status.code < 500 {
            let message = error.status == .notFound ? "There is no such page." : "The request could not be read."
            return try Self.respond(status: error.status, message: message, isAPI: isAPI, session: context.session)
        } catch {
            context.logger.error(
                "request failed", metadata: ["path": .string(request.uri.path), "error": .string(String(describing: error))])
            return try Self.respond(
                status: .internalServerError,
                message: "Something went wrong; nothing was changed unless a result was shown. Quote reference \(context.id) to the service's administrator.",
                isAPI: isAPI, session: context.session)
        }
    }

    static func describe(_ refusal: ServiceRefusal) -> (HTTPResponse.Status, String) {
        switch refusal {
        case .signInRequired: (.unauthorized, "Sign in first.")
        case .forbidden: (.forbidden, "Your role does not allow this.")
        case .missingFormToken:
            (.forbidden, "The form has expired or did not come from this service. Reload the page and try again.")
        case .signInFailed: (.unauthorized, "The name or password is wrong, or the account is disabled.")
        case .tooManyAttempts: (.tooManyRequests, "Too many failed sign-ins. Wait 15 minutes and try again.")
        case .invalidInput(let message): (.unprocessableContent, message)
        case .malformedRequest: (.badRequest, "The request could not be read.")
        }
    }

    static func respond(status: HTTPResponse.Status, message: String, isAPI: Bool, session: ActiveSession?) throws -> Response {
        if isAPI { return try Responses.json(APIError(error: message), status: status) }
        return Responses.html(MessagePage.render(title: status.reasonPhrase, message: message, session: session), status: status)
    }
}
