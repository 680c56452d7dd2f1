import DisclosureControl
import EnrolmentRegister

/// The enrolment dashboard: people allocated to each arm, overall and in each stratum, as
/// published tables.
///
/// For researchers the counts go through disclosure control (small counts suppressed, the rest
/// rounded, secondary suppression so no total reveals a suppressed cell), so the dashboard never
/// points to a person. It is never shown to enrollers: counts per arm within a stratum can reveal
/// how far a permuted block has been filled, and so the next allocation.
public struct EnrolmentDashboard: Sendable, Equatable {
    /// People allocated to each arm (one column of counts, with its total).
    public var byArm: PublishedTable
    /// People allocated to each arm in each stratum (strata as rows, arms as columns), or `nil`
    /// when the scheme has no strata.
    public var byStratum: PublishedTable?
    /// The disclosure control applied, or `nil` for the true counts.
    public var rule: DisclosureRule?

    /// Builds the dashboard from the register's allocations.
    ///
    /// - Parameters:
    ///   - records: every allocation.
    ///   - arms: the study's arms, in order.
    ///   - rule: the disclosure control to apply, or `nil` for the true counts.
    public init(records: [EnrolmentRecord], arms: [String], rule: DisclosureRule?) {
        var armCounts = Array(repeating: 0, count: arms.count)
        var strata: [String] = []
        var stratumCounts: [String: [Int]] = [:]
        for record in records {
            guard arms.indices.contains(record.armIndex) else { continue }
            armCounts[record.armIndex] += 1
            if let stratum = record.stratum {
                if stratumCounts[stratum] == nil {
                    strata.append(stratum)
                    stratumCounts[stratum] = Array(repeating: 0, count: arms.count)
                }
                stratumCounts[stratum]![record.armIndex] += 1
            }
        }
        let overall = CountTable(labels: arms, counts: armCounts, title: "People allocated to each arm")
        byArm = rule.map { $0.protect(overall) } ?? PublishedTable(unprotected: overall)
        if strata.isEmpty {
            byStratum = nil
        } else {
            strata.sort()
            let table = CountTable(
                title: "People allocated to each arm by stratum", rowLabels: strata, columnLabels: arms,
                counts: strata.map { stratumCounts[$0]! })
            byStratum = rule.map { $0.protect(table) } ?? PublishedTable(unprotected: table)
        }
        self.rule = rule
    }
}
