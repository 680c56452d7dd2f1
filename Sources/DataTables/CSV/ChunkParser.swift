import Foundation

/// How the first pass treats a column.
enum ColumnPlan: UInt8 {
    /// Parse numbers; a cell that is not one makes the column categorical.
    case inferred
    /// Parse numbers; a cell that is not one is an error.
    case declaredNumeric
    /// Skip in the first pass; collect labels in the second.
    case labels
}

/// A problem found while parsing, before it is turned into a `CSVError` with a line number.
struct ReadFailure: Error {
    /// The byte offset where the problem is (its line is counted only if it is reported).
    var offset: Int
    /// The 0-based column; the column count for a field past the last column.
    var column: Int
    var reason: CSVError.Reason

    init(_ failure: FieldScanner.Failure, column: Int) {
        switch failure {
        case .unterminatedQuote(let opening):
            self.init(offset: opening, column: column, reason: .unterminatedQuote)
        case .textAfterClosingQuote(let position):
            self.init(offset: position, column: column, reason: .textAfterClosingQuote)
        }
    }

    init(offset: Int, column: Int, reason: CSVError.Reason) {
        self.offset = offset
        self.column = column
        self.reason = reason
    }
}

/// What the first pass found in one chunk.
struct NumberPassResult {
    /// The records parsed.
    var rows = 0
    /// The offset where parsing stopped: the chunk's end when the chunk boundaries are right.
    var stop = 0
    /// The first problem in the chunk, if any; parsing stopped there.
    var failure: ReadFailure?
    /// Inferred columns with a cell that is not a number in this chunk.
    var nonNumericColumns: [Int] = []
}

/// What the second pass found in one chunk.
struct LabelPassResult {
    /// One table per label column, in the order of the label columns.
    var tables: [LevelTable]
    var failure: ReadFailure?
}

/// The inner loops of the reader: parse one chunk's records.
enum ChunkParser {
    /// The first pass: parses the numbers of every numeric-planned column of the chunk's
    /// records into `outputs[column][chunk.rowBase + row]`, and checks the record structure.
    ///
    /// - Parameters:
    ///   - outputs: per column, the start of its values, or `nil` for a `.labels` column.
    /// - Complexity: O(bytes in the chunk).
    static func parseNumbers(
        chunk: Chunk,
        data: UnsafePointer<UInt8>,
        scanner: FieldScanner,
        plans: UnsafeBufferPointer<ColumnPlan>,
        outputs: UnsafeBufferPointer<UnsafeMutablePointer<Double>?>,
        missing: MissingValueMatcher
    ) -> NumberPassResult {
        let columnCount = plans.count
        let modes = UnsafeMutableBufferPointer<ColumnPlan>.allocate(capacity: columnCount)
        defer { modes.deallocate() }
        _ = modes.initialize(from: plans)
        let columns = UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>.allocate(capacity: columnCount)
        defer { columns.deallocate() }
        // A `.labels` column's pointer is never written through; it only needs to be valid.
        let unused = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        defer { unused.deallocate() }
        for column in 0..<columnCount {
            columns[column] = outputs[column].map { $0 + chunk.rowBase } ?? unused
        }

        var result = NumberPassResult()
        let delimiter = scanner.delimiter
        let checksNumericMissing = missing.hasNumericValues
        let last = columnCount - 1
        var p = data + chunk.start
        let limit = data + chunk.end
        var row = 0

        records: while p < limit {
            if scanner.skipBlankLine(&p) { continue }
            var column = 0
            while true {
                let mode = modes[column]
                if mode != .labels {
                    // The fast path: a plain number followed directly by the field's end.
                    var q = p
                    if let number = PlainNumber.scan(&q), scanner.isFieldEnd(q), !checksNumericMissing {
                        (columns[column] + row).pointee = number.value
                        p = q
                    } else {
                        switch parseCellSlowly(&p, scanner: scanner, missing: missing) {
                        case .value(let value):
                            (columns[column] + row).pointee = value
                        case .notANumber(let text, let offset):
                            if mode == .declaredNumeric {
                                result.failure = ReadFailure(offset: offset - data, column: column, reason: .notANumber(text))
                                break records
                            }
                            modes[column] = .labels
                            result.nonNumericColumns.append(column)
                        case .failure(let failure):
                            result.failure = ReadFailure(failure, column: column)
                            break records
                        }
                    }
                } else {
                    do {
                        try scanner.skip(&p)
                    } catch {
                        result.failure = ReadFailure(error, column: column)
                        break records
                    }
                }

                let byte = p.pointee
                if byte == delimiter {
                    if column == last {
                        result.failure = ReadFailure(
                            offset: p + 1 - data, column: columnCount, reason: .tooManyFields(expected: columnCount))
                        break records
                    }
                    p += 1
                    column += 1
                    continue
                }
                if column != last {
                    result.failure = ReadFailure(
                        offset: p - data, column: column + 1,
                        reason: .tooFewFields(expected: columnCount, found: column + 1))
                    break records
                }
                scanner.stepOver(&p)
                break
            }
            row += 1
        }
        result.rows = row
        result.stop = p - data
        return result
    }

    private enum SlowCell {
        case value(Double)
        case notANumber(String, offset: UnsafePointer<UInt8>)
        case failure(FieldScanner.Failure)
    }

    /// A cell the fast path could not take: quoted, spaced, missing, long, or not a number.
    @inline(never)
    private static func parseCellSlowly(
        _ p: inout UnsafePointer<UInt8>, scanner: FieldScanner, missing: MissingValueMatcher
    ) -> SlowCell {
        let field: FieldScanner.Field
        do {
            field = try scanner.scan(&p)
        } catch {
            return .failure(error)
        }
        if field.isQuoted {
            // A quoted cell is a value, never a missing-value text; but `""` holds no number.
            if field.count == 0 { return .value(.nan) }
            if let value = field.withText({ DecimalParser.parse($0, count: $1) }) { return .value(value) }
            return .notANumber(field.text, offset: field.start - 1)
        }
        if missing.matches(field.start, count: field.count) { return .value(.nan) }
        if field.count > 0, let value = DecimalParser.parse(field.start, count: field.count) { return .value(value) }
        return .notANumber(field.text, offset: field.start)
    }

    /// The second pass: codes the labels of the label columns of the chunk's records into
    /// `outputs[labelIndex][rowBase + row]`, with chunk-local codes from one `LevelTable` each.
    ///
    /// - Parameters:
    ///   - labelIndex: per column, its index among the label columns, or -1.
    ///   - rowBase: the chunk's first row in the final table.
    /// - Complexity: O(bytes in the chunk) on average.
    static func parseLabels(
        chunk: Chunk,
        rowBase: Int,
        data: UnsafePointer<UInt8>,
        scanner: FieldScanner,
        labelIndex: UnsafeBufferPointer<Int>,
        outputs: UnsafeBufferPointer<UnsafeMutablePointer<Int32>>,
        missing: MissingValueMatcher
    ) -> LabelPassResult {
        var tables = Array(repeating: LevelTable(), count: outputs.count)
        let columnCount = labelIndex.count
        var p = data + chunk.start
        let limit = data + chunk.end
        var row = rowBase
        while p < limit {
            if scanner.skipBlankLine(&p) { continue }
            for column in 0..<columnCount {
                let index = labelIndex[column]
                do {
                    if index < 0 {
                        try scanner.skip(&p)
                    } else {
                        let field = try scanner.scan(&p)
                        let code: Int32?
                        if !field.isQuoted, missing.matches(field.start, count: field.count) {
                            code = CategoricalColumn.missingCode
                        } else {
                            code = field.withText { tables[index].code(for: $0, count: $1) }
                        }
                        guard let code else {
                            let offset = field.start - data - (field.isQuoted ? 1 : 0)
                            return LabelPassResult(
                                tables: tables, failure: ReadFailure(offset: offset, column: column, reason: .invalidUTF8))
                        }
                        outputs[index][row] = code
                    }
                } catch {
                    return LabelPassResult(tables: tables, failure: ReadFailure(error, column: column))
                }
                scanner.stepOver(&p)
            }
            row += 1
        }
        return LabelPassResult(tables: tables, failure: nil)
    }
}
