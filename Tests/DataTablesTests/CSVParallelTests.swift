@testable import DataTables
import Foundation
import Testing

/// The parallel path must give the same table as parsing in one piece, and report errors at
/// the same lines, however the input is cut into chunks.
@Suite struct CSVParallelTests {
    static let chunkCounts = [2, 3, 7, 16, 61]

    /// A few thousand rows mixing every feature the chunking must respect: quoted fields
    /// with delimiters, doubled quotes and line ends; blank lines; CRLF; missing values; a
    /// column that turns categorical late; long and short numbers.
    struct Generated {
        var text = ""
        /// The `precise` column's values, from `Double(String)` on the text written.
        var precise: [Double] = []
        /// The 1-based line on which each row starts.
        var lines: [Int] = []
    }

    /// Generates the input; the `score` of row `badRow` (1-based), if given, is not a number.
    static func generate(badRow: Int? = nil) -> Generated {
        var random = SplitMix64(seed: 99)
        var generated = Generated()
        var line = 1
        var text = "id,score,arm,note,late,precise\n"
        let arms = ["control", "police", "partner", "social_media"]
        for row in 1...4000 {
            let score = row == badRow ? "bad" : String(Double(Int.random(in: -100_000...100_000, using: &random)) / 1000)
            let note: String
            switch Int.random(in: 0..<6, using: &random) {
            case 0: note = "\"said \"\"no\"\", twice\""
            case 1: note = "\"two\nlines\""
            case 2: note = ""
            case 3: note = "NA"
            default: note = "n\(row % 17)"
            }
            let late = row == 3900 ? "unknown" : String(row % 5)
            let precise = Double(bitPattern: random.next() >> 2)
            let arm = Int.random(in: 0..<10, using: &random) == 0 ? "" : arms[Int.random(in: 0..<4, using: &random)]
            let ending = row % 11 == 0 ? "\r\n" : "\n"
            line += 1
            generated.lines.append(line)
            let record = "\(row),\(score),\(arm),\(note),\(late),\(precise.description)\(ending)"
            line += record.utf8.filter { $0 == ASCII.lineFeed }.count - 1
            text += record
            generated.precise.append(Double(precise.description)!)
            if row % 500 == 0 {
                text += "\n"
                line += 1
            }
        }
        generated.text = text
        return generated
    }

    static let generated = generate()

    @Test(arguments: chunkCounts)
    func parallelMatchesOneChunk(_ chunkCount: Int) throws {
        let whole = try read(Self.generated.text, chunks: 1)
        let parallel = try read(Self.generated.text, chunks: chunkCount)
        #expect(whole.rowCount == 4000)
        #expect(parallel == whole)
        #expect(try parallel.numeric("precise").values.bitPatterns == whole.numeric("precise").values.bitPatterns)
        #expect(parallel["late"]?.kind == .categorical)
        #expect(try parallel.categorical("arm").levels == ["control", "partner", "police", "social_media"])
    }

    @Test(arguments: chunkCounts)
    func generatedValuesAreExact(_ chunkCount: Int) throws {
        let table = try read(Self.generated.text, chunks: chunkCount)
        #expect(try table.numeric("precise").values.bitPatterns == Self.generated.precise.bitPatterns)
    }

    /// A stray quote inside an unquoted field misleads the quote-parity chunking: here it
    /// makes the line feed inside every other quoted field look like a record end, so some
    /// chunks would start mid-record. The reader must notice and still read the file right.
    @Test(arguments: chunkCounts)
    func strayQuotesFallBackToOnePiece(_ chunkCount: Int) throws {
        var lines = ["height,note,n"]
        for row in 0..<3000 { lines.append("5'\(row % 12)\",\"x\ny\",\(row)") }
        let text = lines.joined(separator: "\n") + "\n"
        let table = try read(text, chunks: chunkCount)
        #expect(table.rowCount == 3000)
        #expect(try table.numeric("n").values == (0..<3000).map(Double.init))
        #expect(try table.categorical("note").levels == ["x\ny"])
        #expect(try table.categorical("height").levels.count == 12)
    }

    /// An error found by a later chunk still names the right line, counting line feeds
    /// inside quoted fields in earlier chunks.
    @Test(arguments: chunkCounts)
    func errorLinesAreRightInLaterChunks(_ chunkCount: Int) {
        let options = CSVReadOptions(columnTypes: ["score": .numeric])
        let bad = Self.generate(badRow: 3500)
        let line = bad.lines[3500 - 1]
        #expect(line > 4000)  // quoted line feeds and blank lines push it past the row number
        #expect {
            _ = try read(bad.text, chunks: chunkCount, options: options)
        } throws: { error in
            (error as? CSVError)?.description == "gen.csv:\(line): column 2 'score': \"bad\" is not a number"
        }
    }

    @Test func automaticChunkingMatchesOnePiece() throws {
        // Big enough (over 1 MiB) for the automatic choice to use several chunks.
        var text = Self.generated.text
        let body = text[text.utf8.firstIndex(of: ASCII.lineFeed)!...].dropFirst()
        for _ in 0..<5 { text += body }
        #expect(ChunkPlan.automaticCount(byteCount: text.utf8.count) > 1)
        let automatic = try DataTable(csvText: text, label: "gen.csv")
        #expect(automatic == (try read(text, chunks: 1)))
        #expect(automatic.rowCount == 24_000)
    }

    private func read(_ text: String, chunks: Int, options: CSVReadOptions = CSVReadOptions()) throws -> DataTable {
        var options = options
        options.chunkCount = chunks
        return try DataTable(csvText: text, label: "gen.csv", options: options)
    }
}
