import DataTables
import Foundation
import LinearAlgebra
import Testing
@testable import TrialAnalysis

/// Agreement with R estimatr 1.0.0 (`make_estimatr_fixtures.R`, beside the fixtures): every
/// coefficient's estimate, standard error, degrees of freedom, p-value and confidence limits,
/// the Holm-adjusted p-values of the arms and the joint Wald test, to 1e-8 relative.
struct EstimatrFixtureTests {
    static let relativeTolerance = 1e-8

    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let data: String
        let model: ArmEffectModel
        let n: Int
        let dropped: Int
        let clusters: Int?
        var testDescription: String { id }
    }

    static func fixture(_ name: String) throws -> DataTable {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "csv"))
        return try DataTable(csvFile: url.path)
    }

    static let cases: [Case] = {
        guard let table = try? fixture("cases") else { return [] }
        func text(_ name: String) -> [String] { ((try? table.categorical(name))?.values ?? []).map { $0 ?? "" } }
        func number(_ name: String) -> [Double] { (try? table.numeric(name))?.values ?? [] }
        // A column of numbers only (such as the control levels of numeric arms) reads as numeric.
        func labels(_ name: String) -> [String] {
            if case .numeric(let column)? = table[name] { return column.values.map(AnalysisSample.label) }
            return text(name)
        }
        let ids = text("case"), data = text("data"), outcomes = text("outcome"), arms = text("arm")
        let controls = labels("control"), covariates = text("covariates"), adjustments = text("adjustment")
        let clusters = text("cluster"), seTypes = text("se_type"), blocks = text("blocks")
        let weights = text("weights")
        let n = number("n"), dropped = number("n_dropped"), clusterCounts = number("n_clusters")
        return ids.indices.map { i in
            Case(id: ids[i], data: data[i],
                 model: ArmEffectModel(
                    outcome: outcomes[i], arm: arms[i], control: controls[i],
                    covariates: covariates[i].isEmpty ? [] : covariates[i].split(separator: ";").map(String.init),
                    adjustment: CovariateAdjustment(rawValue: adjustments[i])!,
                    cluster: clusters[i].isEmpty ? nil : clusters[i],
                    blocks: blocks[i].isEmpty ? nil : blocks[i],
                    weights: weights[i].isEmpty ? nil : weights[i],
                    variance: VarianceEstimator(rawValue: seTypes[i])!),
                 n: Int(n[i]), dropped: Int(dropped[i]),
                 clusters: clusterCounts[i].isNaN ? nil : Int(clusterCounts[i]))
        }
    }()

    static func expectClose(_ actual: Double, _ expected: Double, _ what: String, _ id: String) {
        if expected.isNaN {
            #expect(actual.isNaN, "\(id) \(what): expected NA, got \(actual)")
            return
        }
        let scale = max(abs(actual), abs(expected))
        #expect(abs(actual - expected) <= relativeTolerance * scale,
                "\(id) \(what): \(actual) vs estimatr \(expected) (relative \(abs(actual - expected) / scale))")
    }

    @Test func fixturesAreLoaded() {
        #expect(Self.cases.count == 81)
    }

    @Test(arguments: cases)
    func agreesWithEstimatr(_ fixture: Case) throws {
        let data = try Self.fixture("data_\(fixture.data)")
        let result = try fixture.model.fit(data)
        #expect(result.observationCount == fixture.n)
        #expect(result.droppedCount == fixture.dropped)
        #expect(result.clusterCount == fixture.clusters)

        // estimatr names the arm dummies `arm_factor<level>` and reports no intercept or block
        // coefficients when it absorbs blocks; match the rest by name.
        let reference = try Self.fixture("coefficients")
        let caseColumn = try reference.categorical("case")
        let terms = try reference.categorical("term")
        let rows = caseColumn.values.indices.filter { caseColumn[$0] == fixture.id }
        let model = result.model
        let expectedColumns = fixture.model.blocks == nil ? model.columnNames.count
            : model.columnNames.count - 1 - model.columnNames.filter { $0.hasPrefix(fixture.model.blocks!) }.count
        try #require(rows.count == expectedColumns, "\(fixture.id): \(model.columnNames) against \(rows.count) terms")
        let column = { (name: String) in try reference.numeric(name).values }
        let (estimate, se, df, p, low, high, holm) = try (column("estimate"), column("std_error"), column("df"),
                                                         column("p_value"), column("conf_low"), column("conf_high"),
                                                         column("holm"))
        var expectedDropped: [String] = []
        for row in rows {
            let name = terms[row]!.replacingOccurrences(of: "arm_factor", with: fixture.model.arm)
            let position = try #require(model.columnNames.firstIndex(of: name), "\(fixture.id): no column \(name)")
            if estimate[row].isNaN { expectedDropped.append(name) }
            Self.expectClose(model.coefficients[position], estimate[row], "estimate of \(name)", fixture.id)
            Self.expectClose(model.standardErrors[position], se[row], "SE of \(name)", fixture.id)
            Self.expectClose(model.degreesOfFreedom[position], df[row], "df of \(name)", fixture.id)
            let inference = model.inference(forColumn: position, level: fixture.model.confidenceLevel)
            Self.expectClose(inference?.pValue ?? .nan, p[row], "p-value of \(name)", fixture.id)
            Self.expectClose(inference?.lowerBound ?? .nan, low[row], "lower limit of \(name)", fixture.id)
            Self.expectClose(inference?.upperBound ?? .nan, high[row], "upper limit of \(name)", fixture.id)
            if let effect = result.effects.first(where: { fixture.model.arm + $0.arm == name }) {
                Self.expectClose(effect.estimate, estimate[row], "estimate of arm \(effect.arm)", fixture.id)
                Self.expectClose(effect.holmPValue, holm[row], "Holm p-value of arm \(effect.arm)", fixture.id)
            }
        }
        #expect(result.droppedColumns == expectedDropped)

        let joint = try Self.fixture("joint")
        let jointRow = try #require(try joint.categorical("case").values.firstIndex(of: fixture.id))
        let jointTest = try #require(result.jointTest)
        Self.expectClose(jointTest.statistic, try joint.numeric("statistic").values[jointRow], "joint F", fixture.id)
        Self.expectClose(jointTest.numeratorDegreesOfFreedom, try joint.numeric("df1").values[jointRow], "joint df1", fixture.id)
        Self.expectClose(jointTest.denominatorDegreesOfFreedom, try joint.numeric("df2").values[jointRow], "joint df2", fixture.id)
        Self.expectClose(jointTest.pValue, try joint.numeric("p_value").values[jointRow], "joint p-value", fixture.id)
    }

    /// Without covariates, HC2 gives estimatr's `difference_in_means` estimate and (Neyman)
    /// standard error for each arm against control. (Its Welch degrees of freedom are not
    /// reproduced: the regression uses N − K.)
    @Test func differenceInMeansMatchesEstimatr() throws {
        let reference = try Self.fixture("dim")
        let ids = try reference.categorical("case").values.map { $0! }
        let arms = try reference.categorical("arm").values.map { $0! }
        let estimates = try reference.numeric("estimate").values
        let errors = try reference.numeric("std_error").values
        #expect(ids.count >= 4)
        for id in Set(ids) {
            let fixture = try #require(Self.cases.first { $0.id == id })
            let result = try fixture.model.fit(try Self.fixture("data_\(fixture.data)"))
            for row in ids.indices where ids[row] == id {
                let effect = try #require(result.effects.first { $0.arm == arms[row] })
                Self.expectClose(effect.estimate, estimates[row], "difference in means of \(arms[row])", id)
                Self.expectClose(effect.standardError, errors[row], "Neyman SE of \(arms[row])", id)
            }
        }
    }
}
