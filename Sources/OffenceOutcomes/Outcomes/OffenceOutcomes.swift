import DataTables
import Foundation

/// Per-person trial outcomes computed from police offence records: any offence, the number of
/// offences, crime harm, time to first offence with censoring, and time at risk.
///
/// Each person is followed from the day after their allocation date for
/// ``FollowUpSettings/followUpDays`` days, or until the date they were lost to follow-up if that
/// comes first. An offence counts if it is dated in that period and was not found by proactive
/// policing (as the Cambridge Crime Harm Index requires, since proactive detections measure
/// police activity rather than offending). Harm is the sum of the counted offences' weights.
/// Every record is accounted for in ``summary``.
public struct OffenceOutcomes: Sendable {
    /// One row per person of the cohort, in the cohort's order.
    public let people: [PersonOutcome]
    /// What was counted and what was left out.
    public let summary: ExclusionSummary
    /// The cohort's identifier column name, used for the table's identifier column.
    public let idColumn: String

    /// Computes the outcomes from three CSV files.
    ///
    /// - Parameters:
    ///   - offencesFile: Offence records: person id, offence date, offence code, proactive flag.
    ///   - cohortFile: The cohort: person id, allocation date, optional date lost to follow-up.
    ///   - harmWeights: The harm weight of each offence code.
    ///   - harmWeightsFile: The weights' file name, for messages about unknown codes.
    ///   - settings: The window and the columns.
    /// - Throws: `CSVError` for a file that cannot be read or parsed; ``OffenceOutcomesError``
    ///   naming file, line and column for a bad follow-up length, a missing column, a missing
    ///   or duplicate person id, a date that cannot be read, a loss to follow-up dated before
    ///   allocation, a bad proactive flag, an unknown offence code (unless
    ///   ``FollowUpSettings/UnknownCodes/zeroWeight``) or an offence of a person not in the
    ///   cohort (unless ``FollowUpSettings/UnknownPeople/ignore``).
    /// - Complexity: O(people + records).
    public init(offencesFile: String, cohortFile: String, harmWeights: HarmWeights, harmWeightsFile: String = "the harm table",
                settings: FollowUpSettings) throws {
        guard settings.followUpDays >= 1 else {
            throw OffenceOutcomesError(CellLocation(file: "follow-up"), "the follow-up must be at least 1 day, not \(settings.followUpDays)")
        }
        // The cohort.
        let cohort = try LocatedTable(file: cohortFile, textColumns: [settings.cohortIDColumn, settings.allocationDateColumn, settings.lostDateColumn],
                                      required: [settings.cohortIDColumn, settings.allocationDateColumn])
        let ids = try cohort.requiredText(settings.cohortIDColumn, what: "person id")
        let allocationDates = try cohort.dates(settings.allocationDateColumn, format: settings.dateFormat)
        let hasLostColumn = cohort.table[settings.lostDateColumn] != nil
        let lostDates = hasLostColumn ? try cohort.dates(settings.lostDateColumn, format: settings.dateFormat)
                                      : Array(repeating: nil, count: cohort.rowCount)
        var personOfID: [String: Int] = [:]
        var endOffset = [Int](repeating: settings.followUpDays, count: ids.count)
        var lost = [Bool](repeating: false, count: ids.count)
        var allocationDay = [Int](repeating: 0, count: ids.count)
        for (row, id) in ids.enumerated() {
            if let first = personOfID[id] {
                let line = cohort.recordLines.line(ofRow: first).map { " (first on line \($0))" } ?? ""
                throw OffenceOutcomesError(cohort.location(row: row, column: settings.cohortIDColumn),
                                           "person '\(id)' appears twice in the cohort\(line)")
            }
            personOfID[id] = row
            guard let allocated = allocationDates[row] else {
                throw OffenceOutcomesError(cohort.location(row: row, column: settings.allocationDateColumn), "the allocation date is missing")
            }
            allocationDay[row] = allocated.dayNumber
            if let lostDate = lostDates[row] {
                let offset = lostDate.dayNumber - allocated.dayNumber
                guard offset >= 0 else {
                    throw OffenceOutcomesError(cohort.location(row: row, column: settings.lostDateColumn),
                                               "the date lost to follow-up \(lostDate) is before the allocation date \(allocated)")
                }
                if offset < settings.followUpDays {
                    endOffset[row] = offset
                    lost[row] = true
                }
            }
        }

        // The offences.
        let records = try LocatedTable(
            file: offencesFile,
            textColumns: [settings.offenceIDColumn, settings.offenceDateColumn, settings.offenceCodeColumn, settings.proactiveColumn],
            required: [settings.offenceIDColumn, settings.offenceDateColumn, settings.offenceCodeColumn, settings.proactiveColumn])
        let offenderIDs = try records.requiredText(settings.offenceIDColumn, what: "person id")
        let offenceDates = try records.dates(settings.offenceDateColumn, format: settings.dateFormat)
        let codes = try records.requiredText(settings.offenceCodeColumn, what: "offence code")
        let flags = records.text(settings.proactiveColumn)

        var summary = ExclusionSummary()
        summary.records = records.rowCount
        summary.people = ids.count
        summary.lostToFollowUp = lost.filter { $0 }.count
        var counts = [Int](repeating: 0, count: ids.count)
        var harm = [Double](repeating: 0, count: ids.count)
        var first = [Int?](repeating: nil, count: ids.count)
        var unknownCodes = Set<String>()
        for row in 0 ..< records.rowCount {
            guard let person = personOfID[offenderIDs[row]] else {
                if settings.unknownPeople == .ignore {
                    summary.notInCohort += 1
                    continue
                }
                throw OffenceOutcomesError(records.location(row: row, column: settings.offenceIDColumn),
                                           "person '\(offenderIDs[row])' is not in the cohort (\(cohortFile))")
            }
            guard let date = offenceDates[row] else {
                throw OffenceOutcomesError(records.location(row: row, column: settings.offenceDateColumn), "the offence date is missing")
            }
            let proactive = try Self.flag(flags[row], at: records.location(row: row, column: settings.proactiveColumn))
            let weight = harmWeights[codes[row]]
            if weight == nil {
                if settings.unknownCodes == .error {
                    throw OffenceOutcomesError(records.location(row: row, column: settings.offenceCodeColumn),
                                               "unknown offence code \"\(codes[row])\" (not in \(harmWeightsFile))")
                }
            }
            let offset = date.dayNumber - allocationDay[person]
            if offset <= 0 {
                summary.beforeAllocation += 1
            } else if offset > endOffset[person] {
                summary.afterFollowUp += 1
            } else if proactive {
                summary.proactive += 1
            } else {
                summary.counted += 1
                counts[person] += 1
                if let weight {
                    harm[person] += weight
                } else {
                    summary.unknownCodeCounted += 1
                    unknownCodes.insert(codes[row])
                }
                first[person] = min(first[person] ?? offset, offset)
            }
        }
        summary.unknownCodes = unknownCodes.sorted()
        people = ids.indices.map { person in
            PersonOutcome(id: ids[person], offenceCount: counts[person], harm: harm[person],
                          timeToFirstOffence: first[person] ?? endOffset[person], daysAtRisk: endOffset[person],
                          lostToFollowUp: lost[person])
        }
        self.summary = summary
        idColumn = settings.cohortIDColumn
    }

    /// Reads a proactive flag: yes/no, true/false, y/n or 1/0 in any case.
    private static func flag(_ text: String?, at location: CellLocation) throws -> Bool {
        switch text?.lowercased() {
        case "yes", "y", "true", "1": return true
        case "no", "n", "false", "0": return false
        case nil: throw OffenceOutcomesError(location, "the proactive flag is missing (write yes or no)")
        case let other?: throw OffenceOutcomesError(location, "\"\(other)\" is not a proactive flag (write yes or no)")
        }
    }

    /// The names of the outcome columns of ``table``, after the identifier column.
    public static let outcomeColumns = ["any_offence", "offence_count", "harm", "log_harm", "time_to_first_offence",
                                        "first_offence", "days_at_risk", "lost_to_follow_up"]

    /// The outcomes as a table, one row per person, joinable to the allocation by the identifier:
    /// the identifier (named as in the cohort), `any_offence` (0/1), `offence_count`, `harm`
    /// (days), `log_harm` (log(1 + harm)), `time_to_first_offence` (days), `first_offence`
    /// (1 for an offence, 0 for censoring), `days_at_risk` and `lost_to_follow_up` (0/1).
    public var table: DataTable {
        func numbers(_ values: (PersonOutcome) -> Double) -> Column { .numeric(NumericColumn(people.map(values))) }
        return DataTable([
            (name: idColumn, column: .categorical(CategoricalColumn(people.map { Optional($0.id) }))),
            (name: "any_offence", column: numbers { $0.anyOffence ? 1 : 0 }),
            (name: "offence_count", column: numbers { Double($0.offenceCount) }),
            (name: "harm", column: numbers { $0.harm }),
            (name: "log_harm", column: numbers { $0.logHarm }),
            (name: "time_to_first_offence", column: numbers { Double($0.timeToFirstOffence) }),
            (name: "first_offence", column: numbers { $0.firstOffenceObserved ? 1 : 0 }),
            (name: "days_at_risk", column: numbers { Double($0.daysAtRisk) }),
            (name: "lost_to_follow_up", column: numbers { $0.lostToFollowUp ? 1 : 0 }),
        ])
    }
}
