import Foundation

/// Where a register lives, as given with `--db`: an SQLite file path, or a PostgreSQL connection
/// URL (`postgres://` or `postgresql://`).
public enum RegisterLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file.
    case file(String)
    /// A PostgreSQL database, by its connection URL, e.g.
    /// `postgres://prevent@127.0.0.1:5432/jigsaw`.
    case postgreSQL(URL)

    /// Reads a `--db` value: a URL whose scheme is `postgres` or `postgresql` (either case) names
    /// a PostgreSQL database; anything else is a file path.
    ///
    /// - Throws: ``RegisterError/malformedURL(_:reason:)`` for a `postgres://` text that is not a
    ///   URL with a host and a database name.
    public init(parsing text: String) throws {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") else {
            self = .file(text)
            return
        }
        guard let components = URLComponents(string: text), let url = components.url else {
            throw RegisterError.malformedURL(Self.redacting(text), reason: "not a valid URL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw RegisterError.malformedURL(Self.redacting(text), reason: "no host")
        }
        let database = components.path.drop { $0 == "/" }
        guard !database.isEmpty, !database.contains("/") else {
            throw RegisterError.malformedURL(Self.redacting(text), reason: "no database name after the host, as in postgres://user@host:5432/trial")
        }
        self = .postgreSQL(url)
    }

    /// The path, or the URL without its password: safe for messages and logs.
    public var description: String {
        switch self {
        case .file(let path): path
        case .postgreSQL(let url): Self.redacting(url.absoluteString)
        }
    }

    /// A connection URL with any password removed.
    public static func redacting(_ text: String) -> String {
        if var components = URLComponents(string: text), components.password != nil {
            components.password = nil
            return components.string ?? "a PostgreSQL URL"
        }
        guard URLComponents(string: text) == nil, let at = text.lastIndex(of: "@"),
              let scheme = text.range(of: "://"), scheme.upperBound < at else { return text }
        // Unparsable text: keep the user name, drop whatever follows a colon before the host.
        let credentials = text[scheme.upperBound..<at]
        let user = credentials.split(separator: ":", maxSplits: 1).first ?? ""
        return String(text[..<scheme.upperBound]) + String(user) + String(text[at...])
    }
}
