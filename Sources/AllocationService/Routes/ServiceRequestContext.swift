import Hummingbird
import NIOCore

/// What the service knows about a request as it passes through the middleware: the client's
/// address, the session its cookie names, and the body of a state-changing request.
public struct ServiceRequestContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's own request state.
    public var coreContext: CoreRequestContextStorage
    /// The connection's remote address (`nil` in router tests).
    public let remoteAddress: SocketAddress?
    /// The session, once ``SessionMiddleware`` has found a live one.
    public var session: ActiveSession?
    /// The body of a POST, PUT, PATCH or DELETE request, read by ``FormTokenMiddleware``.
    var body = ByteBuffer()
    /// The body's fields, when it is a form.
    var form = FormBody("")

    /// Creates the context of a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Request bodies are small: 64 KiB at most.
    public var maxUploadSize: Int { 64 * 1024 }
}
