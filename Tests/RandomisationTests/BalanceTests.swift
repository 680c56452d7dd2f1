import DataTables
import Foundation
import Randomisation
import StudyProtocol
import Testing

/// The bundled demo study, from the repository's root.
private let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Studies/jigsaw-demo")

/// Computed once for all the reference cases.
private let demoReportResult = Result { try computeDemoReport() }

private func demoReport() throws -> BalanceReport { try demoReportResult.get() }

private func computeDemoReport() throws -> BalanceReport {
    let study = try StudyProtocol(contentsOfFile: demo.appendingPathComponent("study.yaml").path)
    let design = try AllocationDesign(protocol: study)
    let cohortPath = demo.appendingPathComponent("cohort.csv").path
    let header = ["id", "age", "sex", "risk_band", "area", "prior_offences", "ocg_link", "excluded_from_school", "consent"]
    let cohort = try DataTable(csvFile: cohortPath, options: design.csvReadOptions(header: header))
    let allocation = try DataTable(csvFile: demo.appendingPathComponent("allocation.csv").path,
                                   options: CSVReadOptions(columnTypes: ["id": .categorical, "arm": .categorical]))
    return try BalanceReport(protocol: study, cohort: cohort, allocation: allocation)
}

/// The committed allocation of the demo cohort is what the library gives today: the same study
/// file, seed and cohort give the same allocation on every machine and in every version.
@Test func theDemoAllocationIsReproducedExactly() throws {
    let study = try StudyProtocol(contentsOfFile: demo.appendingPathComponent("study.yaml").path)
    let design = try AllocationDesign(protocol: study)
    let header = ["id", "age", "sex", "risk_band", "area", "prior_offences", "ocg_link", "excluded_from_school", "consent"]
    let cohort = try DataTable(csvFile: demo.appendingPathComponent("cohort.csv").path, options: design.csvReadOptions(header: header))
    let allocation = try design.allocate(table: cohort, seed: try #require(study.randomisation.seed))
    let committed = try String(contentsOf: demo.appendingPathComponent("allocation.csv"), encoding: .utf8)
    #expect(allocation.table().csvText() == committed)
}

/// A statistic from R (`ReferenceScripts/balance_reference.R`, R 4.2.2) and where ours is.
struct BalanceReferenceCase: Sendable, CustomStringConvertible {
    let description: String
    let value: @Sendable (BalanceReport) -> Double?
    let reference: Double
}

private func comparison(_ covariate: String, _ level: String?, _ arm: String) -> @Sendable (BalanceReport) -> BalanceReport.Comparison? {
    { report in report.comparisons.first { $0.covariate == covariate && $0.level == level && $0.arm == arm } }
}

private func test(_ covariate: String) -> @Sendable (BalanceReport) -> BalanceReport.OmnibusTest? {
    { report in report.tests.first { $0.covariate == covariate } }
}

private let referenceCases: [BalanceReferenceCase] = [
    .init(description: "SMD age police", value: { comparison("age", nil, "police")($0)?.difference }, reference: 0.014402473640902559),
    .init(description: "SMD age partner", value: { comparison("age", nil, "partner")($0)?.difference }, reference: 0.089277368821096117),
    .init(description: "SMD age social_media", value: { comparison("age", nil, "social_media")($0)?.difference }, reference: 0.06834294712858105),
    .init(description: "VR age police", value: { comparison("age", nil, "police")($0)?.varianceRatio }, reference: 1.0606452752688091),
    .init(description: "VR age partner", value: { comparison("age", nil, "partner")($0)?.varianceRatio }, reference: 0.97109610441475913),
    .init(description: "VR age social_media", value: { comparison("age", nil, "social_media")($0)?.varianceRatio }, reference: 0.99238724969517533),
    .init(description: "SMD prior_offences police", value: { comparison("prior_offences", nil, "police")($0)?.difference }, reference: -0.012916518628595821),
    .init(description: "SMD prior_offences partner", value: { comparison("prior_offences", nil, "partner")($0)?.difference }, reference: 0.1084646222460674),
    .init(description: "SMD prior_offences social_media", value: { comparison("prior_offences", nil, "social_media")($0)?.difference }, reference: 0.056542439869522954),
    .init(description: "VR prior_offences police", value: { comparison("prior_offences", nil, "police")($0)?.varianceRatio }, reference: 1.198377800367793),
    .init(description: "VR prior_offences partner", value: { comparison("prior_offences", nil, "partner")($0)?.varianceRatio }, reference: 1.0594707941636134),
    .init(description: "VR prior_offences social_media", value: { comparison("prior_offences", nil, "social_media")($0)?.varianceRatio }, reference: 1.0453722029200401),
    .init(description: "proportion female police", value: { comparison("sex", "female", "police")($0)?.difference }, reference: -0.029724474076318924),
    .init(description: "proportion female partner", value: { comparison("sex", "female", "partner")($0)?.difference }, reference: -0.033654822335025397),
    .init(description: "proportion female social_media", value: { comparison("sex", "female", "social_media")($0)?.difference }, reference: -0.030783535206312523),
    .init(description: "proportion excluded police (missing left out)", value: { comparison("excluded_from_school", "yes", "police")($0)?.difference }, reference: 0.046741205344968617),
    .init(description: "proportion excluded partner", value: { comparison("excluded_from_school", "yes", "partner")($0)?.difference }, reference: 0.066541353383458623),
    .init(description: "proportion excluded social_media", value: { comparison("excluded_from_school", "yes", "social_media")($0)?.difference }, reference: -0.0032388663967611309),
    .init(description: "ANOVA F age", value: { test("age")($0)?.statistic }, reference: 0.35483123516748188),
    .init(description: "ANOVA p age", value: { test("age")($0)?.pValue }, reference: 0.78566208946597715),
    .init(description: "ANOVA F prior_offences", value: { test("prior_offences")($0)?.statistic }, reference: 0.59816928858017293),
    .init(description: "ANOVA p prior_offences", value: { test("prior_offences")($0)?.pValue }, reference: 0.61632574740062163),
    .init(description: "chi-square sex", value: { test("sex")($0)?.statistic }, reference: 0.8618985649198696),
    .init(description: "chi-square p sex", value: { test("sex")($0)?.pValue }, reference: 0.83461143822711337),
    .init(description: "chi-square ocg_link", value: { test("ocg_link")($0)?.statistic }, reference: 3.3565938455166977),
    .init(description: "chi-square p ocg_link", value: { test("ocg_link")($0)?.pValue }, reference: 0.33984318925789903),
    .init(description: "chi-square excluded_from_school", value: { test("excluded_from_school")($0)?.statistic }, reference: 3.0527194770053305),
    .init(description: "chi-square p excluded_from_school", value: { test("excluded_from_school")($0)?.pValue }, reference: 0.3835680780458286),
    .init(description: "chi-square risk_band", value: { test("risk_band")($0)?.statistic }, reference: 0.060752563774428267),
    .init(description: "chi-square p risk_band", value: { test("risk_band")($0)?.pValue }, reference: 0.99999543368433741),
    .init(description: "chi-square area", value: { test("area")($0)?.statistic }, reference: 0.17205504459763576),
    .init(description: "chi-square p area", value: { test("area")($0)?.pValue }, reference: 0.99999971392478004),
]

/// Every statistic agrees with R to 1e-12 relative (the distributions are accurate to 1e-12).
@Test(arguments: referenceCases)
func balanceAgreesWithR(_ testCase: BalanceReferenceCase) throws {
    let value = try #require(testCase.value(try demoReport()))
    #expect(abs(value - testCase.reference) <= 1e-12 * max(abs(testCase.reference), 1e-3), "\(value) against R's \(testCase.reference)")
}

@Test func balanceCountsArmsAndStrata() throws {
    let report = try demoReport()
    #expect(report.arms == ["control", "police", "partner", "social_media"])
    #expect(report.armCounts == [197, 201, 200, 202])
    #expect(report.strata.count == 12)
    #expect(report.strata.reduce(0) { $0 + $1.counts.reduce(0, +) } == 800)
    // Blocks of 4 and 8 keep every stratum within one block of balance.
    for stratum in report.strata { #expect(stratum.counts.max()! - stratum.counts.min()! <= 2) }
    let json = report.rendered(as: .json)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["control"] as? String == "control")
    #expect((object["comparisons"] as? [Any])?.count == report.comparisons.count)
    let markdown = report.rendered(as: .markdown)
    #expect(markdown.contains("| covariate | arm | n | n control |"))
    #expect(markdown.contains("high\\|central"))
    let csv = try DataTable(csvText: report.rendered(as: .csv))
    #expect(csv.rowCount == report.comparisons.count + report.tests.count + 4 + 12 * 4)
}
