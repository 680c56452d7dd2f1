import Hummingbird
import Logging

/// The allocation service: the enrolment register behind a web console and a JSON API, for
/// trickle-flow enrolment by Prevent officers.
///
/// ```swift
/// let study = try StudyFile(contentsOfFile: "study.yaml")
/// let register = try ServiceRegister.open(location: "trial.sqlite", keyFile: nil, study: study)
/// let accounts = try AccountStore(opening: "trial.sqlite.accounts")
/// let service = AllocationService(operations: ServiceOperations(
///     register: register, accounts: accounts, configuration: ServiceConfiguration()))
/// try await service.run()
/// ```
///
/// Pages and API share ``ServiceOperations``; every request passes, in order, through the
/// request log (method and path only, at `info`), the security headers, the session lookup, the error presentation (generic messages to the client,
/// details to the log) and the CSRF check.
public struct AllocationService: Sendable {
    /// The operations the routes call.
    public let operations: ServiceOperations

    /// Creates the service.
    public init(operations: ServiceOperations) {
        self.operations = operations
    }

    /// The router with every page, API route and middleware.
    public func makeRouter() -> Router<ServiceRequestContext> {
        let router = Router(context: ServiceRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: SessionMiddleware(operations: operations))
        router.add(middleware: ErrorPresentationMiddleware())
        router.add(middleware: FormTokenMiddleware())
        WebRoutes.add(to: router, operations: operations)
        APIRoutes.add(to: router, operations: operations)
        return router
    }

    /// The application, listening on the configured host and port.
    ///
    /// - Parameters:
    ///   - logger: where requests' failures are logged in detail.
    ///   - onServerRunning: called with the bound port once the service listens (port 0 picks a free one).
    public func makeApplication(
        logger: Logger = Logger(label: "prevent-serve"), onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let configuration = operations.configuration
        return Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

    /// Runs the service until the process receives SIGTERM or SIGINT.
    public func run(logger: Logger = Logger(label: "prevent-serve"), onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try operations.configuration.validate()
        try operations.accounts.removeExpiredSessions(lifetime: operations.configuration.sessionLifetime)
        try await makeApplication(logger: logger, onServerRunning: onServerRunning).runService()
    }
}
