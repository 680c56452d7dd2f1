import EnrolmentRegister

/// Audit verification.
enum AuditPage {
    static func render(session: ActiveSession, verification: AuditVerification?) -> HTML {
        var content: HTML = """
            <form method="post" action="/audit">\(PageLayout.csrfField(session))
            <p>Recomputes every entry's hash, checks the seal with the study secret, and recomputes every allocation \
            from the study's design.</p>
            <button type="submit">Verify the audit trail</button></form>
            """
        if let verification {
            let counts: [HTML] = AuditEvent.allCases.compactMap { event in
                verification.eventCounts[event].map { "<tr><td>\(event.rawValue)</td><td>\($0)</td></tr>" }
            }
            let verdict: HTML = verification.isIntact
                ? "<p id=\"audit-intact\"><strong>Audit trail intact.</strong></p>"
                : "<p class=\"problem\" id=\"audit-broken\"><strong>The audit trail is not intact.</strong></p>"
            let problems: [HTML] = verification.problems.map { "<li>\($0.description)</li>" }
            content = """
                \(content)<div class="result">\(verdict)
                <p>\(verification.entryCount) entries; \(verification.enrolmentCount) people allocated\
                \(verification.replayedAllocations.map { "; \($0) allocations recomputed and matched" } ?? "").</p>
                <p>Head: <code>\(verification.head?.description ?? "none")</code></p>
                <table><thead><tr><th>Event</th><th>Entries</th></tr></thead><tbody>\(counts)</tbody></table>
                <ul>\(problems)</ul></div>
                """
        }
        return PageLayout.page(title: "Audit trail", session: session, content: content)
    }
}
