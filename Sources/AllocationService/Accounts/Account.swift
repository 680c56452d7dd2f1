/// An account of the allocation service, as listed: never its password hash.
public struct Account: Sendable, Hashable, Codable {
    /// The account's name: 1 to 64 letters, digits, `.`, `_` or `-`.
    public var name: String
    /// What the account may do.
    public var role: Role
    /// Whether the account is disabled (it cannot sign in and has no sessions).
    public var isDisabled: Bool
    /// When the account was added, ISO 8601 UTC.
    public var createdAt: String
    /// When its role, password or state last changed, ISO 8601 UTC.
    public var changedAt: String

    enum CodingKeys: String, CodingKey {
        case name, role
        case isDisabled = "is_disabled"
        case createdAt = "created_at"
        case changedAt = "changed_at"
    }

    /// Creates an account description.
    public init(name: String, role: Role, isDisabled: Bool, createdAt: String, changedAt: String) {
        self.name = name
        self.role = role
        self.isDisabled = isDisabled
        self.createdAt = createdAt
        self.changedAt = changedAt
    }

    /// Checks an account name: 1 to 64 characters, each an ASCII letter, digit, `.`, `_` or `-`.
    ///
    /// - Throws: ``AccountError/invalidName(_:)``.
    public static func validate(name: String) throws {
        let allowed = name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard allowed, (1...64).contains(name.utf8.count) else { throw AccountError.invalidName(name) }
    }
}
