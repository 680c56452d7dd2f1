import DataTables
import Foundation
import GeneralisedLinearModels
import LinearAlgebra

/// The reference values of `Fixtures/expected.json`, made by `Fixtures/make_fixtures.R` from R's
/// glm, MASS::glm.nb, sandwich and estimatr.
struct ReferenceFixtures: Decodable {
    struct Model: Decodable, CustomStringConvertible {
        let name: String
        let family: String
        let file: String
        let columns: [String]
        let has_weights: Bool
        let has_offset: Bool
        let has_cluster: Bool
        let coefficients: [Double?]
        let se_model: [Double?]
        let se_hc0: [Double?]
        let se_hc1: [Double?]
        let se_cr0: [Double?]?
        let se_cr1: [Double?]?
        let se_stata: [Double?]?
        let deviance: Double
        let null_deviance: Double
        let aic: Double
        let df_residual: Int
        let df_null: Int
        let iterations: Int
        let theta: Double?
        let theta_se: Double?
        let log_likelihood: Double?

        var description: String { name }
    }

    struct Trial: Decodable, CustomStringConvertible {
        struct Specification: Decodable {
            let outcome: String
            let arm: String
            let control: String
            let covariates: [String]?
            let cluster: String?
            let blocks: String?
            let weights: String?
            let exposure: String?
            let family: String
            let estimand: String
            let variance: String
            let level: Double?
        }

        struct Row: Decodable {
            let arm: String
            let coefficient: Double
            let std_error: Double
            let estimate: Double
            let conf_low: Double
            let conf_high: Double
            let p_value: Double
        }

        let name: String
        let file: String
        let spec: Specification
        let n: Int
        let n_dropped: Int
        let rows: [Row]
        let theta: Double?
        let theta_se: Double?
        let aic: Double?
        let deviance: Double?

        var description: String { name }

        /// The specification as PreventKit spells it.
        var model: OutcomeEffectModel {
            OutcomeEffectModel(
                outcome: spec.outcome, arm: spec.arm, control: spec.control, covariates: spec.covariates ?? [],
                cluster: spec.cluster, blocks: spec.blocks, weights: spec.weights,
                family: OutcomeFamily(rawValue: spec.family)!, estimand: OutcomeEstimand(rawValue: spec.estimand)!,
                exposure: spec.exposure, variance: EffectVariance(rawValue: spec.variance)!,
                confidenceLevel: spec.level ?? 0.95)
        }
    }

    let models: [Model]
    let trials: [Trial]

    static let folder: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static let shared: ReferenceFixtures = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("expected.json"))
        return try! JSONDecoder().decode(ReferenceFixtures.self, from: data)
    }()

    static func table(_ file: String) throws -> DataTable {
        try DataTable(csvFile: folder.appendingPathComponent(file).path)
    }
}

/// A model-level case's inputs, read from its CSV.
struct ModelInputs {
    let design: Matrix
    let response: [Double]
    let weights: [Double]?
    let offset: [Double]?
    let clusters: [Int]?

    init(_ model: ReferenceFixtures.Model) throws {
        let table = try ReferenceFixtures.table(model.file)
        let columns = try table.numericValues((1 ... model.columns.count).map { "x\($0)" })
        design = Matrix(columns: columns)
        response = try table.numeric("y").values
        weights = model.has_weights ? try table.numeric("w").values : nil
        offset = model.has_offset ? try table.numeric("offset").values : nil
        clusters = model.has_cluster ? try table.numeric("cluster").values.map { Int($0) } : nil
    }
}

/// |a − b| / max(|a|, |b|), 0 when both are 0.
func relativeError(_ a: Double, _ b: Double) -> Double {
    let scale = max(abs(a), abs(b))
    return scale == 0 ? 0 : abs(a - b) / scale
}

/// Captures the description of the error `body` throws, or `nil` if it does not throw.
func thrownDescription(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return String(describing: error)
    }
}
