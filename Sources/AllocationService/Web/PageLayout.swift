/// The frame of every page: title, minimal inline style, the links the account's role may use
/// and a sign-out button.
enum PageLayout {
    static let style: HTML = """
        <style>
        body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f7f7f5}
        header{background:#1d3557;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center;flex-wrap:wrap}
        header a{color:#fff}header form{margin-left:auto}
        main{max-width:52rem;margin:1.2rem auto;padding:0 1.2rem}
        label{display:block;margin:.5rem 0 .2rem;font-weight:600}
        input,select{font:inherit;padding:.3rem;min-width:16rem}
        button{font:inherit;padding:.35rem .9rem;margin-top:.8rem}
        table{border-collapse:collapse;margin:.6rem 0}td,th{border:1px solid #bbb;padding:.25rem .6rem;text-align:right}
        th:first-child,td:first-child{text-align:left}
        .result{border:2px solid #1d3557;background:#fff;padding:.8rem 1rem;margin:1rem 0}
        .arm{font-size:1.6rem;font-weight:700}
        .problem{border-left:4px solid #b00020;background:#fff;padding:.5rem 1rem}
        .note{color:#555;font-size:.9rem}
        </style>
        """

    /// A whole page.
    static func page(title: String, session: ActiveSession?, content: HTML) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) — PreventKit allocation service</title>
        \(style)
        </head>
        <body>
        <header><strong>PreventKit allocation service</strong>\(navigation(session))</header>
        <main>
        <h1>\(title)</h1>
        \(content)
        </main>
        </body>
        </html>
        """
    }

    static func navigation(_ session: ActiveSession?) -> HTML {
        guard let session else { return "" }
        var links: [HTML] = []
        if session.may(.enrol) { links.append("<a href=\"/enrol\">Enrol</a>") }
        if session.may(.lookUp) { links.append("<a href=\"/look-up\">Look up</a>") }
        if session.may(.viewDashboard) { links.append("<a href=\"/dashboard\">Dashboard</a>") }
        if session.may(.export) { links.append("<a href=\"/export.csv\">Export</a>") }
        if session.may(.verifyAudit) { links.append("<a href=\"/audit\">Audit</a>") }
        if session.may(.manageAccounts) { links.append("<a href=\"/accounts\">Accounts</a>") }
        return """
            \(links)<form method="post" action="/sign-out">\(csrfField(session))<span>\(session.account) (\(session.role.rawValue))</span> \
            <button type="submit">Sign out</button></form>
            """
    }

    /// The hidden field that carries the session's CSRF token.
    static func csrfField(_ session: ActiveSession) -> HTML {
        "<input type=\"hidden\" name=\"csrf_token\" value=\"\(session.csrfToken)\">"
    }

    /// A problem shown above a form.
    static func problem(_ message: String?) -> HTML {
        guard let message else { return "" }
        return "<p class=\"problem\" role=\"alert\">\(message)</p>"
    }
}
