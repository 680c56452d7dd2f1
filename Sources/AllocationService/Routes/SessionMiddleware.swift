import Hummingbird

/// Finds the live session the request's cookie names, if any, and puts it in the context.
///
/// It runs before ``ErrorPresentationMiddleware`` so that refusal pages can still show the
/// account's links; a failure to read the accounts file is logged and answered with a bare 500.
struct SessionMiddleware: RouterMiddleware {
    let operations: ServiceOperations

    func handle(
        _ request: Request, context: ServiceRequestContext,
        next: (Request, ServiceRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let token = request.cookies[ServiceCookies.session]?.value, !token.isEmpty {
            do {
                context.session = try operations.session(token: token)
            } catch {
                context.logger.error("cannot read the session", metadata: ["error": .string(String(describing: error))])
                return Response(status: .internalServerError)
            }
        }
        return try await next(request, context)
    }
}
