import Foundation

/// Comma-separated text built row by row, for cells that never need quoting (identifiers,
/// labels, dates and numbers the simulation writes itself).
struct CSVText {
    private(set) var text: String

    /// Starts the text with a header line.
    init(header: [String]) {
        text = header.joined(separator: ",") + "\n"
    }

    /// Adds a row.
    mutating func append(_ cells: [String]) {
        precondition(cells.allSatisfy { cell in cell.utf8.allSatisfy { $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\n") } },
                     "cells need no quoting")
        text += cells.joined(separator: ",") + "\n"
    }
}

/// Number formats of the simulated files.
enum CellFormat {
    /// A coordinate in metres to 0.1 m (halves away from zero), with one decimal always written.
    static func metres(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// A yes/no flag, blank when not recorded.
    static func flag(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "" }

    /// A number in its shortest form, whole numbers without a decimal point.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
