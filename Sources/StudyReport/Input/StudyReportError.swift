/// A problem with a study folder or one of its files that stops the report, naming the file (and,
/// where there is one, the setting) at fault.
public struct StudyReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or folder at fault, as named.
    public var file: String
    /// What is wrong and what to do about it.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - file: the file or folder at fault.
    ///   - message: what is wrong, in the user's terms.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    /// `FILE: MESSAGE`.
    public var description: String { "\(file): \(message)" }
}
