/// A problem reading or writing a CSV file, with where it is and what is wrong.
///
/// Its `description` reads like a compiler diagnostic, for example
/// `cohort.csv:14: column 3 'age': "abc" is not a number`. Lines count from 1 and are lines of
/// the file, so a quoted field that spans lines moves later line numbers on; columns count
/// from 1 as well.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Sendable, Equatable {
        /// The file has no header line (it is empty, or holds only blank lines).
        case emptyFile

        /// A header name is empty (after trimming spaces).
        case emptyColumnName

        /// A header name repeats the name of the column at `firstColumn` (1-based).
        case duplicateColumnName(firstColumn: Int)

        /// A cell of a numeric column is not a number and not a missing-value string.
        case notANumber(String)

        /// A row ended after `found` fields; the header has `expected`.
        case tooFewFields(expected: Int, found: Int)

        /// A row has more fields than the header's `expected`.
        case tooManyFields(expected: Int)

        /// A quoted field has no closing quote before the end of the file.
        case unterminatedQuote

        /// Something other than spaces follows a closing quote before the next delimiter.
        case textAfterClosingQuote

        /// A categorical cell or a header name is not valid UTF-8.
        case invalidUTF8

        /// The reading options give a type for a column the header does not have.
        case typeForUnknownColumn(String)

        /// The operating system could not read the file; the message says why.
        case cannotRead(String)

        /// The operating system could not write the file; the message says why.
        case cannotWrite(String)
    }

    /// The file's path as given, or a label such as `<input>` for in-memory text.
    public var file: String

    /// The 1-based line of the file where the problem is, when there is one.
    public var line: Int?

    /// The 1-based column position, when the problem is in one column.
    public var column: Int?

    /// The column's header name, when it has one.
    public var columnName: String?

    /// What is wrong.
    public var reason: Reason

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - file: the path or label of the input.
    ///   - line: the 1-based line, if any.
    ///   - column: the 1-based column position, if any.
    ///   - columnName: the column's header name, if any.
    ///   - reason: what is wrong.
    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, reason: Reason) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.reason = reason
    }

    /// Where the problem is.
    public var location: CellLocation {
        CellLocation(file: file, line: line, column: column, columnName: columnName)
    }

    /// `file:line: column N 'name': what is wrong`, leaving out the parts that do not apply.
    public var description: String {
        "\(location): \(reasonText)"
    }

    private var reasonText: String {
        switch reason {
        case .emptyFile:
            return "the file is empty (there is no header line)"
        case .emptyColumnName:
            return "the header name is empty"
        case .duplicateColumnName(let first):
            return "the header name is used twice (also column \(first))"
        case .notANumber(let text):
            return "\(Self.quoted(text)) is not a number"
        case let .tooFewFields(expected, found):
            return "the row ends after \(found) field\(found == 1 ? "" : "s") but the header has \(expected)"
        case .tooManyFields(let expected):
            return "the row has more fields than the header's \(expected)"
        case .unterminatedQuote:
            return "a quoted field starts here but its closing quote is missing"
        case .textAfterClosingQuote:
            return "text follows the closing quote of a quoted field (write a quote inside one as \"\")"
        case .invalidUTF8:
            return "the text is not valid UTF-8 (save the file as UTF-8)"
        case .typeForUnknownColumn(let name):
            return "a column type is given for '\(name)', which is not in the header"
        case .cannotRead(let message):
            return "cannot read the file: \(message)"
        case .cannotWrite(let message):
            return "cannot write the file: \(message)"
        }
    }

    /// The cell text in double quotes, shortened if long, with control characters escaped.
    private static func quoted(_ text: String) -> String {
        let limit = 60
        let shown = text.count > limit ? String(text.prefix(limit)) + "..." : text
        var escaped = ""
        for scalar in shown.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "\"\(escaped)\""
    }
}
