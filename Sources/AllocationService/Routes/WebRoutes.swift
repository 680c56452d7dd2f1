import Hummingbird

/// The pages: plain HTML forms, no scripts.
enum WebRoutes {
    static func add(to router: Router<ServiceRequestContext>, operations: ServiceOperations) {
        let secure = operations.configuration.secureCookies
        let trustProxy = operations.configuration.trustProxyAddress

        router.get("/") { _, context -> Response in
            Responses.redirect(to: context.session?.role.homePath ?? "/sign-in")
        }

        router.get("/sign-in") { _, context -> Response in
            if let session = context.session { return Responses.redirect(to: session.role.homePath) }
            return signInPage(problem: nil, name: "", status: .ok, secure: secure)
        }

        router.post("/sign-in") { request, context -> Response in
            let name = context.form["name"] ?? "", password = context.form["password"] ?? ""
            let address = ClientAddress.of(request, context: context, trustProxy: trustProxy)
            do {
                let (token, session) = try await operations.signIn(name: name, password: password, address: address)
                var response = Responses.redirect(to: session.role.homePath)
                response.setCookie(ServiceCookies.session(token, secure: secure))
                return response
            } catch let refusal as ServiceRefusal where refusal == .signInFailed || refusal == .tooManyAttempts {
                let (status, message) = ErrorPresentationMiddleware.describe(refusal)
                return signInPage(problem: message, name: name, status: status, secure: secure)
            }
        }

        router.post("/sign-out") { _, context -> Response in
            if let session = context.session { try await operations.signOut(session) }
            var response = Responses.redirect(to: "/sign-in")
            response.setCookie(ServiceCookies.clearedSession(secure: secure))
            return response
        }

        router.get("/enrol") { _, context -> Response in
            let session = try operations.require(.enrol, context.session)
            return Responses.html(EnrolPage.form(session: session, fields: operations.baselineFields, rules: operations.eligibilityRules))
        }

        router.post("/enrol") { _, context -> Response in
            let session = try operations.require(.enrol, context.session)
            var fields: [String: String] = [:]
            for name in context.form.names where name.hasPrefix("field.") {
                fields[String(name.dropFirst("field.".count))] = context.form[name]
            }
            do {
                let outcome = try await operations.enrol(session, identifier: context.form["identifier"] ?? "", fields: fields)
                return Responses.html(EnrolPage.result(outcome, session: session))
            } catch ServiceRefusal.invalidInput(let message) {
                let page = EnrolPage.form(
                    session: session, fields: operations.baselineFields, rules: operations.eligibilityRules,
                    problem: message, values: fields)
                return Responses.html(page, status: .unprocessableContent)
            }
        }

        router.get("/look-up") { _, context -> Response in
            Responses.html(LookUpPage.form(session: try operations.require(.lookUp, context.session)))
        }

        router.post("/look-up") { _, context -> Response in
            let session = try operations.require(.lookUp, context.session)
            do {
                let record = try await operations.lookUp(session, identifier: context.form["identifier"] ?? "")
                return Responses.html(LookUpPage.result(record, session: session))
            } catch ServiceRefusal.invalidInput(let message) {
                return Responses.html(LookUpPage.form(session: session, problem: message), status: .unprocessableContent)
            }
        }

        router.get("/dashboard") { _, context -> Response in
            let session = try operations.require(.viewDashboard, context.session)
            return Responses.html(DashboardPage.render(try await operations.dashboard(session), session: session))
        }

        router.get("/export.csv") { _, context -> Response in
            let export = try await operations.export(context.session)
            return Responses.csv(export.csv, filename: "allocations.csv")
        }

        router.get("/audit") { _, context -> Response in
            let session = try operations.require(.verifyAudit, context.session)
            return Responses.html(AuditPage.render(session: session, verification: nil))
        }

        router.post("/audit") { _, context -> Response in
            let session = try operations.require(.verifyAudit, context.session)
            return Responses.html(AuditPage.render(session: session, verification: try await operations.verifyAudit(session)))
        }

        router.get("/accounts") { _, context -> Response in
            let session = try operations.require(.manageAccounts, context.session)
            return Responses.html(AccountsPage.render(accounts: try operations.accountList(session), session: session))
        }

        router.post("/accounts/add") { _, context -> Response in
            let name = context.form["name"] ?? ""
            return try await accountChange(operations, context, done: "Account \(name) added.") {
                try await operations.addAccount(
                    context.session, name: name, role: context.form["role"] ?? "", password: context.form["password"] ?? "")
            }
        }

        router.post("/accounts/disable") { _, context -> Response in
            let name = context.form["name"] ?? ""
            return try await accountChange(operations, context, done: "Account \(name) disabled; its sessions ended.") {
                try await operations.disableAccount(context.session, name: name)
            }
        }

        router.post("/accounts/reset") { _, context -> Response in
            let name = context.form["name"] ?? ""
            return try await accountChange(operations, context, done: "Password of \(name) reset; its sessions ended.") {
                try await operations.resetPassword(context.session, name: name, password: context.form["password"] ?? "")
            }
        }
    }

    /// The sign-in page with a new form token and its paired cookie.
    static func signInPage(problem: String?, name: String, status: HTTPResponse.Status, secure: Bool) -> Response {
        let token = SessionToken.random()
        var response = Responses.html(SignInPage.render(formToken: token, problem: problem, name: name), status: status)
        response.setCookie(ServiceCookies.signInForm(token, secure: secure))
        return response
    }

    /// Runs an account change and shows the accounts page with its outcome.
    static func accountChange(
        _ operations: ServiceOperations, _ context: ServiceRequestContext, done: String, change: () async throws -> Void
    ) async throws -> Response {
        let session = try operations.require(.manageAccounts, context.session)
        do {
            try await change()
            return Responses.html(AccountsPage.render(accounts: try operations.accountList(session), session: session, notice: done))
        } catch ServiceRefusal.invalidInput(let message) {
            let page = AccountsPage.render(accounts: try operations.accountList(session), session: session, problem: message)
            return Responses.html(page, status: .unprocessableContent)
        }
    }
}
