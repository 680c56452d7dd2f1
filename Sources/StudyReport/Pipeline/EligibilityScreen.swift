import DataTables
import Randomisation

/// The cohort checked against the study's eligibility rules: who is eligible, and how many fail
/// each rule.
struct EligibilityScreen {
    /// The eligible rows of the cohort, in order.
    let eligibleRows: [Int]
    /// Each failed rule with the number of people failing it, in the order of the rules.
    let reasons: [(reason: String, count: Int)]

    /// Checks every row of the cohort.
    ///
    /// - Throws: ``StudyReportError`` naming the cohort file and row of a value that is not of
    ///   its field's type, or a required field the cohort lacks.
    init(cohort table: DataTable, design: AllocationDesign, file: String) throws {
        let rules = design.studyProtocol.eligibility
        guard !rules.isEmpty else {
            eligibleRows = Array(0 ..< table.rowCount)
            reasons = []
            return
        }
        for field in design.studyProtocol.baseline where field.isRequired && table[field.name] == nil {
            throw StudyReportError(file: file, message: "there is no column '\(field.name)' (a required baseline field)")
        }
        let names = Set(rules.map(\.field) + design.studyProtocol.baseline.map(\.name).filter { table[$0] != nil }).sorted()
        let columns = names.map { ($0, table[$0]) }
        var keep: [Int] = []
        var tally: [String: Int] = [:]
        var order: [String] = []
        for row in 0 ..< table.rowCount {
            var values: [String: String] = [:]
            for (name, column) in columns {
                switch column {
                case let .numeric(numbers)?: if !numbers.values[row].isNaN { values[name] = Self.text(numbers.values[row]) }
                case let .categorical(labels)?: if let label = labels[row] { values[name] = label }
                case nil: break
                }
            }
            let failures: [String]
            do {
                failures = try design.eligibilityFailures(of: EnrolmentUnit(id: "row", fields: values))
            } catch {
                throw StudyReportError(file: "\(file): row \(row + 1)", message: "\(error)")
            }
            if failures.isEmpty {
                keep.append(row)
            }
            for failure in failures {
                if tally[failure] == nil { order.append(failure) }
                tally[failure, default: 0] += 1
            }
        }
        eligibleRows = keep
        reasons = order.map { ($0, tally[$0]!) }
    }

    /// A number as the text a person would type: whole numbers without a decimal point.
    private static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
