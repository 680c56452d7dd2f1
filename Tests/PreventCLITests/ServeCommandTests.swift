import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `prevent users` and `prevent serve` end to end.
@Suite("prevent users and serve")
struct ServeCommandTests {
    static let study = "Studies/jigsaw-demo/study.yaml"

    /// A new register with its key file, and a password file, in a scratch folder.
    static func register() throws -> (folder: URL, register: String, password: String) {
        let folder = try scratchFolder()
        let register = folder.appendingPathComponent("register.sqlite").path
        let created = try runPrevent(["register", "init", "--study", study, "--db", register])
        try #require(created.status == 0, "\(created.standardError)")
        let password = folder.appendingPathComponent("password").path
        try "a long enough password\n".write(toFile: password, atomically: true, encoding: .utf8)
        return (folder, register, password)
    }

    @Test("users add, list, disable and reset change the accounts file and are audited")
    func usersLifecycle() throws {
        let (folder, register, password) = try Self.register()
        defer { try? FileManager.default.removeItem(at: folder) }
        let add = try runPrevent(["users", "add", "chief", "--role", "admin", "--db", register, "--password-file", password, "--bcrypt-cost", "4"])
        #expect(add.status == 0, "\(add.standardError)")
        #expect(add.standardOutput.contains("Added admin account chief"))
        #expect(FileManager.default.fileExists(atPath: register + ".accounts"))
        let mode = try FileManager.default.attributesOfItem(atPath: register + ".accounts")[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let list = try runPrevent(["users", "list", "--db", register])
        #expect(list.status == 0)
        #expect(list.standardOutput.contains("chief"))
        #expect(list.standardOutput.contains("admin"))
        #expect(list.standardOutput.contains("enabled"))
        #expect(!list.standardOutput.contains("$2b$"))

        #expect(try runPrevent(["users", "disable", "chief", "--db", register]).status == 0)
        #expect(try runPrevent(["users", "list", "--db", register]).standardOutput.contains("disabled"))
        let reset = try runPrevent(["users", "reset", "chief", "--db", register, "--password-file", password, "--bcrypt-cost", "4"])
        #expect(reset.status == 0, "\(reset.standardError)")
        #expect(try runPrevent(["users", "list", "--db", register]).standardOutput.contains("enabled"))

        let verify = try runPrevent(["audit", "verify", "--db", register])
        #expect(verify.status == 0)
        #expect(verify.standardOutput.contains("3 account"))
    }

    struct BadUsersCase: Sendable, CustomStringConvertible {
        var arguments: [String]
        var password: String?
        var message: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let badUsersCases: [BadUsersCase] = [
        .init(arguments: ["users", "add", "x1", "--role", "enroller"], password: "a long enough password", message: "--db REGISTER"),
        .init(arguments: ["users", "add", "x1", "--role", "boss", "--db", "R"], password: "a long enough password", message: "boss"),
        .init(arguments: ["users", "add", "two words", "--role", "enroller", "--db", "R"], password: "a long enough password",
              message: "not a valid account name"),
        .init(arguments: ["users", "add", "x1", "--role", "enroller", "--db", "R"], password: "short", message: "too short"),
        .init(arguments: ["users", "add", "x1", "--role", "enroller", "--db", "R", "--bcrypt-cost", "40"],
              password: "a long enough password", message: "--bcrypt-cost"),
        .init(arguments: ["users", "add", "x1", "--role", "enroller", "--db", "R", "--key-file", "missing.key"],
              password: "a long enough password", message: "missing.key"),
        .init(arguments: ["users", "disable", "nobody", "--db", "R"], password: nil, message: "accounts file"),
        .init(arguments: ["users", "list", "--accounts", "R"], password: nil, message: "not a PreventKit accounts file"),
    ]

    @Test("users refuses bad input with a message naming what is wrong, and changes nothing", arguments: badUsersCases)
    func badUsersInput(testCase: BadUsersCase) throws {
        let (folder, register, password) = try Self.register()
        defer { try? FileManager.default.removeItem(at: folder) }
        var arguments = testCase.arguments.map { $0 == "R" ? register : $0 }
        arguments = arguments.map { $0 == "missing.key" ? folder.appendingPathComponent("missing.key").path : $0 }
        if let text = testCase.password {
            try (text + "\n").write(toFile: password, atomically: true, encoding: .utf8)
            arguments += ["--password-file", password]
        }
        let result = try runPrevent(arguments)
        #expect(result.status != 0)
        #expect(result.standardError.contains(testCase.message), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: register + ".accounts"))
        #expect(try runPrevent(["audit", "verify", "--db", register]).standardOutput.contains("account") == false)
    }

    @Test("serve refuses to start without an accounts file or with a bad port")
    func serveRefuses() throws {
        let (folder, register, _) = try Self.register()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try runPrevent(["serve", "--study", Self.study, "--db", register])
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("no such accounts file"))
        let port = try runPrevent(["serve", "--study", Self.study, "--db", register, "--port", "70000"])
        #expect(port.status != 0)
        #expect(port.standardError.contains("--port"))
    }

    @Test("serve listens on loopback, answers with its security headers and stops on SIGTERM")
    func serveRuns() async throws {
        let (folder, register, password) = try Self.register()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try runPrevent(["users", "add", "chief", "--role", "admin", "--db", register, "--password-file", password,
                                "--bcrypt-cost", "4"]).status == 0)
        let (process, output) = try launchPrevent(["serve", "--study", Self.study, "--db", register, "--port", "0", "--insecure-cookies"])
        defer { if process.isRunning { process.terminate() } }
        var text = ""
        while !text.contains("/ (register") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        let url = try #require(text.firstMatch(of: /Listening on (http:\/\/127\.0\.0\.1:\d+)\//)?.1)
        let (body, response) = try await URLSession.shared.data(from: URL(string: "\(url)/sign-in")!)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        #expect(http.value(forHTTPHeaderField: "X-Frame-Options") == "DENY")
        #expect(String(decoding: body, as: UTF8.self).contains("name=\"form_token\""))
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
