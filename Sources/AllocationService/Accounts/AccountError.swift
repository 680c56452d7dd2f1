/// An account operation that could not be done. Messages never contain a password or a hash.
public enum AccountError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An account name with characters outside letters, digits, `.`, `_`, `-`, or of the wrong length.
    case invalidName(String)
    /// A role that is not one of the service's roles.
    case unknownRole(String)
    /// An account of that name exists already.
    case alreadyExists(String)
    /// No account of that name.
    case noSuchAccount(String)
    /// A password shorter than ``PasswordPolicy/minimumLength`` characters.
    case passwordTooShort(minimum: Int)
    /// A password longer than bcrypt's 72 bytes (the rest would be ignored).
    case passwordTooLong(maximumBytes: Int)
    /// A password containing a NUL or a line break.
    case passwordHasControlCharacters
    /// The accounts file does not exist.
    case missingFile(String)
    /// The file is not an accounts file of this version.
    case notAnAccountsFile(String, reason: String)
    /// A database operation on the accounts file failed.
    case database(String, detail: String)

    /// A sentence for the terminal or the administrator's page.
    public var description: String {
        switch self {
        case .invalidName(let name):
            "'\(name.prefix(80))' is not a valid account name: use 1 to 64 letters, digits, '.', '_' or '-'"
        case .unknownRole(let role):
            "'\(role.prefix(40))' is not a role; the roles are \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
        case .alreadyExists(let name):
            "an account named '\(name)' exists already"
        case .noSuchAccount(let name):
            "no account named '\(name.prefix(80))'"
        case .passwordTooShort(let minimum):
            "the password is too short: use at least \(minimum) characters"
        case .passwordTooLong(let maximum):
            "the password is too long: at most \(maximum) bytes are used by the password hash"
        case .passwordHasControlCharacters:
            "the password contains a NUL or a line break"
        case .missingFile(let path):
            "\(path): no such accounts file; add the first account with `prevent users add NAME --role admin`"
        case let .notAnAccountsFile(path, reason):
            "\(path) is not a PreventKit accounts file (\(reason))"
        case let .database(path, detail):
            "accounts file \(path): \(detail)"
        }
    }
}
