// The one funnel for LAPACK calls: every routine's `info` goes through `lapack(_:_:)`, which
// traps on programming errors and throws data errors, naming the routine (like swift-system's
// `valueOrErrno`). The checks that must happen *before* a call (finite input, sizes that fit a
// 32-bit LAPACK integer) live here too.

internal import CLinearAlgebra

/// The LAPACK routines this module calls, and what a positive `info` from each means.
internal enum LAPACKRoutine: String, Sendable {
    case dgeqrf, dgeqp3, dormqr, dorgqr, dtpqrt
    case dtrtrs
    case dpotrf, dpotrs, dpotri
    case dsyevr, dgesdd
    case dgesv

    /// The data error that a positive `info` reports, or `nil` if the routine documents none.
    func error(forPositiveInfo info: Int) -> LinearAlgebraError? {
        switch self {
        case .dgesv, .dtrtrs, .dpotri:
            // U(info, info) (one-based) is exactly zero.
            return .singular(routine: rawValue, pivot: info - 1)
        case .dpotrf:
            return .notPositiveDefinite(routine: rawValue, leadingMinor: info)
        case .dsyevr, .dgesdd:
            return .noConvergence(routine: rawValue, info: info)
        case .dgeqrf, .dgeqp3, .dormqr, .dorgqr, .dtpqrt, .dpotrs:
            return nil
        }
    }
}

/// Calls a LAPACK routine and maps its `info` code.
///
/// - `info == 0`: success.
/// - `info < 0`: argument `-info` was illegal (or LAPACKE could not allocate workspace): a bug
///   in this module, so it traps naming the routine and argument.
/// - `info > 0`: a property of the data (singular, not positive definite, no convergence):
///   thrown as a ``LinearAlgebraError``.
internal func lapack(_ routine: LAPACKRoutine, _ call: () -> Int32) throws(LinearAlgebraError) {
    let info = Int(call())
    if info == 0 { return }
    if info == Int(LAPACK_WORK_MEMORY_ERROR) || info == Int(LAPACK_TRANSPOSE_MEMORY_ERROR) {
        fatalError("\(routine.rawValue): LAPACKE could not allocate workspace")
    }
    precondition(info > 0, "\(routine.rawValue): argument \(-info) had an illegal value")
    guard let error = routine.error(forPositiveInfo: info) else {
        preconditionFailure("\(routine.rawValue): unexpected info = \(info)")
    }
    throw error
}

/// Calls a LAPACK routine that cannot fail on the data it is given (it documents no positive
/// `info`, or an earlier step ruled it out), through the same mapping as `lapack(_:_:)`.
internal func lapackCannotFail(_ routine: LAPACKRoutine, _ call: () -> Int32) {
    do {
        try lapack(routine, call)
    } catch {
        preconditionFailure("\(routine.rawValue): \(error), which earlier checks should have ruled out")
    }
}

/// Converts a size or index to LAPACK's and BLAS's 32-bit integer, trapping if it does not fit.
internal func cInt(_ value: Int, _ routine: String) -> Int32 {
    guard let converted = Int32(exactly: value) else {
        preconditionFailure("\(routine): \(value) does not fit the 32-bit integers of this BLAS/LAPACK")
    }
    return converted
}

/// A leading dimension: LAPACK requires at least 1, even for an empty matrix.
internal func leadingDimension(_ rows: Int, _ routine: String) -> Int32 {
    cInt(Swift.max(1, rows), routine)
}

/// A LAPACK character argument such as `"U"` or `"T"`.
internal func lapackCharacter(_ scalar: Unicode.Scalar) -> CChar {
    CChar(bitPattern: UInt8(ascii: scalar))
}

/// The column-major layout flag for LAPACKE.
internal let columnMajorLayout = Int32(LAPACK_COL_MAJOR)

// MARK: - Finite input

/// Throws ``LinearAlgebraError/nonFinite(routine:argument:count:row:column:)`` if `matrix` holds
/// NaN or an infinity.
///
/// LAPACK's behaviour on such input is undefined (LAPACKE's own check would report NaN as an
/// illegal argument, which traps), so every entry point checks its inputs first.
///
/// - Parameter triangle: Check only this triangle (diagonal included), for routines that read
///   only one; `nil` checks every element.
internal func requireFinite(
    _ matrix: Matrix, routine: LAPACKRoutine, argument: String,
    triangle: Triangle? = nil, columnNames: [String]? = nil
) throws(LinearAlgebraError) {
    let rows = matrix.rows
    let found = matrix.withUnsafeBufferPointer { elements -> (count: Int, row: Int, column: Int)? in
        var count = 0
        var first = (row: 0, column: 0)
        for column in 0 ..< matrix.columns {
            let rowRange: Range<Int> = switch triangle {
            case nil: 0 ..< rows
            case .upper: 0 ..< Swift.min(column + 1, rows)
            case .lower: Swift.min(column, rows) ..< rows
            }
            for row in rowRange where !elements[column * rows + row].isFinite {
                if count == 0 { first = (row, column) }
                count += 1
            }
        }
        return count == 0 ? nil : (count, first.row, first.column)
    }
    guard let found else { return }
    throw .nonFinite(
        routine: routine.rawValue, argument: argument, count: found.count, row: found.row,
        column: ColumnReference(index: found.column, in: columnNames))
}

/// Throws ``LinearAlgebraError/nonFinite(routine:argument:count:row:column:)`` if `vector` holds
/// NaN or an infinity.
internal func requireFinite(
    _ vector: Vector, routine: LAPACKRoutine, argument: String
) throws(LinearAlgebraError) {
    let found = vector.withUnsafeBufferPointer { elements -> (count: Int, first: Int)? in
        var count = 0
        var first = 0
        for (index, value) in elements.enumerated() where !value.isFinite {
            if count == 0 { first = index }
            count += 1
        }
        return count == 0 ? nil : (count, first)
    }
    guard let found else { return }
    throw .nonFinite(routine: routine.rawValue, argument: argument, count: found.count, row: found.first, column: nil)
}
