import Foundation
import Yams

extension StudyProtocol {
    /// Reads and validates a study file.
    ///
    /// - Parameter path: the YAML file; errors name it as given.
    /// - Throws: ``StudyProtocolError`` listing every problem with its key path, or the YAML
    ///   syntax error with its line and column; a `CocoaError` if the file cannot be read.
    public init(contentsOfFile path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw StudyProtocolError(file: path, problems: [.init(keyPath: "", message: "cannot read the study file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StudyProtocolError(file: path, problems: [.init(keyPath: "", message: "the study file is not UTF-8 text")])
        }
        try self.init(yaml: text, file: path)
    }

    /// Parses and validates a study file's text.
    ///
    /// - Parameters:
    ///   - yaml: the file's contents.
    ///   - file: the name errors give the file; default `study.yaml`.
    /// - Throws: ``StudyProtocolError`` listing every problem.
    public init(yaml: String, file: String = "study.yaml") throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw StudyProtocolError(file: file, problems: [Self.syntaxProblem(error)], isSyntaxError: true)
        }
        var reader = ProtocolReader()
        let parsed = reader.read(root)
        guard reader.problems.isEmpty, let parsed else {
            throw StudyProtocolError(file: file, problems: reader.problems)
        }
        self = parsed
    }

    private static func syntaxProblem(_ error: YamlError) -> StudyProtocolError.Problem {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let context = context.map { "\($0.text) at line \($0.mark.line), column \($0.mark.column): " } ?? ""
            return .init(keyPath: "", message: "YAML syntax error: \(context)\(problem)", line: mark.line, column: mark.column)
        case let .duplicatedKeysInMapping(duplicates, context):
            return .init(keyPath: "", message: "YAML syntax error: duplicate key \(duplicates.sorted().joined(separator: ", ")) in a mapping",
                         line: context.mark.line, column: context.mark.column)
        default:
            return .init(keyPath: "", message: "YAML syntax error: \(error)", line: 1, column: 1)
        }
    }
}

/// Walks a composed YAML tree, building a protocol and collecting every problem on the way.
struct ProtocolReader {
    private(set) var problems: [StudyProtocolError.Problem] = []

    private mutating func report(_ path: String, _ message: String, _ node: Node? = nil) {
        problems.append(.init(keyPath: path, message: message, line: node?.mark?.line, column: node?.mark?.column))
    }

    // MARK: Typed access

    /// The entries of a mapping, reporting keys outside `allowed` (unless `allowed` is nil).
    private mutating func mapping(_ node: Node, _ path: String, allowed: [String]?) -> [String: Node]? {
        guard let mapping = node.mapping else {
            report(path, "expected a mapping of keys to values", node)
            return nil
        }
        var entries: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "?"
            if let allowed, !allowed.contains(key) {
                report(path.isEmpty ? key : "\(path).\(key)", "unknown key '\(key)' (expected one of: \(allowed.joined(separator: ", ")))", keyNode)
                continue
            }
            entries[key] = value
        }
        return entries
    }

    private mutating func string(_ node: Node, _ path: String) -> String? {
        guard let scalar = node.scalar else {
            report(path, "expected a single value", node)
            return nil
        }
        let text = scalar.string
        if text.isEmpty || (scalar.style == .plain && (text == "~" || text == "null")) {
            report(path, "expected a value, found nothing", node)
            return nil
        }
        return text
    }

    private mutating func positiveInteger(_ node: Node, _ path: String) -> Int? {
        guard let text = string(node, path) else { return nil }
        guard let value = Int(text), value >= 1 else {
            report(path, "'\(text)' is not a whole number of at least 1", node)
            return nil
        }
        return value
    }

    private mutating func number(_ node: Node, _ path: String) -> Double? {
        guard let text = string(node, path) else { return nil }
        guard let value = Double(text), value.isFinite else {
            report(path, "'\(text)' is not a number", node)
            return nil
        }
        return value
    }

    private mutating func boolean(_ node: Node, _ path: String) -> Bool? {
        guard let text = string(node, path) else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            report(path, "'\(text)' is not true or false", node)
            return nil
        }
    }

    private mutating func sequence(_ node: Node, _ path: String) -> [Node]? {
        if let sequence = node.sequence { return Array(sequence) }
        report(path, "expected a list", node)
        return nil
    }

    private mutating func strings(_ node: Node, _ path: String) -> [String]? {
        guard let items = sequence(node, path) else { return nil }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = string(item, "\(path)[\(index)]") else { continue }
            if result.contains(text) {
                report("\(path)[\(index)]", "'\(text)' is listed twice", item)
            } else {
                result.append(text)
            }
        }
        return result
    }

    // MARK: The file

    mutating func read(_ root: Node?) -> StudyProtocol? {
        guard let root else {
            report("", "the study file is empty")
            return nil
        }
        let allowedTop = StudyProtocol.sectionNames + StudyProtocol.reservedSectionNames
        guard let top = mapping(root, "", allowed: allowedTop) else { return nil }

        var study: String?
        if let node = top["study"] {
            study = string(node, "study")
        } else {
            report("study", "missing: name the study, e.g. 'study: jigsaw-demo'")
        }
        var armNames: [String] = []
        let arms = top["arms"].map { readArms($0, names: &armNames) } ?? {
            report("arms", "missing: list the arms, e.g. '- {name: control, ratio: 1}'")
            return nil
        }()
        var controlIndex = 0
        if let node = top["control"], let name = string(node, "control"), !armNames.isEmpty {
            if let index = armNames.firstIndex(of: name) {
                controlIndex = index
            } else {
                report("control", "'\(name)' is not one of the arms (\(armNames.joined(separator: ", ")))", node)
            }
        }
        let baseline = top["baseline"].map { readBaseline($0) } ?? []
        let eligibility = top["eligibility"].map { readEligibility($0, baseline: baseline) } ?? []
        var randomisation: RandomisationSettings?
        if let node = top["randomisation"] {
            randomisation = readRandomisation(node, arms: arms, baseline: baseline)
        } else {
            report("randomisation", "missing: give at least 'scheme:'")
        }
        var later: [String: ProtocolValue] = [:]
        for name in StudyProtocol.reservedSectionNames {
            if let node = top[name] { later[name] = Self.value(node) }
        }
        guard let study, let arms, let randomisation, problems.isEmpty else { return nil }
        return StudyProtocol(study: study, arms: arms, controlIndex: controlIndex, randomisation: randomisation,
                             baseline: baseline, eligibility: eligibility, laterSections: later)
    }

    static func value(_ node: Node) -> ProtocolValue {
        switch node {
        case let .scalar(scalar): return .scalar(scalar.string)
        case let .sequence(sequence): return .sequence(sequence.map(value))
        case let .mapping(mapping):
            return .mapping(mapping.map { ProtocolValue.Entry(key: $0.key.string ?? "", value: value($0.value)) })
        case .alias: return .scalar("")
        }
    }

    private mutating func readArms(_ node: Node, names: inout [String]) -> [Arm]? {
        guard let items = sequence(node, "arms") else { return nil }
        var arms: [Arm] = []
        var valid = true
        for (index, item) in items.enumerated() {
            let path = "arms[\(index)]"
            guard let entries = mapping(item, path, allowed: ["name", "ratio"]) else { valid = false; continue }
            var name: String?
            if let nameNode = entries["name"], let text = string(nameNode, "\(path).name") {
                if !Arm.isValidName(text) {
                    report("\(path).name", "'\(text)' is not a valid arm name (letters, digits, '_' and '-' only)", nameNode)
                } else if names.contains(text) {
                    report("\(path).name", "'\(text)' is used by another arm", nameNode)
                } else {
                    name = text
                    names.append(text)
                }
            } else if entries["name"] == nil {
                report(path, "missing 'name'", item)
            }
            var ratio: Int? = 1
            if let ratioNode = entries["ratio"] { ratio = positiveInteger(ratioNode, "\(path).ratio") }
            if let name, let ratio { arms.append(Arm(name: name, ratio: ratio)) } else { valid = false }
        }
        if valid, arms.count < 2 {
            report("arms", "a trial needs at least two arms, found \(arms.count)", node)
            return nil
        }
        return valid ? arms : nil
    }

    private mutating func readBaseline(_ node: Node) -> [BaselineField] {
        guard let items = sequence(node, "baseline") else { return [] }
        var fields: [BaselineField] = []
        for (index, item) in items.enumerated() {
            let path = "baseline[\(index)]"
            guard let entries = mapping(item, path, allowed: ["name", "type", "levels", "required"]) else { continue }
            guard let nameNode = entries["name"] else { report(path, "missing 'name'", item); continue }
            guard let name = string(nameNode, "\(path).name") else { continue }
            if fields.contains(where: { $0.name == name }) {
                report("\(path).name", "'\(name)' is declared twice", nameNode)
                continue
            }
            var kind: BaselineField.Kind?
            if let typeNode = entries["type"], let text = string(typeNode, "\(path).type") {
                kind = BaselineField.Kind(rawValue: text)
                if kind == nil { report("\(path).type", "'\(text)' is not numeric or categorical", typeNode) }
            } else if entries["type"] == nil {
                report(path, "missing 'type' (numeric or categorical)", item)
            }
            var levels: [String] = []
            if let levelsNode = entries["levels"] {
                if kind == .numeric {
                    report("\(path).levels", "a numeric field has no levels", levelsNode)
                } else {
                    levels = strings(levelsNode, "\(path).levels") ?? []
                }
            }
            let required = entries["required"].flatMap { boolean($0, "\(path).required") } ?? false
            if let kind { fields.append(BaselineField(name: name, kind: kind, levels: levels, isRequired: required)) }
        }
        return fields
    }

    private mutating func readEligibility(_ node: Node, baseline: [BaselineField]) -> [EligibilityRule] {
        guard let items = sequence(node, "eligibility") else { return [] }
        var rules: [EligibilityRule] = []
        for (index, item) in items.enumerated() {
            let path = "eligibility[\(index)]"
            guard let entries = mapping(item, path, allowed: ["field", "min", "max", "equals", "in"]) else { continue }
            guard let fieldNode = entries["field"] else { report(path, "missing 'field'", item); continue }
            guard let fieldName = string(fieldNode, "\(path).field") else { continue }
            guard let field = baseline.first(where: { $0.name == fieldName }) else {
                report("\(path).field", "'\(fieldName)' is not a declared baseline field", fieldNode)
                continue
            }
            let hasRange = entries["min"] != nil || entries["max"] != nil
            let hasLabels = entries["equals"] != nil || entries["in"] != nil
            if hasRange && hasLabels || (entries["equals"] != nil && entries["in"] != nil) {
                report(path, "give either min/max, equals or in, not several", item)
                continue
            }
            if hasRange {
                guard field.kind == .numeric else {
                    report(path, "min and max need a numeric field; '\(fieldName)' is categorical", item)
                    continue
                }
                let minimum = entries["min"].flatMap { number($0, "\(path).min") }
                let maximum = entries["max"].flatMap { number($0, "\(path).max") }
                if entries["min"] != nil && minimum == nil || entries["max"] != nil && maximum == nil { continue }
                if let minimum, let maximum, minimum > maximum {
                    report(path, "min \(minimum) is above max \(maximum)", item)
                    continue
                }
                rules.append(EligibilityRule(field: fieldName, condition: .range(minimum: minimum, maximum: maximum)))
            } else if hasLabels {
                guard field.kind == .categorical else {
                    report(path, "equals and in need a categorical field; '\(fieldName)' is numeric", item)
                    continue
                }
                let labelPath = entries["equals"] != nil ? "\(path).equals" : "\(path).in"
                let labels: [String]?
                if let equals = entries["equals"] {
                    labels = string(equals, labelPath).map { [$0] }
                } else {
                    labels = strings(entries["in"]!, labelPath)
                }
                guard let labels, !labels.isEmpty else { continue }
                if !field.levels.isEmpty {
                    let unknown = labels.filter { !field.levels.contains($0) }
                    if !unknown.isEmpty {
                        report(labelPath, "\(unknown.map { "'\($0)'" }.joined(separator: ", ")) not among the levels of '\(fieldName)' (\(field.levels.joined(separator: ", ")))",
                               entries["equals"] ?? entries["in"])
                        continue
                    }
                }
                rules.append(EligibilityRule(field: fieldName, condition: .oneOf(labels)))
            } else {
                report(path, "no condition: give min and/or max, equals or in", item)
            }
        }
        return rules
    }

    // MARK: Randomisation

    private static let schemeKeys: [RandomisationSettings.Scheme: Set<String>] = [
        .simple: [],
        .complete: ["size"],
        .blocks: ["block_sizes"],
        .stratifiedBlocks: ["strata", "block_sizes"],
        .cluster: ["cluster", "strata", "block_sizes", "size"],
        .minimisation: ["minimisation"],
        .rerandomisation: ["rerandomisation"],
    ]

    private mutating func readRandomisation(_ node: Node, arms: [Arm]?, baseline: [BaselineField]) -> RandomisationSettings? {
        let keys = ["scheme", "strata", "block_sizes", "seed", "size", "cluster", "minimisation", "rerandomisation"]
        guard let entries = mapping(node, "randomisation", allowed: keys) else { return nil }
        guard let schemeNode = entries["scheme"] else {
            report("randomisation", "missing 'scheme' (one of: \(RandomisationSettings.Scheme.allCases.map(\.rawValue).joined(separator: ", ")))", node)
            return nil
        }
        guard let schemeText = string(schemeNode, "randomisation.scheme") else { return nil }
        guard let scheme = RandomisationSettings.Scheme(rawValue: schemeText) else {
            report("randomisation.scheme", "'\(schemeText)' is not one of: \(RandomisationSettings.Scheme.allCases.map(\.rawValue).joined(separator: ", "))", schemeNode)
            return nil
        }
        let usable = Self.schemeKeys[scheme]!.union(["scheme", "seed"])
        for key in keys where entries[key] != nil && !usable.contains(key) {
            report("randomisation.\(key)", "not used by the \(scheme.rawValue) scheme", entries[key])
        }
        var settings = RandomisationSettings(scheme: scheme)
        let problemsBefore = problems.count

        if let seedNode = entries["seed"], let text = string(seedNode, "randomisation.seed") {
            if let seed = UInt64(text) { settings.seed = seed } else {
                report("randomisation.seed", "'\(text)' is not a whole number from 0 to 18446744073709551615", seedNode)
            }
        }
        if let sizeNode = entries["size"], usable.contains("size") {
            settings.size = positiveInteger(sizeNode, "randomisation.size")
        }
        if let strataNode = entries["strata"], usable.contains("strata") {
            settings.strata = strings(strataNode, "randomisation.strata") ?? []
            for (index, name) in settings.strata.enumerated() {
                checkCategorical(name, "randomisation.strata[\(index)]", baseline: baseline, node: strataNode)
            }
        }
        if scheme == .stratifiedBlocks, settings.strata.isEmpty, problems.count == problemsBefore {
            report("randomisation.strata", entries["strata"] == nil ? "missing: stratified-blocks needs the stratification fields" : "list at least one stratification field", entries["strata"] ?? node)
        }
        if let sizesNode = entries["block_sizes"], usable.contains("block_sizes") {
            settings.blockSizes = readBlockSizes(sizesNode, ratioTotal: arms?.reduce(0) { $0 + $1.ratio })
        } else if scheme == .blocks || scheme == .stratifiedBlocks {
            report("randomisation.block_sizes", "missing: \(scheme.rawValue) needs the block sizes, e.g. [4, 8]", node)
        }
        if scheme == .cluster {
            if let clusterNode = entries["cluster"], let field = string(clusterNode, "randomisation.cluster") {
                settings.clusterField = field
                if let declared = baseline.first(where: { $0.name == field }), declared.kind != .categorical {
                    report("randomisation.cluster", "'\(field)' is declared numeric; a cluster field names clusters and must be categorical", clusterNode)
                }
            } else if entries["cluster"] == nil {
                report("randomisation.cluster", "missing: name the column that gives each person's cluster", node)
            }
            if !settings.strata.isEmpty && entries["block_sizes"] == nil {
                report("randomisation.strata", "clusters are allocated within strata in permuted blocks: give block_sizes too", entries["strata"])
            }
        }
        if scheme == .minimisation {
            if let minimisationNode = entries["minimisation"] {
                settings.minimisation = readMinimisation(minimisationNode, arms: arms, baseline: baseline)
            } else {
                report("randomisation.minimisation", "missing: give at least 'factors'", node)
            }
        }
        if scheme == .rerandomisation {
            if let rerandomisationNode = entries["rerandomisation"] {
                settings.rerandomisation = readRerandomisation(rerandomisationNode, baseline: baseline)
            } else {
                report("randomisation.rerandomisation", "missing: give 'covariates' and a criterion", node)
            }
        }
        return problems.count == problemsBefore ? settings : nil
    }

    private mutating func readBlockSizes(_ node: Node, ratioTotal: Int?) -> [Int] {
        guard let items = sequence(node, "randomisation.block_sizes") else { return [] }
        if items.isEmpty { report("randomisation.block_sizes", "list at least one block size", node) }
        var sizes: [Int] = []
        for (index, item) in items.enumerated() {
            let path = "randomisation.block_sizes[\(index)]"
            guard let size = positiveInteger(item, path) else { continue }
            if let ratioTotal, size % ratioTotal != 0 {
                report(path, "\(size) is not a multiple of the ratio total \(ratioTotal)", item)
            } else if sizes.contains(size) {
                report(path, "\(size) is listed twice", item)
            } else {
                sizes.append(size)
            }
        }
        return sizes
    }

    private mutating func checkCategorical(_ name: String, _ path: String, baseline: [BaselineField], node: Node?) {
        guard !baseline.isEmpty else { return }
        guard let field = baseline.first(where: { $0.name == name }) else {
            report(path, "'\(name)' is not a declared baseline field", node)
            return
        }
        if field.kind != .categorical {
            report(path, "'\(name)' is numeric; only categorical fields can define strata or minimisation factors", node)
        }
    }

    private mutating func readMinimisation(_ node: Node, arms: [Arm]?, baseline: [BaselineField]) -> MinimisationSettings? {
        let path = "randomisation.minimisation"
        guard let entries = mapping(node, path, allowed: ["factors", "weights", "probability", "imbalance"]) else { return nil }
        let before = problems.count
        var factors: [String] = []
        if let factorsNode = entries["factors"] {
            factors = strings(factorsNode, "\(path).factors") ?? []
            if factors.isEmpty, problems.count == before { report("\(path).factors", "list at least one factor", factorsNode) }
            for (index, name) in factors.enumerated() {
                checkCategorical(name, "\(path).factors[\(index)]", baseline: baseline, node: factorsNode)
            }
        } else {
            report("\(path).factors", "missing: list the baseline fields to balance on", node)
        }
        var weights: [Double]?
        if let weightsNode = entries["weights"], let items = sequence(weightsNode, "\(path).weights") {
            var values: [Double] = []
            for (index, item) in items.enumerated() {
                guard let weight = number(item, "\(path).weights[\(index)]") else { continue }
                if weight <= 0 { report("\(path).weights[\(index)]", "\(weight) is not positive", item) }
                values.append(weight)
            }
            if items.count != factors.count {
                report("\(path).weights", "\(items.count) weights for \(factors.count) factors", weightsNode)
            }
            weights = values
        }
        var probability = 0.8
        if let probabilityNode = entries["probability"], let value = number(probabilityNode, "\(path).probability") {
            probability = value
            if let arms {
                let largestShare = Double(arms.map(\.ratio).max()!) / Double(arms.reduce(0) { $0 + $1.ratio })
                if !(value > 0 && value <= 1) || value < largestShare {
                    report("\(path).probability", "\(value) must lie between the largest arm's share of the ratio (\(largestShare)) and 1", probabilityNode)
                }
            }
        }
        var imbalance = MinimisationSettings.ImbalanceMeasure.range
        if let imbalanceNode = entries["imbalance"], let text = string(imbalanceNode, "\(path).imbalance") {
            if let measure = MinimisationSettings.ImbalanceMeasure(rawValue: text) { imbalance = measure } else {
                report("\(path).imbalance", "'\(text)' is not range or variance", imbalanceNode)
            }
        }
        guard problems.count == before else { return nil }
        return MinimisationSettings(factors: factors, weights: weights, probability: probability, imbalance: imbalance)
    }

    private mutating func readRerandomisation(_ node: Node, baseline: [BaselineField]) -> RerandomisationSettings? {
        let path = "randomisation.rerandomisation"
        guard let entries = mapping(node, path, allowed: ["covariates", "mahalanobis_threshold", "acceptance_probability", "max_draws"]) else { return nil }
        let before = problems.count
        var covariates: [String] = []
        if let covariatesNode = entries["covariates"] {
            covariates = strings(covariatesNode, "\(path).covariates") ?? []
            if covariates.isEmpty, problems.count == before { report("\(path).covariates", "list at least one covariate", covariatesNode) }
            for (index, name) in covariates.enumerated() where !baseline.isEmpty {
                if let field = baseline.first(where: { $0.name == name }) {
                    if field.kind != .numeric {
                        report("\(path).covariates[\(index)]", "'\(name)' is categorical; rerandomisation balances numeric covariates", covariatesNode)
                    }
                } else {
                    report("\(path).covariates[\(index)]", "'\(name)' is not a declared baseline field", covariatesNode)
                }
            }
        } else {
            report("\(path).covariates", "missing: list the numeric baseline fields to balance on", node)
        }
        var criterion: RerandomisationSettings.Criterion?
        switch (entries["mahalanobis_threshold"], entries["acceptance_probability"]) {
        case let (thresholdNode?, nil):
            if let value = number(thresholdNode, "\(path).mahalanobis_threshold") {
                if value > 0 { criterion = .mahalanobisThreshold(value) } else {
                    report("\(path).mahalanobis_threshold", "\(value) is not positive", thresholdNode)
                }
            }
        case let (nil, probabilityNode?):
            if let value = number(probabilityNode, "\(path).acceptance_probability") {
                if value > 0 && value < 1 { criterion = .acceptanceProbability(value) } else {
                    report("\(path).acceptance_probability", "\(value) must lie strictly between 0 and 1", probabilityNode)
                }
            }
        case (_?, _?):
            report(path, "give mahalanobis_threshold or acceptance_probability, not both", node)
        case (nil, nil):
            report(path, "missing a criterion: mahalanobis_threshold or acceptance_probability", node)
        }
        var maximumDraws = 100_000
        if let drawsNode = entries["max_draws"], let value = positiveInteger(drawsNode, "\(path).max_draws") {
            maximumDraws = value
        }
        guard problems.count == before, let criterion else { return nil }
        return RerandomisationSettings(covariates: covariates, criterion: criterion, maximumDraws: maximumDraws)
    }
}
