/// How to read a CSV file into a `DataTable`.
///
/// The defaults read RFC 4180 comma-separated files as R's `read.csv` and `fread` write them:
/// - The first line is the header; its names must be non-empty and distinct.
/// - Unquoted cells are trimmed of surrounding spaces (and tabs, unless the delimiter is a tab).
/// - An unquoted cell equal to one of `missingValues` (by default empty or `NA`) is missing.
///   A quoted cell is always a value: `"NA"` is the text NA, as R's `write.csv` means it;
///   a quoted empty cell `""` is missing in a numeric column and the empty label in a
///   categorical one.
/// - A column is numeric when every cell that is not missing is a number (quoted or not);
///   `NaN` reads as missing and `Inf` / `-Inf` as infinities. Any other cell makes the column
///   categorical, unless `columnTypes` declares it numeric, in which case that cell is an error.
/// - Blank lines are skipped; lines end in `\n` or `\r\n`; a UTF-8 byte order mark is ignored.
public struct CSVReadOptions: Sendable {
    /// The byte between fields: a single ASCII character other than a quote or a line end.
    public var delimiter: Character

    /// The unquoted cell texts (after trimming) that mean "missing".
    public var missingValues: Set<String>

    /// The kind of each named column, where it must not be inferred. Naming a column the
    /// header does not have is an error.
    public var columnTypes: [String: ColumnKind]

    /// The number of pieces the data is parsed in; `nil` chooses from the file size and the
    /// processor count. Tests set it to drive the parallel path on small inputs.
    var chunkCount: Int?

    /// Creates reading options.
    ///
    /// - Parameters:
    ///   - delimiter: the field separator; default `,`. Must be ASCII and not `"`, `\r` or `\n`.
    ///   - missingValues: unquoted texts read as missing; default `""` and `"NA"`.
    ///   - columnTypes: declared kinds by column name; default none (all inferred).
    public init(
        delimiter: Character = ",",
        missingValues: Set<String> = ["", "NA"],
        columnTypes: [String: ColumnKind] = [:]
    ) {
        self.delimiter = delimiter
        self.missingValues = missingValues
        self.columnTypes = columnTypes
        self.chunkCount = nil
    }

    /// The delimiter as a byte, trapping on a delimiter that cannot work (a programmer error).
    var delimiterByte: UInt8 {
        guard let byte = delimiter.asciiValue,
              byte != ASCII.quote, byte != ASCII.lineFeed, byte != ASCII.carriageReturn
        else {
            preconditionFailure("CSV delimiter must be an ASCII character other than a quote or a line end")
        }
        return byte
    }
}
