/// A signed-in account's session, as a request sees it.
public struct ActiveSession: Sendable, Equatable {
    /// The account signed in.
    public var account: String
    /// The account's current role.
    public var role: Role
    /// The token every form and state-changing API request of this session must carry.
    public var csrfToken: String
    /// The stored hash of the session token (never the token itself).
    var tokenHash: String

    /// Whether the session's role allows an action.
    public func may(_ permission: Permission) -> Bool {
        role.permissions.contains(permission)
    }
}

/// How long sessions last.
public struct SessionLifetime: Sendable, Equatable {
    /// Seconds without a request after which a session ends; default 30 minutes.
    public var idle: Double
    /// Seconds after signing in after which a session ends whatever its use; default 12 hours.
    public var absolute: Double

    /// Creates a lifetime.
    public init(idle: Double = 30 * 60, absolute: Double = 12 * 60 * 60) {
        self.idle = idle
        self.absolute = absolute
    }
}
