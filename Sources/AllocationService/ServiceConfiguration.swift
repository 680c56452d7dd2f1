import DisclosureControl

/// How the allocation service runs.
public struct ServiceConfiguration: Sendable {
    /// The address to listen on; default `127.0.0.1` (loopback only: put a TLS reverse proxy in front).
    public var host: String
    /// The port; default 8080; 0 picks a free one.
    public var port: Int
    /// Whether the session cookie carries `Secure` (sent over HTTPS only); default `true`. Turn it
    /// off only for plain-HTTP tests on loopback.
    public var secureCookies: Bool
    /// Whether to take the client's address from the `X-Real-IP` header that a reverse proxy on
    /// loopback sets, for the sign-in rate limit; default `false` (the connection's address).
    public var trustProxyAddress: Bool
    /// How long sessions last.
    public var sessionLifetime: SessionLifetime
    /// Failed sign-ins allowed per account and per client address within the window; default 5.
    public var signInFailureLimit: Int
    /// The rate limit's window in seconds; default 15 minutes.
    public var signInWindow: Double
    /// The bcrypt cost of passwords set through the service; default 12.
    public var passwordCost: UInt8
    /// The disclosure control on researchers' dashboards; default counts 1 to 4 suppressed, the
    /// rest rounded to the nearest 5.
    public var disclosureRule: DisclosureRule

    /// Creates a configuration; every setting has the default described on its property.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = true, trustProxyAddress: Bool = false,
        sessionLifetime: SessionLifetime = SessionLifetime(), signInFailureLimit: Int = 5, signInWindow: Double = 15 * 60,
        passwordCost: UInt8 = PasswordHasher.defaultCost, disclosureRule: DisclosureRule = DisclosureRule()
    ) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.trustProxyAddress = trustProxyAddress
        self.sessionLifetime = sessionLifetime
        self.signInFailureLimit = signInFailureLimit
        self.signInWindow = signInWindow
        self.passwordCost = passwordCost
        self.disclosureRule = disclosureRule
    }

    /// Checks the settings.
    ///
    /// - Throws: ``ServiceError/invalidSetting(_:reason:)`` naming the setting.
    public func validate() throws {
        guard (0...65535).contains(port) else { throw ServiceError.invalidSetting("--port", reason: "\(port) is not a port from 0 to 65535") }
        guard (4...31).contains(passwordCost) else {
            throw ServiceError.invalidSetting("--bcrypt-cost", reason: "\(passwordCost) is not a cost from 4 to 31")
        }
        guard signInFailureLimit >= 1, signInWindow > 0 else {
            throw ServiceError.invalidSetting("sign-in limit", reason: "at least one failure in a positive window")
        }
        guard sessionLifetime.idle > 0, sessionLifetime.absolute >= sessionLifetime.idle else {
            throw ServiceError.invalidSetting("session lifetime", reason: "idle time positive and no longer than the absolute lifetime")
        }
    }
}
