/// Everything wrong with a study file, found in one pass so that all of it can be fixed at once.
///
/// Its description lists one problem per line, each naming the file and the key path at fault:
///
/// ```
/// study.yaml: randomisation.block_sizes[1]: 6 is not a multiple of the ratio total 4
/// study.yaml: arms[2].name: 'police' is used by another arm
/// ```
///
/// A YAML syntax error is reported alone (nothing after it can be read), with its line and column:
/// `study.yaml:4:3: YAML syntax error: ...`.
public struct StudyProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One problem in a study file.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// Where the problem is, as a key path (`randomisation.block_sizes[1]`); empty for the
        /// whole file.
        public var keyPath: String
        /// What is wrong and, where it helps, what would be right.
        public var message: String
        /// The 1-based line of the offending text, when known.
        public var line: Int?
        /// The 1-based column of the offending text, when known.
        public var column: Int?

        /// Creates a problem.
        public init(keyPath: String, message: String, line: Int? = nil, column: Int? = nil) {
            self.keyPath = keyPath
            self.message = message
            self.line = line
            self.column = column
        }

        /// `keyPath: message`, or the message alone for the whole file.
        public var description: String { keyPath.isEmpty ? message : "\(keyPath): \(message)" }
    }

    /// The file as named by the caller.
    public var file: String

    /// The problems, in the order the file's keys were read.
    public var problems: [Problem]

    /// Whether the file could not be parsed as YAML at all.
    public var isSyntaxError: Bool

    /// Creates an error.
    public init(file: String, problems: [Problem], isSyntaxError: Bool = false) {
        self.file = file
        self.problems = problems
        self.isSyntaxError = isSyntaxError
    }

    /// One line per problem: `FILE: KEYPATH: MESSAGE`, or `FILE:LINE:COLUMN: ...` for syntax.
    public var description: String {
        problems.map { problem in
            if isSyntaxError, let line = problem.line, let column = problem.column {
                return "\(file):\(line):\(column): \(problem.message)"
            }
            return "\(file): \(problem)"
        }.joined(separator: "\n")
    }
}
