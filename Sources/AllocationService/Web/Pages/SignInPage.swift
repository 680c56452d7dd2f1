/// The sign-in page.
enum SignInPage {
    /// The form, with the token its paired cookie carries, and a problem from the last attempt.
    static func render(formToken: String, problem: String?, name: String = "") -> HTML {
        PageLayout.page(title: "Sign in", session: nil, content: """
            \(PageLayout.problem(problem))
            <form method="post" action="/sign-in">
            <input type="hidden" name="form_token" value="\(formToken)">
            <label for="name">Account name</label><input id="name" name="name" value="\(name)" autocomplete="username" required>
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <div><button type="submit">Sign in</button></div>
            </form>
            <p class="note">Use of this service is recorded in the trial's audit trail.</p>
            """)
    }
}
