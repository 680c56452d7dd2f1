import HTTPTypes
import Hummingbird
import NIOCore

/// The client's address for the sign-in rate limit and the audit trail.
enum ClientAddress {
    /// The connection's IP address, or the `X-Real-IP` header's when the service trusts the reverse
    /// proxy in front of it; `unknown` when neither is available.
    static func of(_ request: Request, context: ServiceRequestContext, trustProxy: Bool) -> String {
        if trustProxy, let forwarded = request.headers[HTTPField.Name("X-Real-IP")!], !forwarded.isEmpty {
            return String(forwarded.prefix(64))
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }
}
