/// What a register records about itself when it is created.
public struct RegisterMetadata: Sendable, Equatable {
    /// The study's name.
    public var study: String
    /// SHA-256 of the study file the register was created with.
    public var studyFingerprint: String
    /// The arms' names in the study file's order: the order of the `p_<arm>` columns of an export.
    public var arms: [String]
    /// When the register was created, ISO 8601 UTC.
    public var createdAt: String
}
