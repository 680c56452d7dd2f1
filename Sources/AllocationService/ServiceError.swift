/// A service that cannot start, with what to do about it.
public enum ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The accounts file has no enabled administrator, so no one could manage accounts.
    case noAdministrator(String)
    /// A setting out of its range.
    case invalidSetting(String, reason: String)

    /// A sentence for the terminal.
    public var description: String {
        switch self {
        case .noAdministrator(let path):
            "\(path) has no enabled admin account; add one with `prevent users add NAME --role admin`"
        case let .invalidSetting(setting, reason):
            "\(setting): \(reason)"
        }
    }
}
