@testable import DataTables
import Foundation
import Testing

@Suite struct CSVReadingTests {
    @Test func readsCohortWithCategoricalLevelsAndMissing() throws {
        let table = try DataTable(csvFile: fixture("good/cohort.csv"))
        #expect(table.rowCount == 5)
        #expect(table.columnNames == ["person_id", "arm", "age", "risk_band", "harm"])

        let arm = try table.categorical("arm")
        #expect(arm.levels == ["control", "partner", "police", "social_media"])
        #expect(arm.codes == [0, 2, 1, 3, 2])

        let band = try table.categorical("risk_band")
        #expect(band.levels == ["high", "low", "medium"])
        #expect(band.codes == [0, 1, CategoricalColumn.missingCode, 2, 0])
        #expect(band.values == ["high", "low", nil, "medium", "high"])

        #expect(try table.numeric("age").values.bitPatterns == [34, .nan, 29, 41, 17].bitPatterns)
        #expect(try table.numeric("harm").values.bitPatterns == [12.5, .nan, 0, .nan, .infinity].bitPatterns)
        #expect(try table.categorical("person_id").levels == ["P001", "P002", "P003", "P004", "P005"])
    }

    @Test func readsByteOrderMarkCRLFBlankLineAndNoFinalLineEnd() throws {
        let table = try DataTable(csvFile: fixture("good/bom_crlf.csv"))
        #expect(table.columnNames == ["id", "value"])
        #expect(try table.numeric("id").values == [1, 2, 3])
        #expect(try table.numeric("value").values == [2.5, -3, 1e-7])
    }

    @Test func readsQuotedFields() throws {
        let table = try DataTable(csvFile: fixture("good/quoted.csv"))
        let comment = try table.categorical("comment")
        #expect(comment.levels == ["", "Hello, world", "She said \"hi\"", "line one\nline two", "plain text"])
        #expect(comment.values == ["Hello, world", "She said \"hi\"", "line one\nline two", "plain text", ""])
        #expect(try table.numeric("amount").values == [10, 20, 30, 40, 50])
        #expect(try table.numeric("id").values == [1, 2, 3, 4, 5])
    }

    @Test func declaredTypesOverrideInference() throws {
        let options = CSVReadOptions(columnTypes: ["age": .categorical, "harm": .numeric])
        let table = try DataTable(csvFile: fixture("good/cohort.csv"), options: options)
        let age = try table.categorical("age")
        #expect(age.levels == ["17", "29", "34", "41"])
        #expect(age.codes == [2, CategoricalColumn.missingCode, 1, 3, 0])
        #expect(table["harm"]?.kind == .numeric)
    }

    /// Small inputs, each with the columns it must produce (`nil` values are missing).
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        var options = CSVReadOptions()
        let numeric: [String: [Double]]
        var labels: [String: [String?]] = [:]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "number forms", text: "x\n12\n-3.5\n+1e-7\n.5\n5.\n1E+10\n",
             numeric: ["x": [12, -3.5, 1e-7, 0.5, 5, 1e10]]),
        Case(name: "spaces around cells are trimmed", text: "a, b \n 1 ,  2\n",
             numeric: ["a": [1], "b": [2]]),
        Case(name: "quoted numbers are numbers", text: "a,b\n\"1\",\" 2.5\"\n",
             numeric: ["a": [1]], labels: ["b": [" 2.5"]]),
        Case(name: "empty, NA and NaN are missing; Inf is infinite", text: "a\n1\n\nNA\nNaN\n-Inf\n\"\"\n",
             numeric: ["a": [1, .nan, .nan, -.infinity, .nan]]),
        Case(name: "a quoted NA is a label", text: "a\n\"NA\"\nNA\n",
             numeric: [:], labels: ["a": ["NA", nil]]),
        Case(name: "blank lines are skipped", text: "\n\na,b\n1,2\n\n3,4\n\n\n",
             numeric: ["a": [1, 3], "b": [2, 4]]),
        Case(name: "header only", text: "a,b\n", numeric: ["a": [], "b": []]),
        Case(name: "header without line end", text: "a,b", numeric: ["a": [], "b": []]),
        Case(name: "one non-number makes a column categorical", text: "a,b\n1,x\n2,3\n",
             numeric: ["a": [1, 2]], labels: ["b": ["x", "3"]]),
        Case(name: "semicolon delimiter", text: "a;b\n1,5;x\n", options: CSVReadOptions(delimiter: ";"),
             numeric: [:], labels: ["a": ["1,5"], "b": ["x"]]),
        Case(name: "tab delimiter keeps empty cells", text: "a\tb\n1\t\n\t2\n", options: CSVReadOptions(delimiter: "\t"),
             numeric: ["a": [1, .nan], "b": [.nan, 2]]),
        Case(name: "custom missing values, including a number",
             text: "a,b\n-99,.\n4,x\n", options: CSVReadOptions(missingValues: ["", "NA", "-99", "."]),
             numeric: ["a": [.nan, 4]], labels: ["b": [nil, "x"]]),
        Case(name: "without empty as missing, an empty cell is a label",
             text: "a\nx\n\"\"\n", options: CSVReadOptions(missingValues: ["NA"]),
             numeric: [:], labels: ["a": ["x", ""]]),
        Case(name: "a lone carriage return stays in the cell", text: "a,b\nx\ry,1\n",
             numeric: ["b": [1]], labels: ["a": ["x\ry"]]),
        Case(name: "a quote inside an unquoted cell is literal", text: "h\n5'10\"\n",
             numeric: [:], labels: ["h": ["5'10\""]]),
        Case(name: "UTF-8 labels sort by bytes", text: "t\nzebra\nÉcole\nabc\nZoo\n",
             numeric: [:], labels: ["t": ["zebra", "École", "abc", "Zoo"]]),
        Case(name: "many significant digits", text: "x\n0.1000000000000000055511151231257827\n123456789012345678901234\n",
             numeric: ["x": [0.1, 1.23456789012345685803008e23]]),
    ]

    @Test(arguments: cases)
    func readsSmallInputs(_ testCase: Case) throws {
        let table = try DataTable(csvText: testCase.text, options: testCase.options)
        for (name, expected) in testCase.numeric {
            #expect(try table.numeric(name).values.bitPatterns == expected.bitPatterns, "column \(name)")
        }
        for (name, expected) in testCase.labels {
            #expect(try table.categorical(name).values == expected, "column \(name)")
        }
        #expect(table.columnCount == testCase.numeric.count + testCase.labels.count)
    }

    /// Past `UninitialisedArrays.maximumNesting` columns the reader fills temporary storage
    /// and copies; both ways must give the same table.
    @Test(arguments: [3, 300])
    func readsWideTables(_ columnCount: Int) throws {
        let header = (0..<columnCount).map { "c\($0)" }
        var lines = [header.joined(separator: ",")]
        for row in 0..<50 {
            lines.append((0..<columnCount).map { column in column % 3 == 2 ? "L\(row % 4)" : "\(row * column)" }.joined(separator: ","))
        }
        var options = CSVReadOptions()
        options.chunkCount = 3
        let table = try DataTable(csvText: lines.joined(separator: "\n"), options: options)
        #expect(table.columnCount == columnCount)
        #expect(table.rowCount == 50)
        for column in 0..<columnCount {
            if column % 3 == 2 {
                #expect(try table.categorical("c\(column)").levels == ["L0", "L1", "L2", "L3"])
            } else {
                #expect(try table.numeric("c\(column)").values == (0..<50).map { Double($0 * column) })
            }
        }
    }

    @Test func readingAFolderIsAnError() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: CSVError(file: folder.path, reason: .cannotRead("it is a folder"))) {
            _ = try DataTable(csvFile: folder.path)
        }
    }

    @Test func labelsAreSortedByUTF8Bytes() throws {
        let table = try DataTable(csvText: "t\nzebra\nÉcole\nabc\nZoo\nabc\n")
        #expect(try table.categorical("t").levels == ["Zoo", "abc", "zebra", "École"])
    }

    @Test func readsFromBytesWithLabel() throws {
        let table = try DataTable(csvBytes: Array("a\n1\n".utf8), label: "memory")
        #expect(try table.numeric("a").values == [1])
    }

    @Test func numericColumnsFeedAMatrixInOneCopyEach() throws {
        let table = try DataTable(csvText: "a,b,arm\n1,2,x\n3,4,y\n5,6,x\n")
        let columns = try table.numericValues(["b", "a"])
        #expect(columns.joined().elementsEqual([2, 4, 6, 1, 3, 5]))
        #expect(throws: DataTableError.wrongColumnKind(name: "arm", expected: .numeric, actual: .categorical)) {
            _ = try table.numericValues(["a", "arm"])
        }
    }
}
