import EnrolmentRegister

/// The enrolment form and its result.
enum EnrolPage {
    /// The form: the identifier, then each baseline field of the study, then the eligibility rules.
    static func form(
        session: ActiveSession, fields: [BaselineFieldDescription], rules: [String], problem: String? = nil,
        values: [String: String] = [:]
    ) -> HTML {
        let inputs: [HTML] = fields.map { field in
            let id = "field-" + field.name
            let label: HTML = "<label for=\"\(id)\">\(field.name)\(field.required ? " (required)" : "")</label>"
            if field.type == "categorical", !field.levels.isEmpty {
                let options: [HTML] = [HTML("<option value=\"\">—</option>")] + field.levels.map { level in
                    "<option value=\"\(level)\"\(HTML(stringLiteral: values[field.name] == level ? " selected" : ""))>\(level)</option>"
                }
                return "\(label)<select id=\"\(id)\" name=\"field.\(field.name)\">\(options)</select>"
            }
            let kind: HTML = field.type == "numeric" ? " inputmode=\"decimal\"" : ""
            return "\(label)<input id=\"\(id)\" name=\"field.\(field.name)\" value=\"\(values[field.name] ?? "")\"\(kind)>"
        }
        let ruleItems: [HTML] = rules.map { "<li>\($0)</li>" }
        return PageLayout.page(title: "Enrol a person", session: session, content: """
            \(PageLayout.problem(problem))
            <form method="post" action="/enrol">
            \(PageLayout.csrfField(session))
            <label for="identifier">Identifier</label><input id="identifier" name="identifier" autocomplete="off" required>
            \(inputs)
            <div><button type="submit">Check eligibility and allocate</button></div>
            </form>
            <h2>Eligibility</h2><ul>\(ruleItems)</ul>
            <p class="note">The identifier is stored only as a keyed hash. The allocation is shown once.</p>
            """)
    }

    /// The result: the allocation (once), an existing enrolment, or the rules failed.
    static func result(_ outcome: EnrolmentOutcome, session: ActiveSession) -> HTML {
        let content: HTML
        switch outcome {
        case .allocated(let record):
            content = """
                <div class="result"><p>Allocated to</p><p class="arm" id="allocated-arm">\(record.arm)</p>
                <p>Audit reference: <code id="audit-reference">\(record.audit.description)</code></p>
                <p class="note">Record the arm and the audit reference now: this page is not shown again.</p></div>
                """
        case let .alreadyEnrolled(record, attempt):
            content = """
                <div class="result"><p id="already-enrolled">This person is already enrolled (since \(record.enrolledAt)). \
                No new allocation was made.</p><p>Audit reference: <code>\(attempt.description)</code></p>
                <p><a href="/look-up">Look up their allocation</a> (the look-up is recorded).</p></div>
                """
        case let .ineligible(reasons, audit):
            let items: [HTML] = reasons.map { "<li>\($0)</li>" }
            content = """
                <div class="result"><p id="not-eligible">Not eligible: not allocated.</p><ul>\(items)</ul>
                <p>Audit reference: <code>\(audit.description)</code></p></div>
                """
        }
        return PageLayout.page(title: "Enrolment", session: session, content: "\(content)<p><a href=\"/enrol\">Enrol another person</a></p>")
    }
}
