/// Why the service refused a request, as the client is told it: nothing more specific, so that
/// no refusal reveals an account, a person or an allocation.
enum ServiceRefusal: Error, Sendable, Equatable {
    /// No valid session: sign in first (401).
    case signInRequired
    /// The account's role does not allow this (403).
    case forbidden
    /// The form or request lacks its session's CSRF token (403).
    case missingFormToken
    /// Wrong name or password, or a disabled account (401).
    case signInFailed
    /// Too many failed sign-ins (429).
    case tooManyAttempts
    /// Input the user can correct, with a message that names the field at fault (422).
    case invalidInput(String)
    /// A body that is not the JSON or form the route reads (400).
    case malformedRequest
}
