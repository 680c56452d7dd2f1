import DataTables

enum DataTableFixture {
    static func read(_ text: String, options: CSVReadOptions = CSVReadOptions()) throws -> DataTable {
        try DataTable(csvText: text, label: "cohort.csv", options: options)
    }
}
