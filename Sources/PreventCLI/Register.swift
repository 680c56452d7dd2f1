import ArgumentParser

extension Prevent {
    /// `prevent register`: create and export a trickle-flow enrolment register.
    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or export a trickle-flow enrolment register.",
            discussion: """
                A register holds the people enrolled one at a time with `prevent enrol`: each \
                allocation, stored under a pseudonym, and a hash-chained audit trail of every \
                event. Check the trail with `prevent audit verify`.
                """,
            subcommands: [Initialise.self, Export.self]
        )
    }
}
