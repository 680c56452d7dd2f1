import DataTables
import Foundation
import Randomisation
import RiskScoring
import Spatial
import StudyProtocol

/// Generates a complete synthetic Jigsaw-style study from a seed: a made-up force area with
/// towns, a year of recorded crime with hotspots, a population of nominals with pathway risk
/// factors and prior offences, the highest-risk cohort identified by the study's own risk
/// scoring and enrolled over months, its allocation by the study's stratified permuted blocks,
/// offence records over follow-up with known true arm effects, and the truth beside them.
///
/// Every part draws from its own named sub-stream of PreventKit's generator (`area`, `crimes`,
/// `population` with one numbered sub-stream per person, `enrolment`, `consent-and-loss` and
/// `follow-up` per person), so a part stays the same when another changes: a larger population
/// keeps its first people, and a person's offending draws do not depend on anyone else's. The
/// same seed and sizes give the same bytes on the same platform.
///
/// ```swift
/// let summary = try StudySimulator(settings: SimulationSettings(seed: 20261121)).write(to: "Studies/jigsaw-trial")
/// print(summary.truth.arms.map(\.hazardRatio))
/// ```
public struct StudySimulator: Sendable {
    /// The generator's version, written to `truth.json`; it changes whenever the same seed would
    /// give different files.
    public static let version = "1"
    /// The arms of the simulated study, control first, each with ratio 1.
    public static let armNames = ["control", "police", "partner", "social_media"]
    /// The first day of the year of recorded crime and of referrals.
    public static let referralYear = CalendarDate(year: 2023, month: 1, day: 1)!

    /// The seed and sizes.
    public var settings: SimulationSettings
    /// The force area.
    public var area: ForceArea = .standard
    /// The year of recorded crime.
    public var crimeModel: CrimeModel = .standard
    /// The population of nominals.
    public var population: PopulationModel = .standard
    /// Offending before referral and over follow-up, with the true arm effects.
    public var offences: OffenceModel = .standard
    /// Enrolment, consent and loss to follow-up.
    public var enrolment: EnrolmentModel = .standard

    /// Creates a simulator with the bundled study's models.
    public init(settings: SimulationSettings = SimulationSettings()) {
        self.settings = settings
    }

    /// The files a simulated study folder holds, in the order they are written.
    public static let fileNames = [
        "study.yaml", "areas.geojson", "crimes.csv", "population.csv", "prior-offences.csv", "harm-weights.csv",
        "cohort.csv", "allocation.csv", "offences.csv", "truth.json", "README.md",
    ]

    /// Writes the whole study folder at `path`, all or nothing.
    ///
    /// The files are made in a temporary folder beside `path` and moved into place in one step;
    /// if anything fails the temporary folder is removed and an existing folder at `path` is left
    /// as it was.
    ///
    /// - Parameters:
    ///   - path: the folder to create; its parent must exist.
    ///   - replacing: whether an existing folder at `path` may be replaced.
    /// - Returns: the counts and the truth.
    /// - Throws: ``SimulationError`` for bad settings, an existing folder without `replacing`, a
    ///   missing parent folder or a file system failure; the errors of the readers the study is
    ///   checked with (none are expected).
    public func write(to path: String, replacing: Bool = false) throws -> SimulationSummary {
        try settings.validate()
        var target = path
        while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
        let fileManager = FileManager.default
        let parent = (target as NSString).deletingLastPathComponent
        let parentFolder = parent.isEmpty ? "." : parent
        var isFolder: ObjCBool = false
        guard fileManager.fileExists(atPath: parentFolder, isDirectory: &isFolder), isFolder.boolValue else {
            throw SimulationError.noParentFolder(path: target)
        }
        if fileManager.fileExists(atPath: target) && !replacing { throw SimulationError.folderExists(path: target) }
        let name = (target as NSString).lastPathComponent
        var template = Array((parentFolder + "/." + name + ".simulating-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw SimulationError.cannotWrite(path: target, reason: String(cString: strerror(errno)))
        }
        let staging = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        do {
            let summary = try writeFiles(into: staging)
            guard chmod(staging, 0o755) == 0 else { throw SimulationError.cannotWrite(path: target, reason: String(cString: strerror(errno))) }
            if fileManager.fileExists(atPath: target) {
                let previous = staging + ".previous"
                guard rename(target, previous) == 0 else { throw SimulationError.cannotWrite(path: target, reason: String(cString: strerror(errno))) }
                guard rename(staging, target) == 0 else {
                    let reason = String(cString: strerror(errno))
                    _ = rename(previous, target)
                    throw SimulationError.cannotWrite(path: target, reason: reason)
                }
                try? fileManager.removeItem(atPath: previous)
            } else {
                guard rename(staging, target) == 0 else { throw SimulationError.cannotWrite(path: target, reason: String(cString: strerror(errno))) }
            }
            return SimulationSummary(folder: target, counts: summary.counts, truth: summary.truth)
        } catch {
            try? fileManager.removeItem(atPath: staging)
            throw error
        }
    }

    /// Writes the study's files into an existing, empty folder.
    func writeFiles(into folder: String) throws -> SimulationSummary {
        let seed = settings.seed
        func file(_ name: String) -> String { folder + "/" + name }
        func save(_ text: String, _ name: String) throws {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
            } catch {
                throw SimulationError.cannotWrite(path: file(name), reason: error.localizedDescription)
            }
        }

        // The force area and a year of recorded crime.
        var areaStream = Xoshiro256StarStar(seed: seed, stream: StreamLabel("area"))
        let outlines = area.townOutlines(using: &areaStream)
        var crimeStream = Xoshiro256StarStar(seed: seed, stream: StreamLabel("crimes"))
        let crimes = crimeModel.crimes(in: area, firstDay: Self.referralYear, using: &crimeStream)
        // The population and its prior offences.
        let people = population.people(count: settings.people, idPrefix: "JT", area: area, offences: offences,
                                       referralYear: Self.referralYear, seed: seed, stream: StreamLabel("population"))

        try save(StudyFileText.text(study: "jigsaw-trial", seed: seed, areaLabels: area.areaLabels, followUpDays: enrolment.followUpDays), "study.yaml")
        try save(area.areasGeoJSON(outlines: outlines), "areas.geojson")
        try save(StudyTables.crimes(crimes), "crimes.csv")
        try save(StudyTables.population(people, area: area, model: population), "population.csv")
        try save(StudyTables.offences(people.indices.map { (people[$0].id, people[$0].priorOffences) }), "prior-offences.csv")
        try save(HarmWeightsExample.csvText, "harm-weights.csv")

        // Identification by the study's own risk scoring, exactly as `prevent score` reads the files.
        let inputs = try StudyRiskInputs(studyFile: file("study.yaml"))
        let scores = try inputs.scorer.score(try inputs.readCohort(file("population.csv")), file: file("population.csv"))
        let members = enrolment.cohort(of: people, scores: scores.scores, bands: (0 ..< scores.count).map { scores.band(of: $0) },
                                       count: settings.cohort, seed: seed)

        // Eligibility, allocation and follow-up.
        let design = try AllocationDesign(protocol: try StudyProtocol(contentsOfFile: file("study.yaml")))
        let eligible = try members.map { member in
            try design.eligibilityFailures(of: StudyTables.enrolmentUnit(member, person: people[member.person], area: area, model: population)).isEmpty
        }
        try save(StudyTables.cohort(members, eligible: eligible, people: people, area: area, model: population), "cohort.csv")
        // The cohort file read as `prevent allocate` reads it, without the people who are not eligible.
        let cohortTable = try DataTable(csvFile: file("cohort.csv"),
                                        options: design.csvReadOptions(header: StudyTables.cohortColumns(model: population), idColumn: "id"))
        let allocated = members.indices.filter { eligible[$0] }
        guard !allocated.isEmpty else { throw SimulationError.nobodyEligible(cohort: members.count) }
        let allocation = try design.allocate(table: cohortTable.rows(allocated), idColumn: "id", seed: seed)
        try allocation.table().writeCSV(toFile: file("allocation.csv"))

        var armOfMember = [String?](repeating: nil, count: members.count)
        for (position, member) in allocated.enumerated() { armOfMember[member] = allocation.armNames[Int(allocation.armIndices[position])] }
        let later = followUpOffences(people: people, members: members, arms: armOfMember)
        let records = zip(members, later).map { member, offences in (people[member.person].id, people[member.person].priorOffences + offences) }
        try save(StudyTables.offences(records), "offences.csv")

        // The truth for the analysed people: everyone allocated.
        let truth = trueEffects(people: people, analysed: allocated.map { members[$0] }, armNames: allocation.armNames, armShares: design.shares)
        try save(truth.jsonText(seed: seed, generatorVersion: Self.version, followUpDays: enrolment.followUpDays,
                                arms: allocation.armNames.map { ($0, offences.rateRatio(arm: $0)) }), "truth.json")

        let counts = SimulationSummary.Counts(
            people: people.count, crimes: crimes.count, priorOffences: people.reduce(0) { $0 + $1.priorOffences.count },
            cohort: members.count, refusedConsent: members.filter { !$0.consent }.count,
            ineligible: members.count - allocated.count, allocated: allocated.count,
            lostToFollowUp: allocated.filter { members[$0].lostAfterDays != nil }.count,
            offenceRecords: records.reduce(0) { $0 + $1.1.count })
        try save(StudyReadme.text(settings: settings, counts: counts, area: area, offences: offences, enrolment: enrolment, truth: truth), "README.md")
        return SimulationSummary(folder: folder, counts: counts, truth: truth)
    }
}
