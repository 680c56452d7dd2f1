import ArgumentParser
import EnrolmentRegister

extension Prevent.Register {
    /// `prevent register export`: the allocations as CSV.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every allocation to a CSV file.",
            discussion: """
                Columns: id (the pseudonym), arm, stratum, block, p_<arm> for each arm, \
                enrolled_at (UTC). The export and the file's SHA-256 are recorded in the audit trail.
                """
        )

        @OptionGroup var options: RegisterOptions

        @Option(help: "The CSV file to write.")
        var out: String

        @OptionGroup var messages: MessageOptions

        func run() throws {
            let console = messages.console
            let register = try console.step("Opened \(options.displayName)") { try options.openRegistry() }
            defer { closeRegistry(register) }
            let out = self.out
            let summary = try console.step("Wrote \(out)", summary: { "\($0.rows) rows" }) {
                try waitFor { try await register.export(to: out, actor: nil) }
            }
            print("Exported \(summary.rows) allocation\(summary.rows == 1 ? "" : "s") to \(out) (SHA-256 \(summary.sha256)).")
            print("Audit reference: \(summary.audit)")
        }
    }
}
