import Foundation

/// Paths of the test fixtures (copied into the test bundle).
enum FixturePaths {
    static func path(_ relative: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(relative).path
    }
}
