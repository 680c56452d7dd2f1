import DisclosureControl
import EnrolmentRegister
import Hummingbird

/// The JSON API: the same operations as the pages.
///
/// A client signs in with `POST /api/session` (`{"name", "password"}`, `Content-Type:
/// application/json`), keeps the `prevent_session` cookie, and sends the `csrf_token` of the
/// answer in an `X-CSRF-Token` header with every POST and DELETE.
enum APIRoutes {
    static func add(to router: Router<ServiceRequestContext>, operations: ServiceOperations) {
        let secure = operations.configuration.secureCookies
        let trustProxy = operations.configuration.trustProxyAddress

        router.post("/api/session") { request, context -> Response in
            let body = try Responses.decode(APIBodies.SignIn.self, from: context)
            let address = ClientAddress.of(request, context: context, trustProxy: trustProxy)
            let (token, session) = try await operations.signIn(name: body.name, password: body.password, address: address)
            var response = try Responses.json(sessionBody(session), status: .created)
            response.setCookie(ServiceCookies.session(token, secure: secure))
            return response
        }

        router.get("/api/session") { _, context -> Response in
            guard let session = context.session else { throw ServiceRefusal.signInRequired }
            return try Responses.json(sessionBody(session))
        }

        router.delete("/api/session") { _, context -> Response in
            guard let session = context.session else { throw ServiceRefusal.signInRequired }
            try await operations.signOut(session)
            var response = try Responses.json(APIBodies.Done(done: "signed out"))
            response.setCookie(ServiceCookies.clearedSession(secure: secure))
            return response
        }

        router.get("/api/study") { _, context -> Response in
            _ = try operations.require(.enrol, context.session)
            let study = operations.register.study.protocol
            return try Responses.json(APIBodies.Study(
                study: study.study, arms: study.arms.map(\.name), baseline: operations.baselineFields,
                eligibility: operations.eligibilityRules))
        }

        router.post("/api/enrolments") { _, context -> Response in
            _ = try operations.require(.enrol, context.session)
            let body = try Responses.decode(APIBodies.Enrolment.self, from: context)
            let outcome = try await operations.enrol(context.session, identifier: body.identifier, fields: body.fields ?? [:])
            let status: HTTPResponse.Status = if case .allocated = outcome { .created } else { .ok }
            return try Responses.json(APIBodies.EnrolmentResult(outcome), status: status)
        }

        router.post("/api/look-up") { _, context -> Response in
            _ = try operations.require(.lookUp, context.session)
            let body = try Responses.decode(APIBodies.LookUp.self, from: context)
            return try Responses.json(APIBodies.LookUpResult(try await operations.lookUp(context.session, identifier: body.identifier)))
        }

        router.get("/api/dashboard") { _, context -> Response in
            let dashboard = try await operations.dashboard(context.session)
            return try Responses.json(APIBodies.Dashboard(by_arm: table(dashboard.byArm), by_stratum: dashboard.byStratum.map(table)))
        }

        router.get("/api/export") { _, context -> Response in
            Responses.csv(try await operations.export(context.session).csv, filename: "allocations.csv")
        }

        router.post("/api/audit/verification") { _, context -> Response in
            let verification = try await operations.verifyAudit(context.session)
            return try Responses.json(APIBodies.Verification(
                intact: verification.isIntact, entries: verification.entryCount, people_allocated: verification.enrolmentCount,
                allocations_recomputed: verification.replayedAllocations, head: verification.head?.description,
                event_counts: Dictionary(uniqueKeysWithValues: verification.eventCounts.map { ($0.key.rawValue, $0.value) }),
                problems: verification.problems.map(\.description)))
        }

        router.get("/api/accounts") { _, context -> Response in
            try Responses.json(try operations.accountList(context.session))
        }

        router.post("/api/accounts") { _, context -> Response in
            _ = try operations.require(.manageAccounts, context.session)
            let body = try Responses.decode(APIBodies.NewAccount.self, from: context)
            try await operations.addAccount(context.session, name: body.name, role: body.role, password: body.password)
            return try Responses.json(APIBodies.Done(done: "added"), status: .created)
        }

        router.post("/api/accounts/disable") { _, context -> Response in
            _ = try operations.require(.manageAccounts, context.session)
            let body = try Responses.decode(APIBodies.AccountName.self, from: context)
            try await operations.disableAccount(context.session, name: body.name)
            return try Responses.json(APIBodies.Done(done: "disabled"))
        }

        router.post("/api/accounts/reset") { _, context -> Response in
            _ = try operations.require(.manageAccounts, context.session)
            let body = try Responses.decode(APIBodies.PasswordReset.self, from: context)
            try await operations.resetPassword(context.session, name: body.name, password: body.password)
            return try Responses.json(APIBodies.Done(done: "password reset"))
        }
    }

    static func sessionBody(_ session: ActiveSession) -> APIBodies.Session {
        APIBodies.Session(account: session.account, role: session.role.rawValue, csrf_token: session.csrfToken)
    }

    static func table(_ table: PublishedTable) -> APIBodies.Table {
        APIBodies.Table(
            title: table.title, rows: table.rowLabels, columns: table.columnLabels,
            cells: table.cells.map { $0.map(\.description) }, row_totals: table.rowTotals?.map(\.description),
            column_totals: table.columnTotals?.map(\.description), grand_total: table.grandTotal?.description,
            disclosure_control: table.note)
    }
}
