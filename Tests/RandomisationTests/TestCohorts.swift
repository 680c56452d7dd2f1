import Randomisation
import StudyProtocol

/// Synthetic cohorts for the tests, made with PreventKit's own generator so they never change.
enum TestCohorts {
    static let bands = ["low", "medium", "high"]
    static let areas = ["north", "south", "east", "west"]

    /// `count` people with an age, a risk band, an area, a family (clusters of 1 to 4 people, all
    /// in one area and band) and a number of prior offences.
    static func people(_ count: Int, seed: UInt64 = 99) -> [EnrolmentUnit] {
        var generator = Xoshiro256StarStar(seed: seed)
        var units: [EnrolmentUnit] = []
        var family = 0
        while units.count < count {
            let size = 1 + generator.uniform(below: 4)
            let band = bands[generator.uniform(below: 3)]
            let area = areas[generator.uniform(below: 4)]
            for _ in 0 ..< size where units.count < count {
                units.append(EnrolmentUnit(id: "P\(1000 + units.count)", fields: [
                    "age": String(10 + generator.uniform(below: 16)),
                    "risk_band": band,
                    "area": area,
                    "family": "F\(family)",
                    "priors": String(Double(generator.uniform(below: 1000)) / 100),
                    "consent": generator.uniform(below: 10) == 0 ? "no" : "yes",
                ]))
            }
            family += 1
        }
        return units
    }

    static let baseline = """
        baseline:
          - {name: age, type: numeric, required: true}
          - {name: risk_band, type: categorical, levels: [low, medium, high], required: true}
          - {name: area, type: categorical, levels: [north, south, east, west]}
          - {name: family, type: categorical}
          - {name: priors, type: numeric}
          - {name: consent, type: categorical, levels: ["yes", "no"]}
        eligibility:
          - {field: age, min: 10, max: 25}
          - {field: consent, equals: "yes"}
        """

    static func design(arms: String = "[{name: control}, {name: police}, {name: partner}, {name: social_media}]",
                       randomisation: String) throws -> AllocationDesign {
        let yaml = "study: test\narms: \(arms)\nrandomisation: \(randomisation)\n" + baseline
        return try AllocationDesign(protocol: StudyProtocol(yaml: yaml))
    }

    /// One design per scheme, with unequal ratios where the scheme allows.
    static let schemes: [(name: String, arms: String, randomisation: String)] = [
        ("simple", "[{name: a, ratio: 2}, {name: b}, {name: c}]", "{scheme: simple}"),
        ("complete", "[{name: a, ratio: 2}, {name: b}, {name: c}]", "{scheme: complete, size: 103}"),
        ("blocks", "[{name: a, ratio: 2}, {name: b}, {name: c}]", "{scheme: blocks, block_sizes: [4, 8, 12]}"),
        ("stratified-blocks", "[{name: control}, {name: police}, {name: partner}, {name: social_media}]",
         "{scheme: stratified-blocks, strata: [risk_band, area], block_sizes: [4, 8]}"),
        ("cluster complete", "[{name: a}, {name: b}]", "{scheme: cluster, cluster: family, size: 60}"),
        ("cluster in strata", "[{name: a}, {name: b}, {name: c}]",
         "{scheme: cluster, cluster: family, strata: [area], block_sizes: [3, 6]}"),
        ("minimisation", "[{name: a, ratio: 2}, {name: b}, {name: c}]",
         "{scheme: minimisation, minimisation: {factors: [risk_band, area], weights: [2, 1], probability: 0.85}}"),
        ("minimisation variance", "[{name: a}, {name: b}]",
         "{scheme: minimisation, minimisation: {factors: [risk_band, area], imbalance: variance}}"),
    ]
}
