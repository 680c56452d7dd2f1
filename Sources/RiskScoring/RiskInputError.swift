/// A problem with a cohort, offence records or hotspot file that stops scoring, naming the file
/// and, where it is one cell, its line and column:
///
/// ```
/// cohort.csv:14: column 7 'violence_at_home': "maybe" is not yes or no (factor violence_at_home)
/// cohort.csv: no column named 'attainment' (risk_factors.factors[2].column); the columns are ...
/// ```
public struct RiskInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, as named by the caller.
    public var file: String
    /// The 1-based line, when the problem is one cell.
    public var line: Int?
    /// The 1-based column number and name, when the problem is one cell or column.
    public var column: (number: Int, name: String)?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, column: (number: Int, name: String)? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE: column N 'NAME': MESSAGE`, leaving out what is not known.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ": column \(column.number) '\(column.name)'" }
        return text + ": " + message
    }

    /// Two errors are equal when they read the same.
    public static func == (lhs: RiskInputError, rhs: RiskInputError) -> Bool {
        lhs.description == rhs.description
    }

    /// The line of a data row of a file read with one header line and one line per row.
    static func line(ofRow row: Int) -> Int { row + 2 }
}

/// Several problems found at once (every missing column of a cohort, say), one per line.
public struct RiskInputErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, in the order they were found.
    public var errors: [RiskInputError]

    /// One problem per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
