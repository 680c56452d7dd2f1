/// Everything the study report shows, as plain values: both the HTML report and the notebook are
/// rendered from it, so they carry the same numbers, tables and figures.
public struct StudyReportModel: Sendable, Hashable {
    /// The study's name.
    public var study: String
    /// The toolkit's version that made the report.
    public var version: String
    /// How the notebook's commands name the study folder (the value of `$STUDY`).
    public var commandStudyPath: String
    /// The sections, in order.
    public var sections: [ReportSection]
    /// The CONSORT flow.
    public var consort: ConsortFlow
    /// Every effect estimate of every outcome analysis, in report order.
    public var estimates: [EffectEstimate]
    /// Things the reader should know about how the analyses ran (a fallback, a note of a fit).
    public var notes: [String]

    /// Creates a model.
    public init(study: String, version: String, commandStudyPath: String, sections: [ReportSection], consort: ConsortFlow,
                estimates: [EffectEstimate], notes: [String]) {
        self.study = study
        self.version = version
        self.commandStudyPath = commandStudyPath
        self.sections = sections
        self.consort = consort
        self.estimates = estimates
        self.notes = notes
    }

    /// Every figure, in order.
    public var figures: [ReportFigure] { sections.flatMap(\.figures) }

    /// Every table, in order.
    public var tables: [ReportTable] { sections.flatMap(\.tables) }
}
