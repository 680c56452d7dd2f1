// BLAS level 1: vector-vector operations (ddot, dnrm2, daxpy, dscal) and the arithmetic
// operators built on them. A matrix's elements are contiguous, so the same routines add and scale
// whole matrices.

internal import CLinearAlgebra

extension Vector {
    /// Returns the dot product with another vector (BLAS `ddot`).
    ///
    /// - Parameter other: A vector with the same count (a mismatch traps).
    /// - Returns: Σᵢ `self[i] × other[i]`.
    /// - Complexity: O(`count`).
    public func dot(_ other: Vector) -> Double {
        precondition(count == other.count, "ddot: vectors of \(count) and \(other.count) elements")
        let n = cInt(count, "ddot")
        return withUnsafeBufferPointer { x in
            other.withUnsafeBufferPointer { y in cblas_ddot(n, x.baseAddress, 1, y.baseAddress, 1) }
        }
    }

    /// The Euclidean norm, √(Σᵢ `self[i]`²), computed without overflow (BLAS `dnrm2`).
    ///
    /// - Complexity: O(`count`).
    public var norm: Double {
        let n = cInt(count, "dnrm2")
        return withUnsafeBufferPointer { cblas_dnrm2(n, $0.baseAddress, 1) }
    }

    /// Adds a multiple of another vector: `self += alpha × other` (BLAS `daxpy`).
    ///
    /// - Parameters:
    ///   - other: A vector with the same count (a mismatch traps).
    ///   - alpha: The multiple of `other` to add. Defaults to 1.
    /// - Complexity: O(`count`).
    public mutating func add(_ other: Vector, scaledBy alpha: Double = 1) {
        precondition(count == other.count, "daxpy: vectors of \(count) and \(other.count) elements")
        let n = cInt(count, "daxpy")
        other.withUnsafeBufferPointer { x in
            withUnsafeMutableBufferPointer { y in cblas_daxpy(n, alpha, x.baseAddress, 1, y.baseAddress, 1) }
        }
    }

    /// Multiplies every element by a scalar: `self *= alpha` (BLAS `dscal`).
    ///
    /// - Parameter alpha: The factor.
    /// - Complexity: O(`count`).
    public mutating func scale(by alpha: Double) {
        let n = cInt(count, "dscal")
        withUnsafeMutableBufferPointer { cblas_dscal(n, alpha, $0.baseAddress, 1) }
    }

    /// Element-wise sum (BLAS `daxpy`). Counts must match.
    public static func + (lhs: Vector, rhs: Vector) -> Vector {
        var result = lhs
        result.add(rhs)
        return result
    }

    /// Element-wise difference (BLAS `daxpy`). Counts must match.
    public static func - (lhs: Vector, rhs: Vector) -> Vector {
        var result = lhs
        result.add(rhs, scaledBy: -1)
        return result
    }

    /// Adds `rhs` element-wise (BLAS `daxpy`). Counts must match.
    public static func += (lhs: inout Vector, rhs: Vector) {
        lhs.add(rhs)
    }

    /// Subtracts `rhs` element-wise (BLAS `daxpy`). Counts must match.
    public static func -= (lhs: inout Vector, rhs: Vector) {
        lhs.add(rhs, scaledBy: -1)
    }

    /// Every element multiplied by a scalar (BLAS `dscal`).
    public static func * (lhs: Double, rhs: Vector) -> Vector {
        var result = rhs
        result.scale(by: lhs)
        return result
    }

    /// Every element multiplied by a scalar (BLAS `dscal`).
    public static func * (lhs: Vector, rhs: Double) -> Vector {
        rhs * lhs
    }

    /// Multiplies every element by a scalar (BLAS `dscal`).
    public static func *= (lhs: inout Vector, rhs: Double) {
        lhs.scale(by: rhs)
    }

    /// Every element negated.
    public static prefix func - (operand: Vector) -> Vector {
        -1 * operand
    }
}

extension Matrix {
    /// Adds a multiple of another matrix: `self += alpha × other` (BLAS `daxpy` over the
    /// contiguous elements).
    ///
    /// - Parameters:
    ///   - other: A matrix of the same shape (a mismatch traps).
    ///   - alpha: The multiple of `other` to add. Defaults to 1.
    /// - Complexity: O(`rows` × `columns`).
    public mutating func add(_ other: Matrix, scaledBy alpha: Double = 1) {
        precondition(rows == other.rows && columns == other.columns,
                     "daxpy: matrices of shape \(rows) x \(columns) and \(other.rows) x \(other.columns)")
        let n = cInt(rows * columns, "daxpy")
        other.withUnsafeBufferPointer { x in
            withUnsafeMutableBufferPointer { y in cblas_daxpy(n, alpha, x.baseAddress, 1, y.baseAddress, 1) }
        }
    }

    /// Multiplies every element by a scalar: `self *= alpha` (BLAS `dscal`).
    ///
    /// - Parameter alpha: The factor.
    /// - Complexity: O(`rows` × `columns`).
    public mutating func scale(by alpha: Double) {
        let n = cInt(rows * columns, "dscal")
        withUnsafeMutableBufferPointer { cblas_dscal(n, alpha, $0.baseAddress, 1) }
    }

    /// Element-wise sum (BLAS `daxpy`). Shapes must match.
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        var result = lhs
        result.add(rhs)
        return result
    }

    /// Element-wise difference (BLAS `daxpy`). Shapes must match.
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        var result = lhs
        result.add(rhs, scaledBy: -1)
        return result
    }

    /// Adds `rhs` element-wise (BLAS `daxpy`). Shapes must match.
    public static func += (lhs: inout Matrix, rhs: Matrix) {
        lhs.add(rhs)
    }

    /// Subtracts `rhs` element-wise (BLAS `daxpy`). Shapes must match.
    public static func -= (lhs: inout Matrix, rhs: Matrix) {
        lhs.add(rhs, scaledBy: -1)
    }

    /// Every element multiplied by a scalar (BLAS `dscal`).
    public static func * (lhs: Double, rhs: Matrix) -> Matrix {
        var result = rhs
        result.scale(by: lhs)
        return result
    }

    /// Every element multiplied by a scalar (BLAS `dscal`).
    public static func * (lhs: Matrix, rhs: Double) -> Matrix {
        rhs * lhs
    }

    /// Multiplies every element by a scalar (BLAS `dscal`).
    public static func *= (lhs: inout Matrix, rhs: Double) {
        lhs.scale(by: rhs)
    }

    /// Every element negated.
    public static prefix func - (operand: Matrix) -> Matrix {
        -1 * operand
    }
}
