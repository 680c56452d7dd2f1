/// A dense matrix of `Double`, stored column by column, with value semantics.
///
/// Column `j` occupies elements `j * rows ..< (j + 1) * rows` of one contiguous buffer, so the
/// leading dimension is always `rows`: the layout BLAS and LAPACK expect, handed to them without
/// copying. Copies share that buffer until one of them is mutated (copy-on-write), so passing and
/// returning matrices is cheap.
///
/// Products, factorisations and solvers are in extensions and in the factorisation types
/// (``PivotedQR``, ``Cholesky``, ``SymmetricEigendecomposition``, ``SingularValueDecomposition``,
/// ``LeastSquares``). Pointers to the storage are available only inside
/// ``withUnsafeBufferPointer(_:)`` and ``withUnsafeMutableBufferPointer(_:)``.
public struct Matrix {
    /// The number of rows.
    public let rows: Int

    /// The number of columns.
    public let columns: Int

    @usableFromInline
    internal var _storage: _DoubleStorage

    @inlinable
    internal init(rows: Int, columns: Int, storage: _DoubleStorage) {
        assert(storage.count == rows * columns)
        self.rows = rows
        self.columns = columns
        self._storage = storage
    }
}

// Copies never mutate a shared buffer (see `_ensureUnique()`), so a `Matrix` can cross
// concurrency domains like any other value.
extension Matrix: @unchecked Sendable {}

// MARK: - Creating matrices

extension Matrix {
    /// Checks a shape and returns its element count, trapping on negative sizes or overflow.
    @inlinable
    internal static func _elementCount(rows: Int, columns: Int) -> Int {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape \(rows) x \(columns)")
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        precondition(!overflow, "Matrix: \(rows) x \(columns) elements overflow Int")
        return count
    }

    /// Creates a matrix whose elements are not yet set, for a BLAS routine that writes every
    /// element before anything reads it (a product with beta = 0), so the buffer is not filled
    /// twice.
    @inlinable
    internal init(unsetRows rows: Int, columns: Int) {
        let count = Matrix._elementCount(rows: rows, columns: columns)
        self.init(rows: rows, columns: columns, storage: .allocate(count: count))
    }

    /// Creates a matrix of zeros.
    ///
    /// - Parameters:
    ///   - rows: The number of rows, at least 0.
    ///   - columns: The number of columns, at least 0.
    /// - Complexity: O(`rows` × `columns`).
    @inlinable
    public init(rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, repeating: 0)
    }

    /// Creates a matrix with every element equal to `value`.
    ///
    /// - Parameters:
    ///   - rows: The number of rows, at least 0.
    ///   - columns: The number of columns, at least 0.
    ///   - value: The value of every element.
    /// - Complexity: O(`rows` × `columns`).
    @inlinable
    public init(rows: Int, columns: Int, repeating value: Double) {
        let count = Matrix._elementCount(rows: rows, columns: columns)
        self.init(rows: rows, columns: columns, storage: .allocate(count: count, repeating: value))
    }

    /// Creates a matrix from its elements in column-major order.
    ///
    /// - Parameters:
    ///   - rows: The number of rows, at least 0.
    ///   - columns: The number of columns, at least 0.
    ///   - elements: `rows × columns` values: the first column, then the second, and so on.
    ///     A count that does not match the shape is a programming error and traps.
    /// - Complexity: O(`rows` × `columns`): one bulk copy.
    public init(rows: Int, columns: Int, columnMajor elements: [Double]) {
        let count = Matrix._elementCount(rows: rows, columns: columns)
        precondition(
            elements.count == count,
            "Matrix(rows:columns:columnMajor:): \(elements.count) elements for a \(rows) x \(columns) matrix")
        let storage = elements.withUnsafeBufferPointer { _DoubleStorage.allocate(copying: $0) }
        self.init(rows: rows, columns: columns, storage: storage)
    }

    /// Creates a matrix whose columns are the given arrays.
    ///
    /// This is how a data table's numeric columns become a design matrix: each column is copied
    /// into place in one bulk copy.
    ///
    /// - Parameter columns: The columns, all of the same length (a mismatch traps). An empty
    ///   collection gives a 0 × 0 matrix.
    /// - Complexity: O(`rows` × `columns`).
    public init(columns: some Collection<[Double]>) {
        let rowCount = columns.first?.count ?? 0
        let count = Matrix._elementCount(rows: rowCount, columns: columns.count)
        let storage = _DoubleStorage.allocate(count: count)
        storage.withUnsafeMutablePointerToElements { elements in
            var destination = elements
            for (index, column) in columns.enumerated() {
                precondition(
                    column.count == rowCount,
                    "Matrix(columns:): column \(index) has \(column.count) rows, column 0 has \(rowCount)")
                column.withUnsafeBufferPointer { source in
                    if let base = source.baseAddress { destination.initialize(from: base, count: rowCount) }
                }
                destination += rowCount
            }
        }
        self.init(rows: rowCount, columns: columns.count, storage: storage)
    }

    /// Creates a matrix by writing each column straight into its storage.
    ///
    /// For building a large design matrix column by column (indicators, centred covariates,
    /// interactions) without first making each column an array and then copying it in: the
    /// elements are written once.
    ///
    /// - Parameters:
    ///   - rows: The number of rows, at least 0.
    ///   - columns: The number of columns, at least 0.
    ///   - fill: Called once for each column j in increasing order with j and that column's
    ///     `rows` elements, set to 0 beforehand; it writes the column's values.
    /// - Complexity: O(`rows` × `columns`) plus the cost of `fill`.
    public init(
        rows: Int, columns: Int,
        fillingColumns fill: (_ column: Int, _ elements: inout UnsafeMutableBufferPointer<Double>) throws -> Void
    ) rethrows {
        self.init(rows: rows, columns: columns)
        try withUnsafeMutableBufferPointer { elements in
            guard let base = elements.baseAddress else {
                for j in 0 ..< columns {
                    var empty = UnsafeMutableBufferPointer<Double>(start: nil, count: 0)
                    try fill(j, &empty)
                }
                return
            }
            for j in 0 ..< columns {
                var column = UnsafeMutableBufferPointer(start: base + j * rows, count: rows)
                try fill(j, &column)
            }
        }
    }

    /// Creates a matrix from a list of rows: the natural way to write a literal in a test.
    ///
    /// ```swift
    /// let a = Matrix(rowMajor: [[1, 2, 3],
    ///                           [4, 5, 6]])   // 2 × 3
    /// ```
    ///
    /// - Parameter rows: The rows, all of the same length (a mismatch traps). An empty array
    ///   gives a 0 × 0 matrix.
    /// - Complexity: O(`rows` × `columns`).
    public init(rowMajor rows: [[Double]]) {
        let columnCount = rows.first?.count ?? 0
        self.init(rows: rows.count, columns: columnCount)
        for (i, row) in rows.enumerated() {
            precondition(
                row.count == columnCount,
                "Matrix(rowMajor:): row \(i) has \(row.count) columns, row 0 has \(columnCount)")
            for (j, value) in row.enumerated() { self[i, j] = value }
        }
    }

    /// Creates a square matrix with the given diagonal and zeros elsewhere.
    ///
    /// - Parameter diagonal: The diagonal elements, top left first.
    /// - Complexity: O(n²) for n diagonal elements.
    public init(diagonal: some Collection<Double>) {
        self.init(rows: diagonal.count, columns: diagonal.count)
        for (i, value) in diagonal.enumerated() { self[i, i] = value }
    }

    /// Returns the identity matrix of the given order.
    ///
    /// - Parameter order: The number of rows and of columns, at least 0.
    /// - Returns: An `order × order` matrix with ones on the diagonal and zeros elsewhere.
    /// - Complexity: O(`order`²).
    public static func identity(_ order: Int) -> Matrix {
        Matrix(diagonal: repeatElement(1.0, count: order))
    }
}

// MARK: - Elements, rows and columns

extension Matrix {
    /// Whether the matrix has as many rows as columns.
    @inlinable
    public var isSquare: Bool { rows == columns }

    /// Accesses the element in the given row and column.
    ///
    /// - Parameters:
    ///   - row: A row index in `0 ..< rows` (out of range traps).
    ///   - column: A column index in `0 ..< columns` (out of range traps).
    /// - Complexity: O(1), except that setting an element of a shared matrix first copies it.
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                         "Matrix: index [\(row), \(column)] out of range for \(rows) x \(columns)")
            return _storage.withUnsafeMutablePointerToElements { $0[column &* rows &+ row] }
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                         "Matrix: index [\(row), \(column)] out of range for \(rows) x \(columns)")
            _ensureUnique()
            _storage.withUnsafeMutablePointerToElements { $0[column &* rows &+ row] = newValue }
        }
    }

    /// Returns a copy of one column.
    ///
    /// - Parameter index: A column index in `0 ..< columns` (out of range traps).
    /// - Returns: A vector of `rows` elements.
    /// - Complexity: O(`rows`): one bulk copy.
    public func column(_ index: Int) -> Vector {
        precondition(index >= 0 && index < columns, "Matrix.column: index \(index) out of range 0..<\(columns)")
        return withUnsafeBufferPointer { elements in
            Vector(copying: UnsafeBufferPointer(rebasing: elements[index * rows ..< (index + 1) * rows]))
        }
    }

    /// Returns a copy of one row.
    ///
    /// - Parameter index: A row index in `0 ..< rows` (out of range traps).
    /// - Returns: A vector of `columns` elements.
    /// - Complexity: O(`columns`).
    public func row(_ index: Int) -> Vector {
        precondition(index >= 0 && index < rows, "Matrix.row: index \(index) out of range 0..<\(rows)")
        return withUnsafeBufferPointer { elements in
            Vector((0 ..< columns).lazy.map { elements[$0 * rows + index] })
        }
    }

    /// Returns a matrix made of the given columns, in the given order.
    ///
    /// A regression uses this to keep the columns that a ``PivotedQR`` did not drop.
    ///
    /// - Parameter indices: Column indices in `0 ..< columns` (out of range traps); repeats are
    ///   allowed.
    /// - Returns: A `rows × indices.count` matrix.
    /// - Complexity: O(`rows` × `indices.count`).
    public func selectingColumns(_ indices: some Collection<Int>) -> Matrix {
        let storage = _DoubleStorage.allocate(count: Matrix._elementCount(rows: rows, columns: indices.count))
        withUnsafeBufferPointer { source in
            storage.withUnsafeMutablePointerToElements { destination in
                for (position, index) in indices.enumerated() {
                    precondition(index >= 0 && index < columns,
                                 "Matrix.selectingColumns: index \(index) out of range 0..<\(columns)")
                    if let base = source.baseAddress {
                        (destination + position * rows).initialize(from: base + index * rows, count: rows)
                    }
                }
            }
        }
        return Matrix(rows: rows, columns: indices.count, storage: storage)
    }

    /// The diagonal elements, top left first.
    ///
    /// - Complexity: O(min(`rows`, `columns`)).
    public var diagonal: Vector {
        withUnsafeBufferPointer { elements in
            Vector((0 ..< Swift.min(rows, columns)).lazy.map { elements[$0 * rows + $0] })
        }
    }

    /// Returns the transpose.
    ///
    /// - Returns: A `columns × rows` matrix whose element `[j, i]` is this matrix's `[i, j]`.
    /// - Complexity: O(`rows` × `columns`).
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { destination in
                for j in 0 ..< columns {
                    for i in 0 ..< rows { destination[i * columns + j] = source[j * rows + i] }
                }
            }
        }
        return result
    }

    /// The elements in column-major order, as an array.
    ///
    /// - Complexity: O(`rows` × `columns`).
    public var columnMajorElements: [Double] {
        withUnsafeBufferPointer { Array($0) }
    }
}

// MARK: - Conformances

extension Matrix: Equatable {
    /// Whether two matrices have the same shape and exactly equal elements.
    ///
    /// Like `Double`'s `==`, a NaN element makes matrices unequal. For computed results use
    /// ``isApproximatelyEqual(to:absoluteTolerance:relativeTolerance:)``.
    ///
    /// - Complexity: O(`rows` × `columns`).
    public static func == (lhs: Matrix, rhs: Matrix) -> Bool {
        guard lhs.rows == rhs.rows && lhs.columns == rhs.columns else { return false }
        return lhs.withUnsafeBufferPointer { l in rhs.withUnsafeBufferPointer { r in l.elementsEqual(r) } }
    }
}

extension Matrix: CustomStringConvertible {
    /// The shape, then one line per row.
    public var description: String {
        var text = "\(rows) x \(columns) Matrix"
        for i in 0 ..< rows {
            text += "\n["
            text += (0 ..< columns).map { "\(self[i, $0])" }.joined(separator: ", ")
            text += "]"
        }
        return text
    }
}
