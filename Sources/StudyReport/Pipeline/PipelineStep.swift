/// The steps of the study report, in the order they run.
public enum PipelineStep: String, Sendable, CaseIterable {
    /// Reading the study folder and its protocol.
    case study = "read the study"
    /// Hotspot layers from recorded crime.
    case hotspots = "map hotspots"
    /// Risk scores on pathway factors.
    case scores = "score risk"
    /// Eligibility and allocation.
    case allocation = "allocate"
    /// Baseline balance.
    case balance = "check balance"
    /// Per-person outcomes from offence records.
    case outcomes = "compute outcomes"
    /// Every outcome analysis.
    case analyses = "analyse outcomes"
    /// Power achieved.
    case power = "compute power"
    /// The report's sections and figures.
    case assemble = "assemble the report"
}
