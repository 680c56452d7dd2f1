import StudyProtocol
import Testing

private let jigsaw = """
    study: jigsaw-demo
    arms:
      - {name: control, ratio: 1}
      - {name: police, ratio: 1}
      - {name: partner, ratio: 1}
      - {name: social_media, ratio: 1}
    randomisation:
      scheme: stratified-blocks
      strata: [risk_band, area]
      block_sizes: [4, 8]
      seed: 20151203
    baseline:
      - {name: age, type: numeric, required: true}
      - {name: risk_band, type: categorical, levels: [low, medium, high], required: true}
      - {name: area, type: categorical, required: true}
      - {name: consent, type: categorical, levels: ["yes", "no"]}
    eligibility:
      - {field: age, min: 10, max: 25}
      - {field: consent, equals: yes}
    outcomes:
      - {name: reoffended, type: binary}
    """

@Test func theReferenceDesignLoads() throws {
    let study = try StudyProtocol(yaml: jigsaw)
    #expect(study.study == "jigsaw-demo")
    #expect(study.arms.map(\.name) == ["control", "police", "partner", "social_media"])
    #expect(study.control.name == "control")
    #expect(study.ratioTotal == 4)
    #expect(study.randomisation.scheme == .stratifiedBlocks)
    #expect(study.randomisation.strata == ["risk_band", "area"])
    #expect(study.randomisation.blockSizes == [4, 8])
    #expect(study.randomisation.seed == 20_151_203)
    #expect(study.baselineField(named: "risk_band")?.levels == ["low", "medium", "high"])
    #expect(study.baselineField(named: "age")?.isRequired == true)
    #expect(study.eligibility == [
        EligibilityRule(field: "age", condition: .range(minimum: 10, maximum: 25)),
        EligibilityRule(field: "consent", condition: .oneOf(["yes"])),
    ])
    #expect(study.eligibility.map(\.description) == ["age between 10 and 25", "consent is yes"])
    // A section reserved for a later part of the toolkit is kept as read.
    #expect(study.laterSections["outcomes"] == .sequence([.mapping([
        .init(key: "name", value: .scalar("reoffended")), .init(key: "type", value: .scalar("binary")),
    ])]))
}

@Test func otherSchemesLoad() throws {
    let minimisation = try StudyProtocol(yaml: """
        study: m
        arms: [{name: a, ratio: 2}, {name: b}]
        control: b
        randomisation:
          scheme: minimisation
          minimisation: {factors: [sex, band], weights: [2, 1], probability: 0.9, imbalance: variance}
        """)
    #expect(minimisation.controlIndex == 1)
    #expect(minimisation.randomisation.minimisation == MinimisationSettings(factors: ["sex", "band"], weights: [2, 1], probability: 0.9, imbalance: .variance))
    let cluster = try StudyProtocol(yaml: """
        study: c
        arms: [{name: a}, {name: b}]
        randomisation: {scheme: cluster, cluster: family, size: 40}
        """)
    #expect(cluster.randomisation.clusterField == "family")
    #expect(cluster.randomisation.size == 40)
    let rerandomisation = try StudyProtocol(yaml: """
        study: r
        arms: [{name: a}, {name: b}]
        randomisation:
          scheme: rerandomisation
          rerandomisation: {covariates: [age, priors], acceptance_probability: 0.05}
        """)
    #expect(rerandomisation.randomisation.rerandomisation?.criterion == .acceptanceProbability(0.05))
    #expect(rerandomisation.randomisation.rerandomisation?.maximumDraws == 100_000)
}

/// A bad study file and the lines its error must contain.
struct BadProtocolCase: Sendable, CustomStringConvertible {
    let description: String
    let yaml: String
    let expected: [String]
}

private let badCases: [BadProtocolCase] = [
    .init(description: "block size not a multiple of the ratio total", yaml: """
        study: s
        arms: [{name: a, ratio: 1}, {name: b, ratio: 3}]
        randomisation: {scheme: blocks, block_sizes: [4, 6, 8]}
        """, expected: ["study.yaml: randomisation.block_sizes[1]: 6 is not a multiple of the ratio total 4"]),
    .init(description: "every problem at once", yaml: """
        study: s
        arms:
          - {name: a, ratio: 0}
          - {name: a}
          - {name: "bad name"}
        control: z
        randomisation: {scheme: stratified-blocks, block_sizes: [3], colour: red}
        plots: yes
        """, expected: [
            "study.yaml: plots: unknown key 'plots'",
            "study.yaml: arms[0].ratio: '0' is not a whole number of at least 1",
            "study.yaml: arms[1].name: 'a' is used by another arm",
            "study.yaml: arms[2].name: 'bad name' is not a valid arm name",
            "study.yaml: control: 'z' is not one of the arms (a)",
            "study.yaml: randomisation.colour: unknown key 'colour'",
            "study.yaml: randomisation.strata: missing",
        ]),
    .init(description: "unknown control arm", yaml: """
        study: s
        arms: [{name: a}, {name: b}]
        control: c
        randomisation: {scheme: simple}
        """, expected: ["study.yaml: control: 'c' is not one of the arms (a, b)"]),
    .init(description: "missing sections", yaml: "study: s\n", expected: [
        "study.yaml: arms: missing", "study.yaml: randomisation: missing",
    ]),
    .init(description: "unknown scheme", yaml: """
        study: s
        arms: [{name: a}, {name: b}]
        randomisation: {scheme: coin-toss}
        """, expected: ["study.yaml: randomisation.scheme: 'coin-toss' is not one of: simple, complete, blocks"]),
    .init(description: "stratum field not declared, or numeric", yaml: """
        study: s
        arms: [{name: a}, {name: b}]
        randomisation: {scheme: stratified-blocks, strata: [area, age], block_sizes: [2]}
        baseline:
          - {name: age, type: numeric}
        """, expected: [
            "study.yaml: randomisation.strata[0]: 'area' is not a declared baseline field",
            "study.yaml: randomisation.strata[1]: 'age' is numeric",
        ]),
    .init(description: "key not used by the scheme", yaml: """
        study: s
        arms: [{name: a}, {name: b}]
        randomisation: {scheme: simple, block_sizes: [2]}
        """, expected: ["study.yaml: randomisation.block_sizes: not used by the simple scheme"]),
    .init(description: "bad eligibility rules", yaml: """
        study: s
        arms: [{name: a}, {name: b}]
        randomisation: {scheme: simple}
        baseline:
          - {name: age, type: numeric}
          - {name: consent, type: categorical, levels: ["yes", "no"]}
        eligibility:
          - {field: age, min: 25, max: 10}
          - {field: consent, equals: maybe}
          - {field: height, min: 1}
          - {field: age, equals: 3}
        """, expected: [
            "study.yaml: eligibility[0]: min 25.0 is above max 10.0",
            "study.yaml: eligibility[1].equals: 'maybe' not among the levels of 'consent' (yes, no)",
            "study.yaml: eligibility[2].field: 'height' is not a declared baseline field",
            "study.yaml: eligibility[3]: equals and in need a categorical field; 'age' is numeric",
        ]),
    .init(description: "bad minimisation settings", yaml: """
        study: s
        arms: [{name: a}, {name: b}]
        randomisation:
          scheme: minimisation
          minimisation: {factors: [sex], weights: [1, 2], probability: 0.3, imbalance: spread}
        """, expected: [
            "study.yaml: randomisation.minimisation.weights: 2 weights for 1 factors",
            "study.yaml: randomisation.minimisation.probability: 0.3 must lie between",
            "study.yaml: randomisation.minimisation.imbalance: 'spread' is not range or variance",
        ]),
    .init(description: "two rerandomisation criteria", yaml: """
        study: s
        arms: [{name: a}, {name: b}]
        randomisation:
          scheme: rerandomisation
          rerandomisation: {covariates: [age], mahalanobis_threshold: 2, acceptance_probability: 0.1}
        """, expected: ["study.yaml: randomisation.rerandomisation: give mahalanobis_threshold or acceptance_probability, not both"]),
    .init(description: "a bad seed", yaml: """
        study: s
        arms: [{name: a}, {name: b}]
        randomisation: {scheme: simple, seed: -4}
        """, expected: ["study.yaml: randomisation.seed: '-4' is not a whole number"]),
    .init(description: "malformed YAML", yaml: "study: s\narms: [{name: a}, {name: b}\nrandomisation: {scheme: simple}\n",
          expected: ["study.yaml:3:", "YAML syntax error"]),
    .init(description: "not a mapping", yaml: "- just\n- a list\n", expected: ["study.yaml: expected a mapping"]),
]

@Test(arguments: badCases)
func badFilesReportEveryProblem(_ badCase: BadProtocolCase) {
    do {
        _ = try StudyProtocol(yaml: badCase.yaml)
        Issue.record("the file loaded")
    } catch let error as StudyProtocolError {
        let text = error.description
        for line in badCase.expected {
            #expect(text.contains(line), "\(text)")
        }
        if !error.isSyntaxError {
            #expect(error.problems.count == badCase.expected.count, "\(text)")
        }
    } catch {
        Issue.record("unexpected error \(error)")
    }
}

@Test func aMissingFileIsNamed() {
    #expect(throws: StudyProtocolError.self) { try StudyProtocol(contentsOfFile: "/nonexistent/study.yaml") }
}
