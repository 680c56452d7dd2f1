/// A study's protocol: its arms, how people are randomised to them, the baseline data recorded at
/// enrolment and who is eligible, as read from the study's YAML file.
///
/// The YAML file is the single source of truth for a study. Its shape:
///
/// ```yaml
/// study: jigsaw-demo
/// arms:                      # the first arm is the control unless `control:` names another
///   - {name: control, ratio: 1}
///   - {name: police, ratio: 1}
/// randomisation:
///   scheme: stratified-blocks
///   strata: [risk_band, area]
///   block_sizes: [4, 8]
///   seed: 20151203
/// baseline:
///   - {name: age, type: numeric, required: true}
///   - {name: risk_band, type: categorical, levels: [low, medium, high], required: true}
/// eligibility:
///   - {field: age, min: 10, max: 25}
/// ```
///
/// Load one with ``StudyProtocol/init(contentsOfFile:)`` or ``StudyProtocol/init(yaml:file:)``;
/// the whole file is validated on load and every problem is reported at once, each with its key
/// path (see ``StudyProtocolError``).
///
/// Top-level keys that later sections of the toolkit will read (``StudyProtocol/reservedSectionNames``,
/// such as `risk_factors` and `outcomes`) are accepted and kept, unvalidated, in
/// ``StudyProtocol/laterSections``; any other unknown top-level key is an error, so that a
/// misspelt section is never silently ignored.
public struct StudyProtocol: Sendable, Equatable {
    /// The study's name (`study:`).
    public var study: String

    /// The arms in the order the file lists them; at least two, with distinct names.
    public var arms: [Arm]

    /// The index in ``arms`` of the control arm: the arm `control:` names, otherwise the first.
    public var controlIndex: Int

    /// How people are randomised (`randomisation:`).
    public var randomisation: RandomisationSettings

    /// The baseline fields recorded at enrolment (`baseline:`), in file order; empty when the file
    /// declares none, in which case any column of a cohort may be used as text.
    public var baseline: [BaselineField]

    /// The eligibility rules (`eligibility:`), each on a declared baseline field.
    public var eligibility: [EligibilityRule]

    /// Top-level sections reserved for later parts of the toolkit, kept as read.
    public var laterSections: [String: ProtocolValue]

    /// Creates a protocol from parts that are already valid (the YAML loader validates; this
    /// initialiser is for programs that build a protocol in code).
    ///
    /// - Precondition: at least two arms and `controlIndex` in range.
    public init(
        study: String,
        arms: [Arm],
        controlIndex: Int = 0,
        randomisation: RandomisationSettings,
        baseline: [BaselineField] = [],
        eligibility: [EligibilityRule] = [],
        laterSections: [String: ProtocolValue] = [:]
    ) {
        precondition(arms.count >= 2, "a study needs at least two arms")
        precondition(arms.indices.contains(controlIndex), "control index out of range")
        self.study = study
        self.arms = arms
        self.controlIndex = controlIndex
        self.randomisation = randomisation
        self.baseline = baseline
        self.eligibility = eligibility
        self.laterSections = laterSections
    }

    /// The control arm.
    public var control: Arm { arms[controlIndex] }

    /// The sum of the arms' ratios: every block size must be a multiple of it.
    public var ratioTotal: Int { arms.reduce(0) { $0 + $1.ratio } }

    /// The baseline field called `name`, or `nil`.
    public func baselineField(named name: String) -> BaselineField? {
        baseline.first { $0.name == name }
    }

    /// Top-level keys reserved for sections that later parts of the toolkit read: accepted and
    /// kept in ``laterSections`` without validation.
    public static let reservedSectionNames: [String] = [
        "risk_factors", "outcomes", "follow_up", "analysis", "reporting", "disclosure", "register", "consort",
    ]

    /// The top-level keys this version reads and validates.
    public static let sectionNames: [String] = ["study", "arms", "control", "randomisation", "baseline", "eligibility"]
}
