import Foundation

/// The account an audit entry records, as the `actor` member of its content.
///
/// Entries made without an account (the command line) have no `actor` member, so their content,
/// and therefore their hash, is what it was before accounts existed.
package enum AuditActor {
    /// The content with `actor` added when an account is given.
    ///
    /// - Precondition: `content` is an object without an `actor` member.
    package static func adding(_ actor: String?, to content: CanonicalJSON) -> CanonicalJSON {
        guard let actor else { return content }
        guard case .object(var members) = content else { preconditionFailure("audit content is an object") }
        precondition(members["actor"] == nil, "the content already names an actor")
        members["actor"] = .string(actor)
        return .object(members)
    }

    /// The `actor` recorded in an entry's content text, if it is a string.
    package static func actor(inContent text: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
        return object["actor"] as? String
    }
}
