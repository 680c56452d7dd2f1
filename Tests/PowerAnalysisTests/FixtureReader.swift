import Foundation

/// Reads the CSV fixtures that `Fixtures/make_fixtures.R` writes: a header and rows of plain
/// cells (numbers with 17 significant digits, TRUE/FALSE, words).
struct FixtureRows {
    let rows: [[String: String]]

    init(_ name: String) {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/\(name)")
        let text = try! String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        rows = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

extension Dictionary where Key == String, Value == String {
    func number(_ key: String) -> Double {
        guard let text = self[key] else { fatalError("fixture has no column \(key)") }
        return text == "NA" ? .nan : Double(text)!
    }

    func flag(_ key: String) -> Bool { self[key] == "TRUE" }
}

/// |a − b| / |b|, or |a − b| when b is 0.
func relativeDifference(_ a: Double, _ b: Double) -> Double {
    b == 0 ? abs(a) : abs(a - b) / abs(b)
}
