import AllocationService
import ArgumentParser
import DisclosureControl
import Dispatch
import EnrolmentRegister
import Foundation
import Logging

extension Prevent {
    /// `prevent serve`: the allocation service.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the allocation service: enrolment through a web console and a JSON API.",
            discussion: """
                Serves the register to signed-in accounts: enrollers enrol and look up people, \
                researchers see the disclosure-controlled dashboard and export allocations by \
                pseudonym, auditors verify the audit trail, admins manage accounts. Every action \
                is recorded in the register's audit trail with the account. Listens on \
                127.0.0.1 only by default: put a TLS reverse proxy (such as nginx) in front of it. \
                Add the first account with `prevent users add NAME --role admin --db REGISTER`. \
                Stops on SIGINT or SIGTERM.
                """
        )

        @Option(help: "The study's YAML file (the one the register was created with).")
        var study: String

        @OptionGroup var options: RegisterOptions

        @Option(help: "The accounts file (default: REGISTER.accounts).")
        var accounts: String?

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on (0 picks a free one; the port is printed).")
        var port = 8080

        @Flag(help: "Leave `Secure` off the session cookie, for plain-HTTP tests on loopback only.")
        var insecureCookies = false

        @Flag(help: "Take the client's address from the X-Real-IP header of a reverse proxy (for the sign-in rate limit).")
        var behindProxy = false

        @Option(help: "The bcrypt cost of passwords set through the service (4 to 31).")
        var bcryptCost: UInt8 = PasswordHasher.defaultCost

        @Option(help: "Minutes without a request after which a session ends.")
        var idleMinutes: Double = 30

        @Option(help: "Hours after signing in after which a session ends.")
        var sessionHours: Double = 12

        @Option(help: "Dashboard counts below this are suppressed for researchers.")
        var disclosureThreshold = 5

        @Option(help: "Dashboard counts for researchers are rounded to this base.")
        var disclosureRounding = 5

        @OptionGroup var messages: MessageOptions

        func validate() throws {
            guard disclosureThreshold >= 1 else { throw ValidationError("--disclosure-threshold must be at least 1.") }
            guard disclosureRounding >= 1 else { throw ValidationError("--disclosure-rounding must be at least 1.") }
            if accounts == nil, case .postgreSQL = try RegisterLocation(parsing: options.register) {
                throw ValidationError("--accounts FILE is needed when the register is a PostgreSQL database.")
            }
        }

        func run() throws {
            let console = messages.console
            let configuration = ServiceConfiguration(
                host: host, port: port, secureCookies: !insecureCookies, trustProxyAddress: behindProxy,
                sessionLifetime: SessionLifetime(idle: idleMinutes * 60, absolute: sessionHours * 3600),
                passwordCost: bcryptCost,
                disclosureRule: DisclosureRule(threshold: disclosureThreshold, roundingBase: disclosureRounding))
            try configuration.validate()
            let studyFile = try StudyFile(contentsOfFile: study)
            let accountsPath = accounts ?? AccountStore.defaultPath(forRegister: options.register)
            let store = try AccountStore(opening: accountsPath)
            if !(try store.accounts().contains { $0.role == .admin && !$0.isDisabled }) {
                console.warning(ServiceError.noAdministrator(accountsPath).description)
            }
            if insecureCookies { console.warning("session cookies are not marked Secure: use this only on loopback for tests") }
            if !["127.0.0.1", "::1", "localhost"].contains(host) {
                console.warning("listening on \(host), beyond loopback: serve only through a TLS reverse proxy")
            }
            let logger = Self.logger(verbose: messages.verbose)
            let host = self.host, location = options.register, keyFile = options.keyFile
            try Self.runBlocking {
                let register = try await ServiceRegister.open(location: location, keyFile: keyFile, study: studyFile)
                let service = AllocationService(
                    operations: ServiceOperations(register: register, accounts: store, configuration: configuration))
                try await service.run(logger: logger) { bound in
                    print("Listening on http://\(host):\(bound)/ (register \(register.location), accounts \(accountsPath))")
                    fflush(nil)
                }
            }
        }

        /// The service's log on standard error: warnings and errors, and each request with --verbose.
        static func logger(verbose: Bool) -> Logger {
            var logger = Logger(label: "prevent-serve")
            logger.logLevel = verbose ? .info : .warning
            return logger
        }

        /// Runs async work to completion from the synchronous command.
        static func runBlocking(_ work: @escaping @Sendable () async throws -> Void) throws {
            let finished = DispatchSemaphore(value: 0)
            let outcome = OutcomeBox()
            Task {
                do { try await work() } catch { outcome.set(error) }
                finished.signal()
            }
            finished.wait()
            if let error = outcome.error { throw error }
        }
    }
}

/// The error of work run by ``Prevent/Serve/runBlocking(_:)``, handed back across threads.
final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    var error: (any Error)? { lock.withLock { stored } }

    func set(_ error: any Error) { lock.withLock { stored = error } }
}
