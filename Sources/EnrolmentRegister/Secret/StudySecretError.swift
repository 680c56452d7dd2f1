/// A study secret that could not be created, found or used. No message ever contains the secret.
public enum StudySecretError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A new key file was asked for at a path that already exists.
    case keyFileExists(String)
    /// The key file does not exist.
    case keyFileMissing(String)
    /// The key file's group or other permission bits are set (`mode`), so others could read it.
    case keyFileExposed(String, mode: UInt32)
    /// The key file could not be read.
    case cannotRead(String, reason: String)
    /// The key file could not be written.
    case cannotWrite(String, reason: String)
    /// The text is not 64 hexadecimal digits.
    case malformed(source: StudySecretSource)
    /// A register in a database (named by its URL without password) has no default key file, and
    /// neither a key file nor `PREVENT_STUDY_SECRET` was given.
    case noDefaultKeyFile(String)

    /// A sentence for the terminal.
    public var description: String {
        switch self {
        case .keyFileExists(let path):
            "key file \(path) already exists; a new register needs a new secret, so name another key file"
        case .keyFileMissing(let path):
            "key file \(path) does not exist; give the register's key file with --key-file or set \(StudySecret.environmentVariable)"
        case let .keyFileExposed(path, mode):
            "key file \(path) can be read or written by others (mode \(String(mode, radix: 8))); "
                + "run `chmod 600 \(path)` and check who may have copied it"
        case let .cannotRead(path, reason):
            "cannot read key file \(path): \(reason)"
        case let .cannotWrite(path, reason):
            "cannot write key file \(path): \(reason)"
        case .malformed(let source):
            "the study secret in \(source) is not 64 hexadecimal digits"
        case .noDefaultKeyFile(let location):
            "register \(location) is a database, which has no key file beside it; "
                + "give the key file with --key-file or set \(StudySecret.environmentVariable)"
        }
    }
}
