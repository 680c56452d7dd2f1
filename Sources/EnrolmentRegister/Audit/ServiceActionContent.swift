/// The content of the audit entries a service writes: `lookup` entries and service actions.
package enum ServiceActionContent {
    /// A service action's content: `{"actor": ..., "detail": {...}}`, with `actor` omitted when
    /// no account acted.
    package static func content(actor: String?, detail: [String: String]) -> CanonicalJSON {
        AuditActor.adding(actor, to: .object(["detail": .strings(detail)]))
    }
}

/// The content of a `lookup` entry.
package enum LookUpContent {
    /// `{"actor": ..., "enrolment": N or null, "pseudonym": ...}`.
    package static func content(pseudonym: String, record: EnrolmentRecord?, actor: String?) -> CanonicalJSON {
        AuditActor.adding(
            actor, to: .object(["pseudonym": .string(pseudonym), "enrolment": record.map { .integer($0.sequence) } ?? .null]))
    }
}
