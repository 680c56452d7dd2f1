import EnrolmentRegister

/// Looking up a person's allocation by identifier.
enum LookUpPage {
    static func form(session: ActiveSession, problem: String? = nil) -> HTML {
        PageLayout.page(title: "Look up an allocation", session: session, content: """
            \(PageLayout.problem(problem))
            <form method="post" action="/look-up">
            \(PageLayout.csrfField(session))
            <label for="identifier">Identifier</label><input id="identifier" name="identifier" autocomplete="off" required>
            <div><button type="submit">Look up</button></div>
            </form>
            <p class="note">Every look-up is recorded in the audit trail with your account.</p>
            """)
    }

    static func result(_ record: EnrolmentRecord?, session: ActiveSession) -> HTML {
        let content: HTML = record.map { record in
            """
            <div class="result"><p>Enrolled on \(record.enrolledAt), allocated to</p><p class="arm">\(record.arm)</p>
            <p>Audit reference of the allocation: <code>\(record.audit.description)</code></p></div>
            """
        } ?? "<div class=\"result\"><p id=\"not-enrolled\">No one with this identifier is enrolled.</p></div>"
        return PageLayout.page(title: "Look up an allocation", session: session, content: "\(content)<p><a href=\"/look-up\">Look up another</a></p>")
    }
}
