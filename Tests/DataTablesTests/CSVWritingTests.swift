@testable import DataTables
import Foundation
import Testing

@Suite struct CSVWritingTests {
    @Test func writesShortestNumbersAndQuotesWhereNeeded() {
        let table = DataTable([
            ("n", .numeric(NumericColumn([12, -0.0, 0.1, 1e-7, 1e16, .nan, .infinity, -.infinity]))),
            ("label", .categorical(CategoricalColumn(
                ["plain", "a,b", "say \"hi\"", "two\nlines", " padded", "", "NA", nil]))),
        ])
        #expect(table.csvText() == """
            n,label
            12,plain
            -0,"a,b"
            0.1,"say ""hi\"\"\"
            1e-07,"two
            lines"
            1e+16," padded"
            NA,""
            Inf,"NA"
            -Inf,NA

            """)
        #expect(table.csvText(options: CSVWriteOptions(delimiter: ";", missingValue: "")).hasPrefix("n;label\n12;plain\n-0;a,b\n"))
    }

    @Test func quotesHeaderNamesWhereNeeded() {
        let table = DataTable([("risk, band", .numeric(NumericColumn([1])))])
        #expect(table.csvText() == "\"risk, band\"\n1\n")
    }

    /// Reading what was written gives the same bits, labels and missing values back.
    @Test(arguments: [1, 5])
    func roundTripIsExact(_ chunkCount: Int) throws {
        var random = SplitMix64(seed: 11)
        var lines = ["x,y,group,note"]
        for row in 0..<3000 {
            let x = Double(bitPattern: random.next())  // any double: subnormals, huge, NaN payloads
            let y = Double(Int.random(in: -1_000_000...1_000_000, using: &random)) / 100
            let group = ["a", "b,c", "d \"e\"", "f\ng", "NA", ""][row % 6]
            let quotedGroup = "\"" + group.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            lines.append("\(x.isNaN ? "NA" : x.description),\(row % 7 == 0 ? "" : String(y)),\(quotedGroup),n\(row % 13)")
        }
        var options = CSVReadOptions()
        options.chunkCount = chunkCount
        let original = try DataTable(csvText: lines.joined(separator: "\n"), options: options)
        #expect(original["group"]?.kind == .categorical)

        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("round trip.csv").path
        try original.writeCSV(toFile: path)
        let reread = try DataTable(csvFile: path, options: options)

        #expect(reread == original)
        for name in ["x", "y"] {
            #expect(try reread.numeric(name).values.bitPatterns == original.numeric(name).values.bitPatterns)
        }
        #expect(try reread.categorical("group").levels == original.categorical("group").levels)
        #expect(try reread.categorical("group").codes == original.categorical("group").codes)
    }

    @Test func replacingAFileKeepsItsPermissions() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.csv").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("old\n".utf8), attributes: [.posixPermissions: 0o640])
        try DataTable([("a", .numeric(NumericColumn([1, 2])))]).writeCSV(toFile: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\n1\n2\n")
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
    }

    /// A failed write leaves what was at the path as it was, and no temporary file behind.
    @Test func failedWriteLeavesTheTargetAlone() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = DataTable([("a", .numeric(NumericColumn([1])))])

        // The rename fails: a non-empty folder is in the way.
        let blocked = folder.appendingPathComponent("blocked.csv")
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: false)
        _ = FileManager.default.createFile(atPath: blocked.appendingPathComponent("keep").path, contents: Data("x".utf8))
        #expect {
            try table.writeCSV(toFile: blocked.path)
        } throws: { error in
            guard let error = error as? CSVError, case .cannotWrite = error.reason else { return false }
            return error.file == blocked.path
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["blocked.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: blocked.path) == ["keep"])

        // The temporary file cannot be created: the folder does not exist.
        let nowhere = folder.appendingPathComponent("missing/out.csv").path
        #expect {
            try table.writeCSV(toFile: nowhere)
        } throws: { error in
            (error as? CSVError)?.description == nowhere + ": cannot write the file: No such file or directory"
        }
    }
}

@Suite struct ColumnTests {
    @Test func categoricalFromValuesSortsLevels() {
        let column = CategoricalColumn(["police", nil, "control", "police"])
        #expect(column.levels == ["control", "police"])
        #expect(column.codes == [1, CategoricalColumn.missingCode, 0, 1])
        #expect(column[1] == nil)
        #expect(column[3] == "police")
        #expect(column.missingCount == 1)
    }

    @Test func numericColumnEqualityTreatsMissingAsEqual() {
        #expect(NumericColumn([1, .nan]) == NumericColumn([1, .nan]))
        #expect(NumericColumn([1, .nan]) != NumericColumn([1, 2]))
        #expect(NumericColumn([1, .nan])[1] == nil)
        #expect(NumericColumn([1, .nan, 3]).missingCount == 1)
    }

    @Test func tableAccessors() throws {
        let table = DataTable([
            ("age", .numeric(NumericColumn([30, 40]))),
            ("arm", .categorical(CategoricalColumn(["a", "b"]))),
        ])
        #expect(table.rowCount == 2)
        #expect(table.columnCount == 2)
        #expect(table.columnIndex(named: "arm") == 1)
        #expect(table["missing"] == nil)
        #expect(try table.numeric("age").values == [30, 40])
        #expect(try table.categorical("arm").levels == ["a", "b"])
        #expect(try table.column("age").kind == .numeric)
    }
}
