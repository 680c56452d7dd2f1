import EnrolmentRegister
import Foundation
import RegisterPostgreSQL
import Testing

/// Creating a register atomically, and the errors of a database that cannot be used.
@Suite(.enabled(if: hasServer, noServer)) struct CreationTests {
    @Test func creatingTwiceIsRefusedAndTheFirstRegisterIsUntouched() async throws {
        let database = try ScratchDatabase()
        defer { database.drop() }
        try await PostgreSQLEnrolmentRegistry.create(
            at: database.url, study: jigsawStudy, secret: testSecret, source: .environment
        ).close()
        await #expect {
            try await PostgreSQLEnrolmentRegistry.create(
                at: database.url, study: jigsawStudy, secret: otherSecret, source: .environment)
        } throws: { error in
            if case .alreadyExists = error as? RegisterError { true } else { false }
        }
        let registry = try await PostgreSQLEnrolmentRegistry(
            opening: database.url, secret: testSecret, source: .environment, study: nil)
        #expect(try await registry.verifyAudit(study: jigsawStudy).isIntact)
        try await registry.close()
    }

    @Test func aFailedCreationLeavesNoTables() async throws {
        let database = try ScratchDatabase()
        defer { database.drop() }
        // A table of another application in the way: creating `enrolment` fails part-way.
        try database.psql("CREATE TABLE enrolment (id integer)")
        await #expect {
            try await PostgreSQLEnrolmentRegistry.create(
                at: database.url, study: jigsawStudy, secret: testSecret, source: .environment)
        } throws: { error in
            guard case .database(let location, let detail) = error as? RegisterError else { return false }
            return location == database.url.absoluteString.replacingOccurrences(of: passwordPart(database.url), with: "")
                && detail.contains("enrolment")
        }
        let tables = try database.psql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")
        #expect(tables == "enrolment")
    }

    @Test func anEmptyDatabaseIsNotARegister() async throws {
        let database = try ScratchDatabase()
        defer { database.drop() }
        await #expect {
            try await PostgreSQLEnrolmentRegistry(opening: database.url, secret: testSecret, source: .environment, study: nil)
        } throws: { error in
            if case .notARegister = error as? RegisterError { true } else { false }
        }
    }

    @Test func aWrongPasswordIsReportedWithoutThePassword() async throws {
        let server = try #require(serverURL)
        var components = try #require(URLComponents(url: server, resolvingAgainstBaseURL: false))
        components.password = "not-the-password-Xq7"
        let url = try #require(components.url)
        await #expect {
            try await PostgreSQLEnrolmentRegistry(opening: url, secret: testSecret, source: .environment, study: nil)
        } throws: { error in
            let text = "\(error)"
            return text.contains("authentication failed") && !text.contains("not-the-password-Xq7")
                && text.contains("@\(components.host!)")
        }
    }

    @Test func aMissingDatabaseIsNamed() async throws {
        let server = try #require(serverURL)
        var components = try #require(URLComponents(url: server, resolvingAgainstBaseURL: false))
        components.path = "/no_such_register_database"
        let url = try #require(components.url)
        await #expect {
            try await PostgreSQLEnrolmentRegistry(opening: url, secret: testSecret, source: .environment, study: nil)
        } throws: { error in
            "\(error)".contains("no_such_register_database") && !"\(error)".contains(server.password ?? "\u{0}")
        }
    }
}

/// The `:password` part of a URL's text, if any.
func passwordPart(_ url: URL) -> String {
    url.password.map { ":" + $0 } ?? ""
}

/// Connection errors that need no server.
@Suite struct ConnectionErrorTests {
    @Test func aPortWithNoServerIsReportedWithoutThePassword() async throws {
        // Bind a loopback port and close it again, so nothing listens there.
        let port = try unusedLoopbackPort()
        let url = try #require(URL(string: "postgres://prevent:hunter2-secret@127.0.0.1:\(port)/trial"))
        await #expect {
            try await PostgreSQLEnrolmentRegistry(opening: url, secret: testSecret, source: .environment, study: nil)
        } throws: { error in
            let text = "\(error)"
            return text.contains("postgres://prevent@127.0.0.1:\(port)/trial") && text.contains("cannot connect")
                && !text.contains("hunter2")
        }
    }

    @Test func anUnknownHostIsReportedWithoutThePassword() async throws {
        let url = try #require(URL(string: "postgres://prevent:hunter2-secret@no-such-host.invalid:5432/trial"))
        await #expect {
            try await PostgreSQLEnrolmentRegistry(opening: url, secret: testSecret, source: .environment, study: nil)
        } throws: { error in
            let text = "\(error)"
            return text.contains("postgres://prevent@no-such-host.invalid:5432/trial") && !text.contains("hunter2")
        }
    }

    @Test(arguments: [
        "postgres://127.0.0.1:5432/trial",
        "postgres://prevent:hunter2-secret@127.0.0.1:5432/trial?sslmode=sometimes",
    ])
    func unusableURLsAreRefusedBeforeConnecting(_ text: String) async throws {
        let url = try #require(URL(string: text))
        await #expect {
            try await PostgreSQLEnrolmentRegistry(opening: url, secret: testSecret, source: .environment, study: nil)
        } throws: { error in
            if case .malformedURL(let shown, _) = error as? RegisterError { !shown.contains("hunter2") } else { false }
        }
    }
}

/// A loopback TCP port nothing listens on (bound, then released).
func unusedLoopbackPort() throws -> Int {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
        }
    }
    guard bound else { throw ScratchDatabaseError(message: "cannot bind a loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
}
