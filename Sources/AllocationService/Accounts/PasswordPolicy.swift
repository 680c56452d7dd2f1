/// The rules a new password must meet.
public enum PasswordPolicy {
    /// The fewest characters a password may have: 12.
    public static let minimumLength = 12
    /// The most bytes of UTF-8 bcrypt uses: 72.
    public static let maximumBytes = 72

    /// Checks a new password.
    ///
    /// - Throws: ``AccountError/passwordTooShort(minimum:)``, ``AccountError/passwordTooLong(maximumBytes:)``
    ///   or ``AccountError/passwordHasControlCharacters``.
    public static func validate(_ password: String) throws {
        guard password.count >= minimumLength else { throw AccountError.passwordTooShort(minimum: minimumLength) }
        guard password.utf8.count <= maximumBytes else { throw AccountError.passwordTooLong(maximumBytes: maximumBytes) }
        guard !password.contains(where: { $0 == "\0" || $0.isNewline }) else {
            throw AccountError.passwordHasControlCharacters
        }
    }
}
