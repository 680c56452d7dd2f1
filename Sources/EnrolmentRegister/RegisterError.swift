/// A register that could not be created, opened or changed. Each case says what to do; none
/// contains the study secret or an identifier.
public enum RegisterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `register init` was given a path that already exists.
    case alreadyExists(String)
    /// The register file does not exist.
    case missing(String)
    /// The file is not a PreventKit enrolment register; `reason` says what it is instead.
    case notARegister(String, reason: String)
    /// The register was written by a version of PreventKit with another schema.
    case unsupportedSchema(String, found: Int, supported: Int)
    /// The study secret is not this register's.
    case wrongSecret(String, source: StudySecretSource)
    /// The study file is not the one the register was initialised with.
    case studyMismatch(String, registered: String, given: String)
    /// A field given at enrolment that the study's baseline does not declare.
    case unknownField(String, known: [String])
    /// A field given twice at enrolment.
    case duplicateField(String)
    /// A field assignment that is not `name=value`.
    case malformedField(String)
    /// An empty identifier.
    case emptyIdentifier
    /// An export was asked to replace the register's own files or its key file.
    case wouldOverwriteRegister(String)
    /// The audit seal does not match the end of the audit chain, so the register may have been
    /// tampered with; nothing more is written until `prevent audit verify` has been run and the
    /// cause found.
    case auditSealBroken(String, detail: String)
    /// The register's contents contradict themselves (a row the register itself would never write).
    case inconsistent(String, detail: String)
    /// A database operation failed; `detail` is the database's message.
    case database(String, detail: String)
    /// A `postgres://` register location that cannot be used; the text has no password.
    case malformedURL(String, reason: String)
    /// The register was closed.
    case closed(String)

    /// A sentence for the terminal.
    public var description: String {
        switch self {
        case .alreadyExists(let path):
            "\(path) already exists; a register is created only at a new path"
        case .missing(let path):
            "\(path): no such register; create one with `prevent register init`"
        case let .notARegister(path, reason):
            "\(path) is not a PreventKit enrolment register (\(reason))"
        case let .unsupportedSchema(path, found, supported):
            "\(path) has register schema version \(found), but this version of PreventKit reads version \(supported)"
        case let .wrongSecret(path, source):
            "the study secret from \(source) is not the secret of register \(path)"
        case let .studyMismatch(path, registered, given):
            "the study file is not the one register \(path) was initialised with "
                + "(SHA-256 \(registered.prefix(16))..., given \(given.prefix(16))...); "
                + "a study's protocol cannot change during enrolment"
        case let .unknownField(field, known):
            "unknown field '\(field)'; the study's baseline fields are: \(known.joined(separator: ", "))"
        case .duplicateField(let field):
            "field '\(field)' is given more than once"
        case .malformedField(let text):
            "'\(text)' is not a field assignment of the form name=value"
        case .emptyIdentifier:
            "the identifier is empty"
        case .wouldOverwriteRegister(let path):
            "\(path) is the register or its key file; write the export to another file"
        case let .auditSealBroken(path, detail):
            "register \(path): the audit seal does not match the audit trail (\(detail)); "
                + "nothing was written: run `prevent audit verify --db \(path)`"
        case let .inconsistent(path, detail):
            "register \(path) is inconsistent: \(detail)"
        case let .database(path, detail):
            "register \(path): \(detail)"
        case let .malformedURL(url, reason):
            "register URL \(url): \(reason)"
        case .closed(let location):
            "register \(location) is closed"
        }
    }
}
