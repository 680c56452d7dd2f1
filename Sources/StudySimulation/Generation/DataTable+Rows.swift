import DataTables

extension DataTable {
    /// The rows at `rows`, in that order.
    func rows(_ rows: [Int]) -> DataTable {
        DataTable(zip(columnNames, columns).map { name, column in
            switch column {
            case let .numeric(numbers): (name, Column.numeric(NumericColumn(rows.map { numbers.values[$0] })))
            case let .categorical(labels): (name, Column.categorical(CategoricalColumn(levels: labels.levels, codes: rows.map { labels.codes[$0] })))
            }
        })
    }
}
