/// A page with one message: refusals and errors.
enum MessagePage {
    static func render(title: String, message: String, session: ActiveSession?) -> HTML {
        let home: HTML = session.map { "<p><a href=\"\($0.role.homePath)\">Back</a></p>" } ?? "<p><a href=\"/sign-in\">Sign in</a></p>"
        return PageLayout.page(title: title, session: session, content: "<p class=\"problem\">\(message)</p>\(home)")
    }
}
