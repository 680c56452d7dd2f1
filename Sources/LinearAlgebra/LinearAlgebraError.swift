/// A data error from a factorisation or solver: something about the numbers, not the code.
///
/// Each case names the BLAS/LAPACK routine that found the problem and what a user needs to act
/// on it. Programming errors (mismatched dimensions, an argument LAPACK rejects) are not thrown:
/// they trap with a message naming the routine.
public enum LinearAlgebraError: Error, Hashable, Sendable {
    /// A square matrix is exactly singular.
    ///
    /// - `pivot`: the zero-based index `k` such that the diagonal element `[k, k]` of the
    ///   triangular factor (`U` of the LU factorisation for `dgesv`, the matrix itself for
    ///   `dtrtrs`) is exactly zero.
    case singular(routine: String, pivot: Int)

    /// A symmetric matrix is not positive definite, so it has no Cholesky factor.
    ///
    /// - `leadingMinor`: the order `k` (one-based, as LAPACK reports it) of the first leading
    ///   principal minor that is not positive definite; the zero-based column `k − 1` is the
    ///   first that depends on, or is collinear with, the columns before it.
    case notPositiveDefinite(routine: String, leadingMinor: Int)

    /// A matrix has fewer linearly independent columns than it has columns.
    ///
    /// - `rank`: the numerical rank.
    /// - `droppedColumns`: the aliased columns, in increasing index order.
    case rankDeficient(routine: String, rank: Int, droppedColumns: [ColumnReference])

    /// An iterative routine (an eigenvalue or singular value solver) did not converge.
    ///
    /// - `info`: LAPACK's positive `info` code, whose meaning the routine's documentation gives.
    case noConvergence(routine: String, info: Int)

    /// An input holds NaN or an infinity, found before LAPACK was called.
    ///
    /// - `argument`: the argument's name in the routine's documentation (`"A"`, `"B"`, `"y"`).
    /// - `count`: how many elements are not finite.
    /// - `row`: the zero-based row (the index, for a vector) of the first of them, in
    ///   column-major order.
    /// - `column`: the column of the first of them, or `nil` for a vector.
    case nonFinite(routine: String, argument: String, count: Int, row: Int, column: ColumnReference?)

    /// The routine that reported the error.
    public var routine: String {
        switch self {
        case .singular(let routine, _), .notPositiveDefinite(let routine, _),
             .rankDeficient(let routine, _, _), .noConvergence(let routine, _),
             .nonFinite(let routine, _, _, _, _):
            return routine
        }
    }
}

extension LinearAlgebraError: CustomStringConvertible {
    /// A sentence naming the routine, the problem and where it is.
    public var description: String {
        switch self {
        case .singular(let routine, let pivot):
            return "\(routine): the matrix is singular: diagonal element [\(pivot), \(pivot)] of its triangular factor is exactly zero"
        case .notPositiveDefinite(let routine, let order):
            return "\(routine): the matrix is not positive definite: its leading minor of order \(order) is not (column \(order - 1) depends on the columns before it)"
        case .rankDeficient(let routine, let rank, let dropped):
            let list = dropped.map(\.description).joined(separator: ", ")
            return "\(routine): the matrix is rank deficient (rank \(rank)); aliased columns: \(list)"
        case .noConvergence(let routine, let info):
            return "\(routine): the algorithm did not converge (info = \(info))"
        case .nonFinite(let routine, let argument, let count, let row, let column):
            let place = column.map { "row \(row), \($0)" } ?? "index \(row)"
            let values = count == 1 ? "1 value that is" : "\(count) values that are"
            return "\(routine): argument \(argument) has \(values) NaN or infinite; the first at \(place)"
        }
    }
}
