import Foundation

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

    /// Creates metadata; registers make these when they are created or opened.
    package init(study: String, studyFingerprint: String, arms: [String], createdAt: String) {
        self.study = study
        self.studyFingerprint = studyFingerprint
        self.arms = arms
        self.createdAt = createdAt
    }

    /// Reads the `arms` column: a JSON list of names.
    package static func decodingArms(_ text: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }

    /// The `arms` column's text: the names as a canonical JSON list.
    package static func armsText(_ arms: [String]) -> String { CanonicalJSON.array(arms.map(CanonicalJSON.string)).text }

    /// The content of the `init` entry: everything `register_meta` holds.
    package static func initialisationContent(_ metadata: RegisterMetadata, keyCheck: String) -> CanonicalJSON {
        .object([
            "format": .string(RegisterTables.format),
            "schema_version": .integer(Int64(RegisterTables.version)),
            "study": .string(metadata.study),
            "study_sha256": .string(metadata.studyFingerprint),
            "arms": .array(metadata.arms.map(CanonicalJSON.string)),
            "key_check": .string(keyCheck),
            "created_at": .string(metadata.createdAt),
        ])
    }
}
