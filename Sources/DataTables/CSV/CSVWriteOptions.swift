/// How to write a `DataTable` as CSV.
///
/// Cells are quoted (RFC 4180, a quote inside doubled) only where needed to read back the
/// same: when they contain the delimiter, a quote or a line end, start or end with a space or
/// tab, are empty, or equal a missing-value text. Numbers are written in their shortest form
/// that reads back to the same bits (`12`, `0.1`, `1e-07`), infinities as `Inf` and `-Inf`.
public struct CSVWriteOptions: Sendable {
    /// The byte between fields: a single ASCII character other than a quote or a line end.
    public var delimiter: Character

    /// The text written for a missing value: `NA` by default, or empty.
    public var missingValue: String

    /// Creates writing options.
    ///
    /// - Parameters:
    ///   - delimiter: the field separator; default `,`.
    ///   - missingValue: the text of a missing cell; default `NA`. It is written unquoted, so
    ///     it should be one of the reader's `missingValues`.
    public init(delimiter: Character = ",", missingValue: String = "NA") {
        self.delimiter = delimiter
        self.missingValue = missingValue
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
