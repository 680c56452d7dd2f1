import Foundation

/// Files of the bundled fixtures and scratch files for bad-input cases.
enum TestFiles {
    static let example = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/example").path

    static func fixture(_ name: String) -> String { example + "/" + name }

    /// Writes `text` to a new file in a fresh temporary folder and returns its path.
    static func write(_ text: String, name: String) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offence-outcomes-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
