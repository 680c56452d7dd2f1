import Foundation

// Running the built `prevent` binary, shared by every end-to-end test in this target.

/// What one run of `prevent` gave.
struct CommandResult {
    let status: Int32
    let standardOutput: String
    let standardError: String
}

/// The repository's root folder, where the bundled studies are.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `prevent` binary that the test build produced, beside the test bundle.
func preventExecutable() throws -> URL {
    let testBinary = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    var folder = testBinary.deletingLastPathComponent()
    // Test bundles may sit in a folder of their own inside the build products folder.
    for _ in 0 ..< 4 {
        let candidate = folder.appendingPathComponent("prevent")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "prevent beside \(testBinary.path)"])
}

/// The environment for `prevent` without a study secret, so only the key files a test names count,
/// plus `extra`.
private func preventEnvironment(adding extra: [String: String]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["PREVENT_STUDY_SECRET"] = nil
    return environment.merging(extra) { $1 }
}

/// A `prevent` process ready to start in the repository's root folder.
private func preventProcess(_ arguments: [String], environment extra: [String: String]) throws -> Process {
    let process = Process()
    process.executableURL = try preventExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    process.environment = preventEnvironment(adding: extra)
    return process
}

/// Collects what a pipe delivers on another thread, so that a child filling one pipe never
/// blocks while the test waits on the other.
private final class PipeCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        DispatchQueue.global().async {
            self.data = pipe.fileHandleForReading.readDataToEndOfFile()
            self.done.signal()
        }
    }

    var text: String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Runs `prevent` to the end in the repository's root folder.
///
/// - Parameters:
///   - arguments: The command line after `prevent`.
///   - environment: Variables added to the test's environment (from which any study secret is
///     removed first).
func runPrevent(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
    let process = try preventProcess(arguments, environment: environment)
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let standardOutput = PipeCollector(output), standardError = PipeCollector(error)
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, standardOutput: standardOutput.text,
                         standardError: standardError.text)
}

/// Starts `prevent` without waiting; standard output and error both go to the returned pipe.
func launchPrevent(_ arguments: [String]) throws -> (Process, Pipe) {
    let process = try preventProcess(arguments, environment: [:])
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    return (process, output)
}

/// A fresh temporary folder for one test's files.
func scratchFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prevent-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}
