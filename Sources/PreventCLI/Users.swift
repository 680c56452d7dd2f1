import AllocationService
import ArgumentParser
import EnrolmentRegister
import Foundation

extension Prevent {
    /// `prevent users`: the allocation service's accounts.
    struct Users: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the allocation service's accounts: add, disable, reset, list.",
            discussion: """
                Accounts live in an SQLite file beside the register (REGISTER.accounts) or named \
                with --accounts. Passwords are stored only as bcrypt hashes. With --db, every \
                change is also recorded in the register's audit trail (this needs the study secret).
                """,
            subcommands: [Add.self, Disable.self, Reset.self, List.self]
        )
    }
}

/// Where the accounts file is, and the register whose audit trail records changes.
struct AccountsOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The register: the accounts file is REGISTER.accounts, and changes are audited there.")
    var register: String?

    @Option(name: .customLong("key-file"), help: "The study secret's key file (default as for the register commands).")
    var keyFile: String?

    @Option(help: "The accounts file (default: REGISTER.accounts).")
    var accounts: String?

    func validate() throws {
        guard register != nil || accounts != nil else {
            throw ValidationError("Give the register with --db REGISTER, or the accounts file with --accounts FILE.")
        }
    }

    /// The accounts file's path.
    var accountsPath: String {
        accounts ?? AccountStore.defaultPath(forRegister: register!)
    }

    /// Opens the register whose audit trail records the change, when one was given, before
    /// anything is changed.
    func openRecorder(console: Console) throws -> AccountChangeRecorder? {
        guard let register else {
            console.note("no register given (--db): the change is not recorded in an audit trail")
            return nil
        }
        let keyFile = self.keyFile
        let opened = RecorderBox()
        try Prevent.Serve.runBlocking { opened.set(try await AccountChangeRecorder.open(location: register, keyFile: keyFile)) }
        return opened.value
    }

    /// Records a change with the recorder, if there is one.
    func record(_ detail: [String: String], with recorder: AccountChangeRecorder?) throws {
        guard let recorder else { return }
        let actor = "\(NSUserName()) (command line)"
        try Prevent.Serve.runBlocking { _ = try await recorder.record(actor: actor, detail: detail) }
    }
}

/// The recorder opened by ``AccountsOptions/openRecorder(console:)``, handed back across threads.
final class RecorderBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: AccountChangeRecorder?

    var value: AccountChangeRecorder? { lock.withLock { stored } }

    func set(_ recorder: AccountChangeRecorder) { lock.withLock { stored = recorder } }
}

/// How a new password is given: a file, standard input, or a prompt without echo.
struct PasswordInput: ParsableArguments {
    @Option(help: "Read the password from the first line of this file (mode 600 advised).")
    var passwordFile: String?

    /// Reads and checks the password.
    func read(for account: String) throws -> String {
        let password: String
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw ValidationError("\(passwordFile): cannot read the password file.")
            }
            password = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        } else if isatty(STDIN_FILENO) == 1 {
            let first = Self.prompt("New password for \(account): ")
            let second = Self.prompt("Repeat it: ")
            guard first == second else { throw ValidationError("The two passwords differ; nothing was changed.") }
            password = first
        } else {
            password = readLine(strippingNewline: true) ?? ""
        }
        do {
            try PasswordPolicy.validate(password)
        } catch let error as AccountError {
            throw ValidationError("\(error.description); nothing was changed.")
        }
        return password
    }

    /// Reads a line from the terminal with echo turned off.
    private static func prompt(_ text: String) -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}

extension Role: ExpressibleByArgument {}

extension Prevent.Users {
    /// `prevent users add NAME --role ROLE`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account (the accounts file is created if needed).")

        @Argument(help: "The account name: 1 to 64 letters, digits, '.', '_' or '-'.")
        var name: String

        @Option(help: "The role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: Role

        @Option(help: "The bcrypt cost (4 to 31).")
        var bcryptCost: UInt8 = PasswordHasher.defaultCost

        @OptionGroup var where_: AccountsOptions
        @OptionGroup var password: PasswordInput
        @OptionGroup var messages: MessageOptions

        func validate() throws {
            guard (4...31).contains(bcryptCost) else { throw ValidationError("--bcrypt-cost must be from 4 to 31.") }
            try Account.validate(name: name)
        }

        func run() throws {
            let newPassword = try password.read(for: name)
            let recorder = try where_.openRecorder(console: messages.console)
            let store = try AccountStore.openOrCreate(where_.accountsPath)
            if try store.account(named: name) != nil { throw AccountError.alreadyExists(name) }
            try store.add(name: name, role: role, passwordHash: PasswordHasher(cost: bcryptCost).hashBlocking(newPassword))
            try where_.record(["change": "add", "account": name, "role": role.rawValue], with: recorder)
            print("Added \(role.rawValue) account \(name) to \(where_.accountsPath).")
        }
    }

    /// `prevent users disable NAME`.
    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and end its sessions.")

        @Argument(help: "The account name.")
        var name: String

        @OptionGroup var where_: AccountsOptions
        @OptionGroup var messages: MessageOptions

        func run() throws {
            let store = try AccountStore(opening: where_.accountsPath)
            let recorder = try where_.openRecorder(console: messages.console)
            try store.disable(name: name)
            try where_.record(["change": "disable", "account": name], with: recorder)
            print("Disabled account \(name); its sessions have ended.")
        }
    }

    /// `prevent users reset NAME`.
    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a new password for an account, enable it again and end its sessions.")

        @Argument(help: "The account name.")
        var name: String

        @Option(help: "The bcrypt cost (4 to 31).")
        var bcryptCost: UInt8 = PasswordHasher.defaultCost

        @OptionGroup var where_: AccountsOptions
        @OptionGroup var password: PasswordInput
        @OptionGroup var messages: MessageOptions

        func validate() throws {
            guard (4...31).contains(bcryptCost) else { throw ValidationError("--bcrypt-cost must be from 4 to 31.") }
        }

        func run() throws {
            let store = try AccountStore(opening: where_.accountsPath)
            guard try store.account(named: name) != nil else { throw AccountError.noSuchAccount(name) }
            let newPassword = try password.read(for: name)
            let recorder = try where_.openRecorder(console: messages.console)
            try store.resetPassword(name: name, passwordHash: PasswordHasher(cost: bcryptCost).hashBlocking(newPassword))
            try where_.record(["change": "reset password", "account": name], with: recorder)
            print("Reset the password of account \(name); it is enabled and its sessions have ended.")
        }
    }

    /// `prevent users list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts: name, role, state (never a password hash).")

        @OptionGroup var where_: AccountsOptions
        @OptionGroup var messages: MessageOptions

        func run() throws {
            let accounts = try AccountStore(opening: where_.accountsPath).accounts()
            let width = max(4, accounts.map(\.name.count).max() ?? 0)
            print("name".padding(toLength: width, withPad: " ", startingAt: 0) + "  role        state     changed")
            for account in accounts {
                print(account.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + account.role.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + "  "
                    + (account.isDisabled ? "disabled" : "enabled ") + "  " + account.changedAt)
            }
        }
    }
}
