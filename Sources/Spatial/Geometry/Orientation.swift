/// The side of a directed line on which a point lies, decided exactly.
public enum Orientation: Sendable, Hashable {
    /// The three points turn left (anticlockwise).
    case counterClockwise
    /// The three points turn right (clockwise).
    case clockwise
    /// The three points lie on one line.
    case collinear
}

/// The orientation of the triangle `a`, `b`, `c`, decided exactly for every pair of finite
/// coordinates whose products do not overflow (magnitudes below about 1e150).
///
/// A floating-point determinant is accepted when it exceeds Shewchuk's forward error bound
/// `(3 + 16ε)ε · (|detleft| + |detright|)`; otherwise the determinant is recomputed exactly as a
/// floating-point expansion (each product split by a fused multiply-add into two exact terms,
/// summed without rounding by Shewchuk's `grow-expansion`), so points on an edge are reported as
/// `.collinear` rather than guessed.
/// - Parameters:
///   - a: The first point.
///   - b: The second point.
///   - c: The point whose side of the line `a` → `b` is wanted.
/// - Returns: `.counterClockwise` when `c` lies left of `a` → `b`, `.clockwise` when it lies
///   right, `.collinear` when the three are on one line.
/// - Complexity: O(1); the exact fallback costs a few hundred floating-point operations.
@inlinable
public func orientation(_ a: Point, _ b: Point, _ c: Point) -> Orientation {
    let s = orientationSign(a, b, c)
    return s > 0 ? .counterClockwise : (s < 0 ? .clockwise : .collinear)
}

/// The sign (−1, 0 or +1) of the exact determinant `(a − c) × (b − c)`: +1 when `a`, `b`, `c`
/// turn anticlockwise. See ``orientation(_:_:_:)`` for the method and its range of exactness.
/// - Complexity: O(1).
@inlinable
public func orientationSign(_ a: Point, _ b: Point, _ c: Point) -> Int {
    let detLeft = (a.x - c.x) * (b.y - c.y)
    let detRight = (a.y - c.y) * (b.x - c.x)
    let det = detLeft - detRight
    // Shewchuk's ccwerrboundA = (3 + 16ε)ε with ε = 2^-53.
    let bound = 3.3306690738754716e-16 * (abs(detLeft) + abs(detRight))
    if det > bound { return 1 }
    if -det > bound { return -1 }
    return exactOrientationSign(a, b, c)
}

/// The exact sign of `ax·by − ax·cy − cx·by − ay·bx + ay·cx + cy·bx` (the orientation
/// determinant expanded so that every term is a single product of inputs): each product is split
/// exactly into two doubles by a fused multiply-add, and the twelve terms are summed without
/// rounding into a nonoverlapping expansion (Shewchuk's grow-expansion with zero elimination),
/// whose largest component has the sign of the exact sum. Uses no heap memory.
@usableFromInline
func exactOrientationSign(_ a: Point, _ b: Point, _ c: Point) -> Int {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 12) { expansion in
        var length = 0
        @inline(__always) func add(_ value: Double) {
            var q = value
            var kept = 0
            for k in 0 ..< length {
                let component = expansion[k]
                let sum = q + component
                let bVirtual = sum - q
                let aVirtual = sum - bVirtual
                let error = (q - aVirtual) + (component - bVirtual)
                if error != 0 {
                    expansion[kept] = error
                    kept += 1
                }
                q = sum
            }
            if q != 0 {
                expansion[kept] = q
                kept += 1
            }
            length = kept
        }
        @inline(__always) func addProduct(_ x: Double, _ y: Double) {
            let p = x * y
            add((-p).addingProduct(x, y))  // fma(x, y, −p): the product's exact rounding error
            add(p)
        }
        addProduct(a.x, b.y)
        addProduct(-a.x, c.y)
        addProduct(-c.x, b.y)
        addProduct(-a.y, b.x)
        addProduct(a.y, c.x)
        addProduct(c.y, b.x)
        guard length > 0 else { return 0 }
        let top = expansion[length - 1]
        return top > 0 ? 1 : (top < 0 ? -1 : 0)
    }
}
