import Foundation

/// Reads a whole CSV input into a `DataTable`.
///
/// The stages, each over the whole input held in memory:
/// 1. the header, read serially;
/// 2. chunks at record boundaries (`ChunkPlan`), with a bound on the rows in each;
/// 3. the first pass, in parallel: every numeric-planned cell parsed straight into its
///    column's final `[Double]`, and the record structure checked;
/// 4. the second pass, in parallel, only if some column holds labels: their cells coded
///    against per-chunk level tables, then merged into sorted levels.
/// Errors are reported for the earliest problem in the file, whichever chunk found it.
struct CSVReader {
    let input: InputBytes
    let label: String
    let options: CSVReadOptions

    private var data: UnsafePointer<UInt8> { UnsafePointer(input.base) }

    /// Reads the table.
    ///
    /// - Throws: `CSVError` for the first problem in the input.
    func read() throws -> DataTable {
        let scanner = FieldScanner(start: data, count: input.count, delimiter: options.delimiterByte)
        let missing = MissingValueMatcher(options.missingValues)
        defer { missing.deallocate() }

        let (names, bodyStart) = try readHeader(scanner)
        let plans = try columnPlans(names)
        let requested = options.chunkCount ?? ChunkPlan.automaticCount(byteCount: input.count - bodyStart)
        var chunks = ChunkPlan.make(data: data, start: bodyStart, end: input.count, count: requested)
        let rowCapacity = chunks.reduce(0) { $0 + $1.rowCapacity }

        // First pass: numbers.
        let numericColumns = plans.indices.filter { plans[$0] != .labels }
        var failure: ReadFailure?
        var nonNumeric = Set<Int>()
        var rowsPerChunk: [Int] = []
        let numbers = UninitialisedArrays.make(count: numericColumns.count, capacity: rowCapacity) {
            (pointers: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>) -> Int in
            var outputs = [UnsafeMutablePointer<Double>?](repeating: nil, count: plans.count)
            for (index, column) in numericColumns.enumerated() { outputs[column] = pointers[index] }
            var results = numberPass(chunks, scanner: scanner, plans: plans, outputs: outputs, missing: missing)
            if !chunksMeet(chunks, results) {
                // A stray quote misled the chunking: parse in one piece instead.
                chunks = ChunkPlan.make(data: data, start: bodyStart, end: input.count, count: 1)
                results = numberPass(chunks, scanner: scanner, plans: plans, outputs: outputs, missing: missing)
            }
            if let first = results.lazy.compactMap(\.failure).first {
                failure = first
                return 0
            }
            for result in results { nonNumeric.formUnion(result.nonNumericColumns) }
            rowsPerChunk = results.map(\.rows)
            return compact(pointers, chunks: chunks, rows: rowsPerChunk)
        }
        if let failure { throw error(failure, names: names) }
        let rowCount = rowsPerChunk.reduce(0, +)

        // Second pass: labels.
        let labelColumns = plans.indices.filter { plans[$0] == .labels || nonNumeric.contains($0) }
        var labels: [CategoricalColumn] = []
        if !labelColumns.isEmpty {
            var rowBases: [Int] = []
            var nextRow = 0
            for rows in rowsPerChunk {
                rowBases.append(nextRow)
                nextRow += rows
            }
            labels = try labelPass(
                chunks, rowBases: rowBases, rowCount: rowCount, labelColumns: labelColumns,
                columnCount: plans.count, scanner: scanner, missing: missing, names: names)
        }

        var table = DataTable()
        var numericByColumn = Dictionary(uniqueKeysWithValues: zip(numericColumns, numbers))
        var labelsByColumn = Dictionary(uniqueKeysWithValues: zip(labelColumns, labels))
        for (column, name) in names.enumerated() {
            if let labels = labelsByColumn.removeValue(forKey: column) {
                table.append(.categorical(labels), named: name)
            } else {
                table.append(.numeric(NumericColumn(numericByColumn.removeValue(forKey: column)!)), named: name)
            }
        }
        return table
    }

    // MARK: Header

    /// The column names and the offset of the first data line.
    private func readHeader(_ scanner: FieldScanner) throws -> (names: [String], bodyStart: Int) {
        var p = data
        if input.count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { p += 3 }
        while scanner.skipBlankLine(&p) {}
        guard p < scanner.end else { throw CSVError(file: label, reason: .emptyFile) }

        var names: [String] = []
        var firstColumnOfName: [String: Int] = [:]
        while true {
            let column = names.count
            let field: FieldScanner.Field
            do {
                field = try scanner.scan(&p)
            } catch {
                throw self.error(ReadFailure(error, column: column), names: names)
            }
            let offset = field.start - data
            let bytes = field.unescaped()
            let name = String(decoding: bytes, as: UTF8.self)
            guard name.utf8.elementsEqual(bytes) else {
                throw error(ReadFailure(offset: offset, column: column, reason: .invalidUTF8), names: names)
            }
            names.append(name)
            if name.isEmpty {
                throw error(ReadFailure(offset: offset, column: column, reason: .emptyColumnName), names: names)
            }
            if let first = firstColumnOfName[name] {
                throw error(
                    ReadFailure(offset: offset, column: column, reason: .duplicateColumnName(firstColumn: first + 1)),
                    names: names)
            }
            firstColumnOfName[name] = column
            if p.pointee == scanner.delimiter {
                p += 1
            } else {
                scanner.stepOver(&p)
                return (names, p - data)
            }
        }
    }

    /// How the first pass treats each column, from the declared types.
    private func columnPlans(_ names: [String]) throws -> [ColumnPlan] {
        let known = Set(names)
        if let unknown = options.columnTypes.keys.sorted().first(where: { !known.contains($0) }) {
            throw CSVError(file: label, reason: .typeForUnknownColumn(unknown))
        }
        return names.map { name in
            switch options.columnTypes[name] {
            case nil: .inferred
            case .numeric: .declaredNumeric
            case .categorical: .labels
            }
        }
    }

    // MARK: First pass

    private func numberPass(
        _ chunks: [Chunk], scanner: FieldScanner, plans: [ColumnPlan],
        outputs: [UnsafeMutablePointer<Double>?], missing: MissingValueMatcher
    ) -> [NumberPassResult] {
        plans.withUnsafeBufferPointer { plans in
            outputs.withUnsafeBufferPointer { outputs in
                Parallel.map(chunks.count) { index in
                    ChunkParser.parseNumbers(
                        chunk: chunks[index], data: data, scanner: scanner,
                        plans: plans, outputs: outputs, missing: missing)
                }
            }
        }
    }

    /// Whether each chunk stopped exactly where the next begins (or at its first problem).
    ///
    /// A chunk's start is right if the chunk before it was right and ended there; so the
    /// first failure met in chunk order is real, and any earlier mismatch means the
    /// quote-parity guess was wrong.
    private func chunksMeet(_ chunks: [Chunk], _ results: [NumberPassResult]) -> Bool {
        for (chunk, result) in zip(chunks, results) {
            if result.failure != nil { return true }
            if result.stop != chunk.end { return false }
        }
        return true
    }

    /// Closes the gaps left in the padded output by blank lines and quoted line feeds.
    ///
    /// - Returns: the number of rows.
    private func compact(_ columns: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>, chunks: [Chunk], rows: [Int]) -> Int {
        var target = 0
        var moves: [(from: Int, to: Int, count: Int)] = []
        for (chunk, count) in zip(chunks, rows) {
            if chunk.rowBase != target, count > 0 { moves.append((chunk.rowBase, target, count)) }
            target += count
        }
        if !moves.isEmpty {
            _ = Parallel.map(columns.count) { column in
                for move in moves {
                    // The ranges may overlap (rows only move down), hence memmove.
                    memmove(columns[column] + move.to, columns[column] + move.from, move.count * MemoryLayout<Double>.stride)
                }
            }
        }
        return target
    }

    // MARK: Second pass

    private func labelPass(
        _ chunks: [Chunk], rowBases: [Int], rowCount: Int, labelColumns: [Int], columnCount: Int,
        scanner: FieldScanner, missing: MissingValueMatcher, names: [String]
    ) throws -> [CategoricalColumn] {
        var labelIndex = [Int](repeating: -1, count: columnCount)
        for (index, column) in labelColumns.enumerated() { labelIndex[column] = index }
        var failure: ReadFailure?
        var levels: [[String]] = []
        let codes = UninitialisedArrays.make(count: labelColumns.count, capacity: rowCount) {
            (pointers: UnsafeMutableBufferPointer<UnsafeMutablePointer<Int32>>) -> Int in
            let outputs = UnsafeBufferPointer(pointers)
            let results = labelIndex.withUnsafeBufferPointer { labelIndex in
                Parallel.map(chunks.count) { index in
                    ChunkParser.parseLabels(
                        chunk: chunks[index], rowBase: rowBases[index], data: data, scanner: scanner,
                        labelIndex: labelIndex, outputs: outputs, missing: missing)
                }
            }
            if let first = results.lazy.compactMap(\.failure).first {
                failure = first
                return 0
            }
            for index in labelColumns.indices {
                let (sorted, remaps) = Self.mergeLevels(results.map { $0.tables[index] })
                levels.append(sorted)
                let codes = outputs[index]
                _ = Parallel.map(chunks.count) { chunk in
                    let remap = remaps[chunk]
                    let rows = rowBases[chunk]..<(chunk + 1 < rowBases.count ? rowBases[chunk + 1] : rowCount)
                    for row in rows where codes[row] >= 0 {
                        codes[row] = remap[Int(codes[row])]
                    }
                }
            }
            return rowCount
        }
        if let failure { throw error(failure, names: names) }
        return zip(levels, codes).map { CategoricalColumn(unchecked: $0, codes: $1) }
    }

    /// The union of the chunks' labels sorted by UTF-8 bytes, and per chunk the map from its
    /// local codes to positions in that sorted list.
    static func mergeLevels(_ tables: [LevelTable]) -> (levels: [String], remaps: [[Int32]]) {
        var bytes: [UInt8] = []
        var entries: [(start: Int, count: Int, table: Int, code: Int)] = []
        for (tableIndex, table) in tables.enumerated() {
            for (code, span) in table.spans.enumerated() {
                entries.append((bytes.count, span.count, tableIndex, code))
                bytes.append(contentsOf: table.arena[span.start..<(span.start + span.count)])
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            entries.sort { a, b in
                let order = memcmp(base + a.start, base + b.start, min(a.count, b.count))
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
        var levels: [String] = []
        var remaps = tables.map { [Int32](repeating: 0, count: $0.count) }
        var previous: (start: Int, count: Int)?
        for entry in entries {
            let isNew = previous.map { previous in
                previous.count != entry.count
                    || !bytes[previous.start..<(previous.start + previous.count)]
                        .elementsEqual(bytes[entry.start..<(entry.start + entry.count)])
            } ?? true
            if isNew {
                levels.append(tables[entry.table].strings[entry.code])
                previous = (entry.start, entry.count)
            }
            remaps[entry.table][entry.code] = Int32(levels.count - 1)
        }
        return (levels, remaps)
    }

    // MARK: Errors

    private func error(_ failure: ReadFailure, names: [String]) -> CSVError {
        CSVError(
            file: label,
            line: LineCounter.line(at: failure.offset, in: data),
            column: failure.column + 1,
            columnName: failure.column < names.count && !names[failure.column].isEmpty ? names[failure.column] : nil,
            reason: failure.reason)
    }
}
