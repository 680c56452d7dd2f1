import Foundation

/// Formats a `DataTable` as CSV bytes.
///
/// Rows are formatted in pieces on all processors (finding the shortest digits of each
/// double is most of the work) and handed on in order.
struct CSVWriter {
    let table: DataTable
    let options: CSVWriteOptions

    private let delimiter: UInt8
    private let missing: [UInt8]
    private let isNumeric: [Bool]
    /// Every label column's levels, formatted once, one after another: level `code` of column
    /// `c` is `levelText[levelStarts[firstLevel[c] + code] ..< levelStarts[firstLevel[c] + code + 1]]`.
    private let levelText: [UInt8]
    private let levelStarts: [Int]
    private let firstLevel: [Int]

    /// Rows formatted per block: a block's cells are first copied row-major into one buffer,
    /// so the formatting loop reads plain memory rather than each column's array.
    static let blockRows = 1024

    init(table: DataTable, options: CSVWriteOptions) {
        self.table = table
        self.options = options
        delimiter = options.delimiterByte
        missing = Array(options.missingValue.utf8)
        var isNumeric = [Bool](repeating: true, count: table.columnCount)
        var firstLevel = [Int](repeating: 0, count: table.columnCount)
        var levelText: [UInt8] = []
        var levelStarts = [0]
        for (index, column) in table.columns.enumerated() {
            guard case .categorical(let labels) = column else { continue }
            isNumeric[index] = false
            firstLevel[index] = levelStarts.count - 1
            for level in labels.levels {
                Self.appendText(level, to: &levelText, delimiter: delimiter, missing: options.missingValue)
                levelStarts.append(levelText.count)
            }
        }
        self.isNumeric = isNumeric
        self.firstLevel = firstLevel
        self.levelText = levelText
        self.levelStarts = levelStarts
    }

    /// Writes the header and every row, handing `sink` pieces of text in order.
    ///
    /// - Throws: whatever `sink` throws; writing stops there.
    /// - Complexity: O(cells), spread over the processors.
    func write(to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var header: [UInt8] = []
        for (index, name) in table.columnNames.enumerated() {
            if index > 0 { header.append(delimiter) }
            Self.appendText(name, to: &header, delimiter: delimiter, missing: options.missingValue)
        }
        header.append(ASCII.lineFeed)
        try header.withUnsafeBytes(sink)

        // Pieces of about half a million cells; a few per processor at a time, so that only
        // those few are held in memory.
        let rowsPerPiece = max(1, (1 << 19) / max(table.columnCount, 1))
        let piecesAtOnce = 2 * Parallel.processorCount
        var start = 0
        while start < table.rowCount {
            let first = start
            let count = min(piecesAtOnce, (table.rowCount - first + rowsPerPiece - 1) / rowsPerPiece)
            let pieces = Parallel.map(count) { piece in
                let lower = first + piece * rowsPerPiece
                return format(rows: lower..<min(lower + rowsPerPiece, table.rowCount))
            }
            for piece in pieces { try piece.withUnsafeBytes(sink) }
            start = min(first + count * rowsPerPiece, table.rowCount)
        }
    }

    /// The text of `rows`, each ending in a line feed.
    private func format(rows: Range<Int>) -> [UInt8] {
        let columnCount = table.columnCount
        var buffer: [UInt8] = []
        buffer.reserveCapacity(rows.count * columnCount * 12)
        var cells = [Double](repeating: 0, count: Self.blockRows * max(columnCount, 1))
        for blockStart in stride(from: rows.lowerBound, to: rows.upperBound, by: Self.blockRows) {
            let block = blockStart..<min(blockStart + Self.blockRows, rows.upperBound)
            fill(&cells, rows: block)
            cells.withUnsafeBufferPointer { cells in
                for row in 0..<block.count {
                    for column in 0..<columnCount {
                        if column > 0 { buffer.append(delimiter) }
                        let cell = cells[row * columnCount + column]
                        if isNumeric[column] {
                            if cell.isNaN {
                                buffer.append(contentsOf: missing)
                            } else {
                                Self.appendNumber(cell, to: &buffer)
                            }
                        } else if cell < 0 {
                            buffer.append(contentsOf: missing)
                        } else {
                            let level = firstLevel[column] + Int(cell)
                            buffer.append(contentsOf: levelText[levelStarts[level]..<levelStarts[level + 1]])
                        }
                    }
                    buffer.append(ASCII.lineFeed)
                }
            }
        }
        return buffer
    }

    /// Copies the cells of `rows` into `cells`, row-major; a label is stored as its code.
    private func fill(_ cells: inout [Double], rows: Range<Int>) {
        let columnCount = table.columnCount
        cells.withUnsafeMutableBufferPointer { cells in
            for (column, content) in table.columns.enumerated() {
                switch content {
                case .numeric(let numbers):
                    numbers.values.withUnsafeBufferPointer { values in
                        for (offset, row) in rows.enumerated() { cells[offset * columnCount + column] = values[row] }
                    }
                case .categorical(let labels):
                    labels.codes.withUnsafeBufferPointer { codes in
                        for (offset, row) in rows.enumerated() { cells[offset * columnCount + column] = Double(codes[row]) }
                    }
                }
            }
        }
    }

    /// Appends a number in the shortest text that reads back to the same bits.
    ///
    /// Whole numbers below 2^53 in magnitude are written as integers (`12`, not `12.0`);
    /// others as Swift's shortest round-trip `description` (`0.1`, `1e-07`, `1e+16`);
    /// infinities as R writes them, `Inf` and `-Inf`; negative zero as `-0`.
    static func appendNumber(_ value: Double, to buffer: inout [UInt8]) {
        if value.isInfinite {
            buffer.append(contentsOf: value < 0 ? Array("-Inf".utf8) : Array("Inf".utf8))
            return
        }
        if value.magnitude < 0x1p53, value.rounded(.towardZero) == value {
            if value == 0 && value.sign == .minus {
                buffer.append(ASCII.minus)
            }
            appendInteger(Int64(value), to: &buffer)
            return
        }
        buffer.append(contentsOf: value.description.utf8)
    }

    private static func appendInteger(_ value: Int64, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(ASCII.minus) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[23 - count] = ASCII.zero + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            buffer.append(contentsOf: raw[(24 - count)...])
        }
    }

    /// Appends text, quoted (RFC 4180) where reading it back unquoted would change it: when
    /// it is empty, is a missing-value text, has a delimiter, quote or line end in it, or
    /// starts or ends with a space or tab (which the reader trims).
    static func appendText(_ text: String, to buffer: inout [UInt8], delimiter: UInt8, missing: String) {
        let utf8 = text.utf8
        let needsQuotes = utf8.isEmpty
            || text == missing || text == "NA"
            || utf8.first == ASCII.space || utf8.first == ASCII.tab
            || utf8.last == ASCII.space || utf8.last == ASCII.tab
            || utf8.contains { $0 == delimiter || $0 == ASCII.quote || $0 == ASCII.lineFeed || $0 == ASCII.carriageReturn }
        guard needsQuotes else {
            buffer.append(contentsOf: utf8)
            return
        }
        buffer.append(ASCII.quote)
        for byte in utf8 {
            if byte == ASCII.quote { buffer.append(ASCII.quote) }
            buffer.append(byte)
        }
        buffer.append(ASCII.quote)
    }
}
