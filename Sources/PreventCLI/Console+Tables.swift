import DataTables

extension Console {
    /// Reads a CSV file as one step and, with `--verbose`, writes the file's name, its rows and
    /// columns and how long the reading took.
    ///
    /// - Parameters:
    ///   - path: The file, as the user named it.
    ///   - read: Reads it.
    /// - Returns: The table read.
    /// - Throws: What `read` throws.
    func readTable(_ path: String, _ read: () throws -> DataTable) rethrows -> DataTable {
        try step("Read \(path)", summary: { "\($0.rowCount) rows, \($0.columnCount) columns" }, read)
    }
}
