import DisclosureControl

/// The choices of a study report.
public struct StudyReportOptions: Sendable {
    /// A trickle-flow register whose recorded allocations replace the batch allocation; `nil` to
    /// allocate the eligible cohort under the study's scheme.
    public var registerFile: String?
    /// The register's key file; `nil` for the register's default.
    public var keyFile: String?
    /// The disclosure control for every published count; `nil` publishes true counts (only for
    /// the data's owner: each table then says so).
    public var disclosure: DisclosureRule?
    /// How the notebook's commands name the study folder, relative to the notebook's own folder
    /// (default: the folder as given).
    public var commandStudyPath: String?
    /// The toolkit's version, printed in the report.
    public var version: String

    /// Creates options.
    ///
    /// - Parameters:
    ///   - registerFile: default none (batch allocation).
    ///   - keyFile: default none.
    ///   - disclosure: default ``DisclosureControl/DisclosureRule/init(threshold:roundingBase:)``
    ///     with its defaults (counts under 5 suppressed, the rest rounded to 5).
    ///   - commandStudyPath: default the folder as given.
    ///   - version: the version string; default `unversioned`.
    public init(registerFile: String? = nil, keyFile: String? = nil, disclosure: DisclosureRule? = DisclosureRule(),
                commandStudyPath: String? = nil, version: String = "unversioned") {
        self.registerFile = registerFile
        self.keyFile = keyFile
        self.disclosure = disclosure
        self.commandStudyPath = commandStudyPath
        self.version = version
    }
}
