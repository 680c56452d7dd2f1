import DataTables

/// Small in-memory trials for the error and separation tests.
enum SyntheticTrials {
    /// A table from named numeric and text columns (nil is missing).
    static func table(numeric: [(String, [Double])], text: [(String, [String?])] = []) -> DataTable {
        DataTable(numeric.map { (name: $0.0, column: Column.numeric(NumericColumn($0.1))) }
                  + text.map { (name: $0.0, column: Column.categorical(CategoricalColumn($0.1))) })
    }

    /// Three arms of 20: control, police, partner; outcome events as given per arm, in order.
    static func threeArms(events: [Int], size: Int = 20, extra: [(String, [Double])] = []) -> DataTable {
        var arms: [String?] = []
        var outcome: [Double] = []
        var age: [Double] = []
        for (a, name) in ["control", "police", "partner"].enumerated() {
            for i in 0 ..< size {
                arms.append(name)
                outcome.append(i < events[a] ? 1 : 0)
                age.append(Double(14 + (i * 7 + a * 3) % 9))
            }
        }
        return table(numeric: [("reoffended", outcome), ("age", age)] + extra, text: [("arm", arms)])
    }
}
