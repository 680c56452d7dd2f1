/// Account management for administrators.
enum AccountsPage {
    static func render(accounts: [Account], session: ActiveSession, problem: String? = nil, notice: String? = nil) -> HTML {
        let rows: [HTML] = accounts.map { account in
            let actions: HTML = account.name == session.account ? "" : """
                <form method="post" action="/accounts/disable">\(PageLayout.csrfField(session))\
                <input type="hidden" name="name" value="\(account.name)"><button type="submit">Disable</button></form>
                """
            return """
                <tr><td>\(account.name)</td><td>\(account.role.rawValue)</td>\
                <td>\(account.isDisabled ? "disabled" : "enabled")</td><td>\(account.changedAt)</td><td>\(actions)</td></tr>
                """
        }
        let roleOptions: [HTML] = Role.allCases.map { "<option value=\"\($0.rawValue)\">\($0.rawValue)</option>" }
        let noticeHTML: HTML = notice.map { "<p class=\"result\">\($0)</p>" } ?? ""
        return PageLayout.page(title: "Accounts", session: session, content: """
            \(PageLayout.problem(problem))\(noticeHTML)
            <table><thead><tr><th>Name</th><th>Role</th><th>State</th><th>Last changed</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <h2>Add an account</h2>
            <form method="post" action="/accounts/add">\(PageLayout.csrfField(session))
            <label for="new-name">Name</label><input id="new-name" name="name" required>
            <label for="new-role">Role</label><select id="new-role" name="role">\(roleOptions)</select>
            <label for="new-password">Password (at least \(PasswordPolicy.minimumLength) characters)</label>\
            <input id="new-password" name="password" type="password" autocomplete="new-password" required>
            <div><button type="submit">Add</button></div></form>
            <h2>Reset a password</h2>
            <p class="note">Resetting enables a disabled account again and ends its sessions.</p>
            <form method="post" action="/accounts/reset">\(PageLayout.csrfField(session))
            <label for="reset-name">Name</label><input id="reset-name" name="name" required>
            <label for="reset-password">New password</label>\
            <input id="reset-password" name="password" type="password" autocomplete="new-password" required>
            <div><button type="submit">Reset</button></div></form>
            """)
    }
}
