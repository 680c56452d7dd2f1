import Foundation

/// The reference values of `Fixtures/score_fixtures.json`, made by
/// `Fixtures/make_score_fixtures.R` from R's glm, MASS::glm.nb, anova(test = "Rao") and multcomp.
struct ScoreFixtures: Decodable {
    /// Rao score statistics of adding the arms to the model without arms.
    struct Rao: Decodable, CustomStringConvertible {
        let name: String
        let outcome: String
        let arm: String
        let control: String
        let fixed: [String]
        let family: String
        let offset: String?
        let n: Int
        let arms: [String]
        let theta: Double?
        let scores: [Double]
        let rao_arm: [Double]
        let rao_joint: Double

        var description: String { name }
    }

    /// Exact randomisation p-values over every assignment of a tiny design, refitted in R.
    struct Enumeration: Decodable, CustomStringConvertible {
        let name: String
        let family: String
        let y: [Double]
        let x: [Double]
        let exposure: [Double]?
        let observed: [Int]
        let assignments: Int
        let statistics: [Double]
        let joint: Double
        let p_values: [Double]
        let p_joint: Double

        var description: String { name }
    }

    /// multcomp's single-step Dunnett adjustment of a ratio analysis.
    struct Dunnett: Decodable, CustomStringConvertible {
        let name: String
        let arms: [String]
        let level: Double
        let p_values: [Double]
        let p_errors: [Double]
        let critical_value: Double
        let critical_slope: Double

        var description: String { name }
    }

    let rao: [Rao]
    let enumeration: [Enumeration]
    let dunnett: [Dunnett]

    static let shared: ScoreFixtures = {
        let url = ReferenceFixtures.folder.appendingPathComponent("score_fixtures.json")
        return try! JSONDecoder().decode(ScoreFixtures.self, from: Data(contentsOf: url))
    }()
}
