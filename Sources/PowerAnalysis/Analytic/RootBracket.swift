import Foundation

/// Brent's (1973) root finder on a bracket: inverse quadratic interpolation and secant steps,
/// falling back to bisection, so it converges superlinearly on smooth functions and never leaves
/// the bracket. Power calculations use it to solve for whichever quantity is missing.
enum RootBracket {
    /// Solves f(x) = 0 for x in [lower, upper], expanding `upper` by doubling (up to `limit`)
    /// when the bracket does not yet hold a sign change.
    ///
    /// - Parameters:
    ///   - lower: The lower end.
    ///   - upper: The first upper end.
    ///   - limit: The largest upper end to try.
    ///   - tolerance: The absolute tolerance on x; the default is about 4 ulp at x.
    ///   - f: A continuous function.
    /// - Returns: The root, or `nil` when no sign change is found up to `limit`.
    static func solve(lower: Double, upper: Double, expandingUpTo limit: Double? = nil,
                      tolerance: Double = 0, _ f: (Double) -> Double) -> Double? {
        var a = lower, b = upper
        var fa = f(a), fb = f(b)
        if fa == 0 { return a }
        if let limit {
            while fa.sign == fb.sign && fb != 0 && b < limit {
                a = b
                fa = fb
                b = min(limit, b * 2)
                fb = f(b)
            }
        }
        if fb == 0 { return b }
        guard fa.isFinite, fb.isFinite, fa.sign != fb.sign else { return nil }

        var c = a, fc = fa
        var d = b - a, e = d
        for _ in 0 ..< 200 {
            if fb.sign == fc.sign {
                c = a; fc = fa; d = b - a; e = d
            }
            if abs(fc) < abs(fb) {
                a = b; b = c; c = a
                fa = fb; fb = fc; fc = fa
            }
            let step = 2 * Double.ulpOfOne * abs(b) + 0.5 * tolerance
            let half = 0.5 * (c - b)
            if abs(half) <= step || fb == 0 { return b }
            if abs(e) >= step && abs(fa) > abs(fb) {
                var p: Double, q: Double
                let s = fb / fa
                if a == c {
                    p = 2 * half * s
                    q = 1 - s
                } else {
                    let r = fb / fc, t = fa / fc
                    p = s * (2 * half * t * (t - r) - (b - a) * (r - 1))
                    q = (t - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < min(3 * half * q - abs(step * q), abs(e * q)) {
                    e = d
                    d = p / q
                } else {
                    d = half; e = d
                }
            } else {
                d = half; e = d
            }
            a = b
            fa = fb
            b += abs(d) > step ? d : (half > 0 ? step : -step)
            fb = f(b)
        }
        return b
    }
}
