import DisclosureControl

/// The risk-factor summaries analysts share with partners: the prevalence of each factor and
/// domain overall, by arm, by band and by area, factor co-occurrence and the score
/// distribution, as tables of counts of people ready for disclosure control.
public struct RiskSummary: Sendable {
    /// A way of grouping people (arms, areas): a label per person, or none.
    public struct Grouping: Sendable {
        /// What the groups are (`arm`, `area`).
        public var name: String
        /// The groups in the order tables list them.
        public var labels: [String]
        /// Each person's group, an index into ``labels``, or -1 for none.
        public var codes: [Int32]

        /// Creates a grouping.
        ///
        /// - Precondition: every code is -1 or indexes `labels`.
        public init(name: String, labels: [String], codes: [Int32]) {
            precondition(codes.allSatisfy { $0 >= -1 && Int($0) < labels.count }, "group codes index the labels")
            self.name = name
            self.labels = labels
            self.codes = codes
        }
    }

    /// The scores summarised.
    public let scores: RiskScores
    /// The arms people were allocated to, if given.
    public let arms: Grouping?
    /// The areas people live in, if given.
    public let areas: Grouping?

    /// Creates a summary.
    ///
    /// - Precondition: each grouping has one code per person.
    public init(scores: RiskScores, arms: Grouping? = nil, areas: Grouping? = nil) {
        precondition(arms.map { $0.codes.count == scores.count } ?? true, "one arm code per person")
        precondition(areas.map { $0.codes.count == scores.count } ?? true, "one area code per person")
        self.scores = scores
        self.arms = arms
        self.areas = areas
    }

    private static let readingColumns = ["present", "absent", "not assessed"]

    /// Each domain's reading for each person: present when any of its factors is, absent when
    /// all of them were assessed and none is, otherwise not assessed.
    public func domainReadings() -> [[FactorReading]] {
        let catalogue = scores.catalogue
        return catalogue.domains.map { domain in
            let members = catalogue.factors.indices.filter { catalogue.factors[$0].domain == domain }
            return (0 ..< scores.count).map { person in
                var unknown = false
                for f in members {
                    switch scores.readings[f][person] {
                    case .present: return .present
                    case .notAssessed: unknown = true
                    case .absent: break
                    }
                }
                return unknown ? .notAssessed : .absent
            }
        }
    }

    /// Every table, in the order they are printed.
    ///
    /// - Complexity: O(n × f²) for the co-occurrence table, n people and f factors.
    public func tables() -> [CountTable] {
        let catalogue = scores.catalogue
        let factorLabels = catalogue.factors.map(\.id)
        let domainReadings = domainReadings()
        let domainLabels = catalogue.domains.map(\.rawValue)
        var tables = [
            readingTable(title: "Factors: people with each factor", labels: factorLabels, readings: scores.readings),
            readingTable(title: "Domains: people with any factor of the domain", labels: domainLabels, readings: domainReadings),
        ]
        let bandGrouping = Grouping(name: "band", labels: catalogue.bands.names, codes: scores.bandIndices.map { Int32($0) })
        for grouping in [arms, bandGrouping, areas].compactMap({ $0 }) {
            tables.append(CountTable(labels: grouping.labels, counts: Self.groupSizes(grouping),
                                     title: "People by \(grouping.name)"))
            tables.append(presentByGroup(title: "Factors and domains present, by \(grouping.name)",
                                         labels: factorLabels + domainLabels.map { "domain: \($0)" },
                                         readings: scores.readings + domainReadings, grouping: grouping))
        }
        tables.append(coOccurrence(labels: factorLabels))
        tables.append(scoreDistribution())
        return tables
    }

    /// The tables as they may be published.
    ///
    /// - Parameter rule: the disclosure control to apply, or `nil` to publish the true counts
    ///   (only for the data's owner: each table then says so under it).
    public func published(rule: DisclosureRule?) -> [PublishedTable] {
        tables().map { table in rule.map { $0.protect(table) } ?? PublishedTable(unprotected: table) }
    }

    private func readingTable(title: String, labels: [String], readings: [[FactorReading]]) -> CountTable {
        let counts = readings.map { row in
            var tally = [0, 0, 0]
            for reading in row {
                switch reading {
                case .present: tally[0] += 1
                case .absent: tally[1] += 1
                case .notAssessed: tally[2] += 1
                }
            }
            return tally
        }
        return CountTable(title: title, rowLabels: labels, columnLabels: Self.readingColumns, counts: counts,
                          hasRowTotals: true, hasColumnTotals: false)
    }

    private static func groupSizes(_ grouping: Grouping) -> [Int] {
        var sizes = [Int](repeating: 0, count: grouping.labels.count)
        for code in grouping.codes where code >= 0 { sizes[Int(code)] += 1 }
        return sizes
    }

    /// Counts of people with each factor in each group: a person with a factor is in exactly one
    /// group or none, so each row adds up to its total (people in no group are left out).
    private func presentByGroup(title: String, labels: [String], readings: [[FactorReading]], grouping: Grouping) -> CountTable {
        let counts = readings.map { row in
            var tally = [Int](repeating: 0, count: grouping.labels.count)
            for (person, reading) in row.enumerated() where reading == .present {
                let code = grouping.codes[person]
                if code >= 0 { tally[Int(code)] += 1 }
            }
            return tally
        }
        return CountTable(title: title, rowLabels: labels, columnLabels: grouping.labels, counts: counts,
                          hasRowTotals: true, hasColumnTotals: false)
    }

    /// People with both factors of each pair (the diagonal: people with the factor). The rows
    /// are not parts of a whole, so no totals are published.
    private func coOccurrence(labels: [String]) -> CountTable {
        let f = labels.count
        var counts = [[Int]](repeating: [Int](repeating: 0, count: f), count: f)
        var present: [Int] = []
        for person in 0 ..< scores.count {
            present.removeAll(keepingCapacity: true)
            for k in 0 ..< f where scores.readings[k][person] == .present { present.append(k) }
            for a in present {
                for b in present { counts[a][b] += 1 }
            }
        }
        return CountTable(title: "Co-occurrence: people with both factors", rowLabels: labels, columnLabels: labels,
                          counts: counts, hasRowTotals: false, hasColumnTotals: false)
    }

    /// People at each score.
    private func scoreDistribution() -> CountTable {
        var tally: [Double: Int] = [:]
        for score in scores.scores { tally[score, default: 0] += 1 }
        let values = tally.keys.sorted()
        return CountTable(labels: values.map(RiskNumberFormat.short), counts: values.map { tally[$0]! },
                          title: "Score distribution: people at each score")
    }
}
