import DataTables
import Foundation
import SurvivalAnalysis
import Testing

/// A reference case written by Fixtures/make_fixtures.R: the specification and R survival's results.
struct ReferenceCase: CustomStringConvertible {
    let name: String
    /// The parsed JSON object.
    let json: [String: Any]

    static let names = ["lung_sex", "lung_breslow_robust", "lung_cluster_inst", "veteran_strata", "colon_three_arms",
                        "colon_cluster_strata", "rats_litter", "trial_four_arms", "trial_breslow", "five_arms_no_events"]

    static func load(_ name: String) throws -> ReferenceCase {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/reference_\(name)", withExtension: "json"))
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return ReferenceCase(name: name, json: object)
    }

    var description: String { name }

    var settings: [String: Any] { json["case"] as! [String: Any] }

    func table() throws -> DataTable {
        try fixtureTable(settings["file"] as! String)
    }

    var model: SurvivalEffectModel {
        let s = settings
        return SurvivalEffectModel(
            outcome: .times(time: "time", event: "event"), arm: s["arm"] as! String, control: s["control"] as! String,
            covariates: strings(s["covariates"]), cluster: s["cluster"] as? String, strata: s["strata"] as? String,
            ties: TieMethod(rawValue: s["ties"] as! String)!, variance: CoxVariance(rawValue: s["variance"] as! String)!,
            band: ConfidenceBandTransform(rawValue: s["band"] as! String)!, riskTimes: numbers(s["risk_times"]))
    }
}

func fixtureTable(_ file: String) throws -> DataTable {
    let base = (file as NSString).deletingPathExtension
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(base)", withExtension: "csv"))
    return try DataTable(csvFile: url.path)
}

/// A JSON array (or scalar) of numbers; R's "Inf" and "-Inf" are infinities, "NA", "NaN" and
/// `null` are NaN.
func numbers(_ value: Any?) -> [Double] {
    if let array = value as? [Any] { return array.map(number) }
    if value is NSNumber || value is String { return [number(value)] }
    return []
}

func number(_ value: Any?) -> Double {
    if let number = value as? NSNumber { return number.doubleValue }
    switch value as? String {
    case "Inf": return .infinity
    case "-Inf": return -.infinity
    default: return .nan
    }
}

func strings(_ value: Any?) -> [String] {
    if let array = value as? [Any] { return array.map { "\($0)" } }
    if let text = value as? String { return [text] }
    return []
}

/// Expects `actual` to match `expected` to `tolerance` relative (absolute below `floor`);
/// NaN matches only NaN (R's NA).
func expectClose(_ actual: Double, _ expected: Double, tolerance: Double, floor: Double = 1e-12,
                 _ what: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
    if expected.isNaN || actual.isNaN {
        #expect(expected.isNaN && actual.isNaN, "\(what()): \(actual) against R's \(expected)", sourceLocation: sourceLocation)
        return
    }
    if expected.isInfinite || actual.isInfinite {
        #expect(actual == expected, "\(what()): \(actual) against R's \(expected)", sourceLocation: sourceLocation)
        return
    }
    let error = abs(actual - expected) / max(abs(expected), floor)
    #expect(error <= tolerance, "\(what()): \(actual) against R's \(expected) (relative error \(error))", sourceLocation: sourceLocation)
}

func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double, floor: Double = 1e-12,
                 _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what): \(actual.count) values against R's \(expected.count)", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        expectClose(a, e, tolerance: tolerance, floor: floor, "\(what)[\(i)]", sourceLocation: sourceLocation)
    }
}
