// Element-wise comparison with a tolerance, for tests and for checking computed results.

/// Whether `a` and `b` agree within `max(absoluteTolerance, relativeTolerance × max(|a|, |b|))`.
///
/// Equal infinities agree; a NaN agrees only with a NaN, so that a coefficient reported as NaN
/// (an aliased column) can be compared with an expected NaN.
@inlinable
internal func _isApproximatelyEqual(
    _ a: Double, _ b: Double, absoluteTolerance: Double, relativeTolerance: Double
) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    let scale = Swift.max(a.magnitude, b.magnitude)
    return (a - b).magnitude <= Swift.max(absoluteTolerance, relativeTolerance * scale)
}

extension Matrix {
    /// Whether another matrix has the same shape and, element by element, nearly the same values.
    ///
    /// Elements `a` and `b` agree when `|a − b| ≤ max(absoluteTolerance, relativeTolerance ×
    /// max(|a|, |b|))`. Equal infinities agree, and NaN agrees with NaN.
    ///
    /// - Parameters:
    ///   - other: The matrix to compare with.
    ///   - absoluteTolerance: The largest difference accepted whatever the magnitudes, at least
    ///     0; needed when the expected value is zero. Defaults to 0.
    ///   - relativeTolerance: The largest difference accepted relative to the larger magnitude,
    ///     at least 0. Defaults to √ε ≈ 1.5e-8.
    /// - Returns: `true` if the shapes match and every element agrees.
    /// - Complexity: O(`rows` × `columns`).
    public func isApproximatelyEqual(
        to other: Matrix,
        absoluteTolerance: Double = 0,
        relativeTolerance: Double = Double.ulpOfOne.squareRoot()
    ) -> Bool {
        guard rows == other.rows && columns == other.columns else { return false }
        return withUnsafeBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                zip(a, b).allSatisfy {
                    _isApproximatelyEqual($0, $1, absoluteTolerance: absoluteTolerance,
                                          relativeTolerance: relativeTolerance)
                }
            }
        }
    }
}

extension Vector {
    /// Whether another vector has the same count and, element by element, nearly the same values.
    ///
    /// Elements `a` and `b` agree when `|a − b| ≤ max(absoluteTolerance, relativeTolerance ×
    /// max(|a|, |b|))`. Equal infinities agree, and NaN agrees with NaN.
    ///
    /// - Parameters:
    ///   - other: The vector to compare with.
    ///   - absoluteTolerance: The largest difference accepted whatever the magnitudes, at least
    ///     0; needed when the expected value is zero. Defaults to 0.
    ///   - relativeTolerance: The largest difference accepted relative to the larger magnitude,
    ///     at least 0. Defaults to √ε ≈ 1.5e-8.
    /// - Returns: `true` if the counts match and every element agrees.
    /// - Complexity: O(`count`).
    public func isApproximatelyEqual(
        to other: Vector,
        absoluteTolerance: Double = 0,
        relativeTolerance: Double = Double.ulpOfOne.squareRoot()
    ) -> Bool {
        guard count == other.count else { return false }
        return zip(self, other).allSatisfy {
            _isApproximatelyEqual($0, $1, absoluteTolerance: absoluteTolerance,
                                  relativeTolerance: relativeTolerance)
        }
    }
}
