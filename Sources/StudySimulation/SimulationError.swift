/// Why a study could not be simulated.
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A size setting that is zero or negative.
    case notPositive(setting: String, value: Int)
    /// A cohort larger than the population it is identified from.
    case cohortLargerThanPopulation(cohort: Int, people: Int)
    /// Nobody in the identified cohort is eligible, so there is no trial to simulate.
    case nobodyEligible(cohort: Int)
    /// The output folder exists and was not to be replaced.
    case folderExists(path: String)
    /// The output folder's parent does not exist or is not a folder.
    case noParentFolder(path: String)
    /// A file system operation failed.
    case cannotWrite(path: String, reason: String)

    /// The message a user reads, naming the setting or path at fault.
    public var description: String {
        switch self {
        case let .notPositive(setting, value):
            "--\(setting) must be at least 1, not \(value)"
        case let .cohortLargerThanPopulation(cohort, people):
            "--cohort (\(cohort)) cannot be larger than --people (\(people)): the cohort is identified from the population"
        case let .nobodyEligible(cohort):
            "none of the \(cohort) people identified is eligible, so nobody could be allocated; give a larger --cohort"
        case let .folderExists(path):
            "\(path): the folder exists; give --force to replace it"
        case let .noParentFolder(path):
            "\(path): the folder to write into does not exist"
        case let .cannotWrite(path, reason):
            "\(path): cannot write: \(reason)"
        }
    }
}
