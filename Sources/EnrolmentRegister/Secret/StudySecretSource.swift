/// Where a study secret was found, so that an error can say which secret was wrong without
/// showing it.
public enum StudySecretSource: Sendable, Equatable, CustomStringConvertible {
    /// A key file at this path.
    case keyFile(String)
    /// The environment variable `PREVENT_STUDY_SECRET`.
    case environment

    /// `key file PATH` or `PREVENT_STUDY_SECRET`.
    public var description: String {
        switch self {
        case .keyFile(let path): "key file \(path)"
        case .environment: "environment variable \(StudySecret.environmentVariable)"
        }
    }
}
