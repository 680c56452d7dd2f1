import DataTables
import Foundation
import Randomisation
import StudyProtocol

/// Reading a study file and a cohort for the allocation commands, with errors that name the file.
enum StudyInputs {
    /// The protocol and its allocation design.
    static func design(study path: String) throws -> AllocationDesign {
        let studyProtocol = try StudyProtocol(contentsOfFile: path)
        do {
            return try AllocationDesign(protocol: studyProtocol)
        } catch {
            throw FileContextError(file: path, underlying: error)
        }
    }

    /// The cohort, with the fields the design reads as labels declared categorical (so `007`
    /// stays `007`) and its numeric baseline fields declared numeric.
    static func cohort(_ path: String, design: AllocationDesign, idColumn: String) throws -> DataTable {
        let header = try headerNames(path)
        guard header.contains(idColumn) else {
            throw FileContextError(file: path, underlying: AllocationError(.missingColumn(idColumn)))
        }
        return try DataTable(csvFile: path, options: design.csvReadOptions(header: header, idColumn: idColumn))
    }

    /// The names in a CSV file's header line (read with the CSV reader on that line alone, so
    /// quoting rules are the same).
    static func headerNames(_ path: String) throws -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FileContextError(file: path, underlying: CocoaError(.fileReadNoSuchFile))
        }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        while true {
            guard let chunk = try handle.read(upToCount: 65_536), !chunk.isEmpty else { break }
            if let end = chunk.firstIndex(of: UInt8(ascii: "\n")) {
                bytes += chunk[chunk.startIndex ..< end]
                break
            }
            bytes += chunk
        }
        return try DataTable(csvBytes: bytes + Array("\n".utf8), label: path).columnNames
    }

    /// An allocation error with the cohort's file name and the data row (from 1) in front.
    static func cohortError(_ error: AllocationError, file: String) -> FileContextError {
        FileContextError(file: error.row.map { "\(file): row \($0 + 1)" } ?? file, underlying: error)
    }

    /// Refuses to replace an existing file unless forced.
    static func checkOutput(_ path: String, force: Bool) throws {
        if !force && FileManager.default.fileExists(atPath: path) {
            throw FileContextError(file: path, underlying: OutputExists())
        }
    }
}

/// An output file that exists and was not to be replaced.
struct OutputExists: Error, CustomStringConvertible {
    var description: String { "the file exists; give --force to replace it" }
}
