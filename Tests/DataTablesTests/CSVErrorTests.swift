@testable import DataTables
import Foundation
import Testing

/// Each bad input must fail with the file, 1-based line and column of its problem.
@Suite struct CSVErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        var options = CSVReadOptions()
        let line: Int?
        let column: Int?
        let message: String
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "bad/not_a_number.csv", options: CSVReadOptions(columnTypes: ["age": .numeric]),
             line: 6, column: 3, message: "6: column 3 'age': \"abc\" is not a number"),
        Case(file: "bad/too_few_fields.csv", line: 3, column: 3,
             message: "3: column 3 'age': the row ends after 2 fields but the header has 3"),
        Case(file: "bad/too_many_fields.csv", line: 3, column: 4,
             message: "3: column 4: the row has more fields than the header's 3"),
        Case(file: "bad/duplicate_header.csv", line: 1, column: 4,
             message: "1: column 4 'arm': the header name is used twice (also column 2)"),
        Case(file: "bad/empty_header.csv", line: 1, column: 2,
             message: "1: column 2: the header name is empty"),
        Case(file: "bad/unterminated_quote.csv", line: 3, column: 2,
             message: "3: column 2 'note': a quoted field starts here but its closing quote is missing"),
        Case(file: "bad/text_after_quote.csv", line: 2, column: 2,
             message: "2: column 2 'name': text follows the closing quote of a quoted field (write a quote inside one as \"\")"),
        Case(file: "bad/empty.csv", line: nil, column: nil,
             message: " the file is empty (there is no header line)"),
        Case(file: "bad/blank_lines_only.csv", line: nil, column: nil,
             message: " the file is empty (there is no header line)"),
        Case(file: "good/cohort.csv", options: CSVReadOptions(columnTypes: ["person_id": .numeric]),
             line: 2, column: 1, message: "2: column 1 'person_id': \"P001\" is not a number"),
        Case(file: "good/cohort.csv", options: CSVReadOptions(columnTypes: ["agee": .numeric]),
             line: nil, column: nil, message: " a column type is given for 'agee', which is not in the header"),
        Case(file: "missing/nowhere.csv", line: nil, column: nil,
             message: " cannot read the file: No such file or directory"),
    ]

    @Test(arguments: cases)
    func reportsFileLineAndColumn(_ testCase: Case) {
        let path = testCase.file.hasPrefix("missing/") ? "/nonexistent/" + testCase.file : fixture(testCase.file)
        #expect {
            _ = try DataTable(csvFile: path, options: testCase.options)
        } throws: { error in
            guard let error = error as? CSVError else { return false }
            return error.file == path && error.line == testCase.line && error.column == testCase.column
                && error.description == path + ":" + testCase.message
        }
    }

    @Test func messageReadsLikeADiagnostic() {
        let error = CSVError(file: "cohort.csv", line: 14, column: 3, columnName: "age", reason: .notANumber("abc"))
        #expect(error.description == "cohort.csv:14: column 3 'age': \"abc\" is not a number")
    }

    /// Problems in text held in memory, named by the label given.
    struct TextCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        var options = CSVReadOptions()
        let message: String
        var testDescription: String { name }
    }

    static let textCases: [TextCase] = [
        TextCase(name: "bad cell after a multi-line quoted field",
                 text: "a,b\n\"x\ny\nz\",1\nw,2\nv,oops\n", options: CSVReadOptions(columnTypes: ["b": .numeric]),
                 message: "sample.csv:6: column 2 'b': \"oops\" is not a number"),
        TextCase(name: "line numbers count CRLF lines and blank lines",
                 text: "a,b\r\n1,2\r\n\r\n3\r\n", message: "sample.csv:4: column 2 'b': the row ends after 1 field but the header has 2"),
        TextCase(name: "an error in the header's quoted name",
                 text: "a,\"b\n", message: "sample.csv:1: column 2: a quoted field starts here but its closing quote is missing"),
        TextCase(name: "unterminated quote in the last row",
                 text: "a,b\n1,2\n3,\"4\n", message: "sample.csv:3: column 2 'b': a quoted field starts here but its closing quote is missing"),
        TextCase(name: "long cells are shortened in the message",
                 text: "a\n" + String(repeating: "x", count: 100) + "\n", options: CSVReadOptions(columnTypes: ["a": .numeric]),
                 message: "sample.csv:2: column 1 'a': \"" + String(repeating: "x", count: 60) + "...\" is not a number"),
        TextCase(name: "the first error in the file wins",
                 text: "a,b\n1,2,3\n4\n", message: "sample.csv:2: column 3: the row has more fields than the header's 2"),
    ]

    @Test(arguments: textCases)
    func reportsProblemsInText(_ testCase: TextCase) {
        #expect {
            _ = try DataTable(csvText: testCase.text, label: "sample.csv", options: testCase.options)
        } throws: { error in
            (error as? CSVError)?.description == testCase.message
        }
    }

    @Test func invalidUTF8InALabelIsAnError() {
        let bytes = Array("id,name\n1,ok\n2,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        #expect {
            _ = try DataTable(csvBytes: bytes, label: "latin1.csv")
        } throws: { error in
            (error as? CSVError)?.description
                == "latin1.csv:3: column 2 'name': the text is not valid UTF-8 (save the file as UTF-8)"
        }
    }

    @Test func accessorErrorsNameTheColumn() throws {
        let table = try DataTable(csvText: "age,arm\n1,a\n")
        #expect(throws: DataTableError.columnNotFound(name: "agee", available: ["age", "arm"])) {
            _ = try table.numeric("agee")
        }
        #expect(throws: DataTableError.wrongColumnKind(name: "arm", expected: .numeric, actual: .categorical)) {
            _ = try table.numeric("arm")
        }
        #expect(DataTableError.wrongColumnKind(name: "arm", expected: .numeric, actual: .categorical).description
            == "column 'arm' is categorical, not numeric")
        #expect(DataTableError.columnNotFound(name: "agee", available: ["age", "arm"]).description
            == "no column named 'agee'; the columns are 'age', 'arm'")
    }
}
