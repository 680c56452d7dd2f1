import Foundation
import LinearAlgebra
@testable import RiskModels

/// A numeric CSV fixture written by `Fixtures/make_fixtures.R`: a header and rows of numbers
/// (quoted or padded, as R's `write.csv` of `formatC` strings writes them).
struct FixtureTable {
    let columnNames: [String]
    let rows: [[Double]]

    init(_ name: String) throws {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "csv") else {
            throw FixtureMissing(name: name)
        }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let clean = { (field: Substring) in field.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
        columnNames = lines[0].split(separator: ",").map(clean)
        rows = lines.dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { field in
                let text = clean(field)
                return Double(text) ?? (text == "Inf" ? .infinity : text == "-Inf" ? -.infinity : .nan)
            }
        }
    }

    func column(_ name: String) -> [Double] {
        let index = columnNames.firstIndex(of: name)!
        return rows.map { $0[index] }
    }

    /// The columns after `y` and `fold`, as risk model data with the fixture's fold assignment.
    static func dataSet(_ name: String) throws -> (data: RiskModelData, folds: [Int]) {
        let table = try FixtureTable("data_\(name)")
        let names = Array(table.columnNames.dropFirst(2))
        let data = try RiskModelData(factorColumns: names.map { table.column($0) }, factorNames: names,
                                     outcome: table.column("y"))
        return (data, table.column("fold").map { Int($0) })
    }
}

struct FixtureMissing: Error { let name: String }

/// |actual − expected| relative to max(|expected|, floor).
func relativeError(_ actual: Double, _ expected: Double, floor: Double = 1e-300) -> Double {
    abs(actual - expected) / max(abs(expected), floor)
}
