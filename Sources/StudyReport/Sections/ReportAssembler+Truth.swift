import Foundation

extension ReportAssembler {
    /// The simulation's true effects, when the study was simulated: every value of `truth.json`
    /// by its key path.
    func truthSection() throws -> ReportSection? {
        guard let file = study.truthFile else { return nil }
        let value: TruthValue
        do {
            value = try JSONDecoder().decode(TruthValue.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw StudyReportError(file: file, message: "cannot be read as JSON: \(error)")
        }
        return ReportSection(id: "truth", title: "Simulation truth", blocks: [
            .paragraph("This study was simulated: the true effects it was generated with are listed below, so that the estimates above can be "
                + "checked against them. They are not data and are not known in a real trial."),
            .table(ReportTable(title: "Simulation truth (truth.json)", header: ["setting", "value"], rows: value.rows(path: ""))),
        ])
    }
}

/// A JSON value of `truth.json`, kept as read.
enum TruthValue: Decodable {
    case flag(Bool)
    case number(Double)
    case text(String)
    case object([String: TruthValue])
    case array([TruthValue])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .flag(flag) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else if let text = try? container.decode(String.self) { self = .text(text) }
        else if let object = try? container.decode([String: TruthValue].self) { self = .object(object) }
        else { self = .array(try container.decode([TruthValue].self)) }
    }

    /// One row per leaf value: its key path and its text, keys in sorted order.
    func rows(path: String) -> [[String]] {
        switch self {
        case let .flag(flag): return [[path, flag ? "true" : "false"]]
        case let .number(number):
            return [[path, number == number.rounded() && abs(number) < 1e15 ? "\(Int64(number))" : "\(number)"]]
        case let .text(text): return [[path, text]]
        case .null: return [[path, "null"]]
        case let .object(object):
            return object.keys.sorted().flatMap { key in object[key]!.rows(path: path.isEmpty ? key : "\(path).\(key)") }
        case let .array(array):
            return array.enumerated().flatMap { $1.rows(path: "\(path)[\($0)]") }
        }
    }
}
