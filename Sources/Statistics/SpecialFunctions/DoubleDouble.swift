import Foundation

/// An unevaluated sum `high + low` of two doubles that carries about 106 significant bits.
///
/// Used only where a product or a difference must keep more than 53 bits: the mean `n p` of a
/// binomial saddle point, and the deviation `a − (a + b) x` that sets the size of a tail
/// probability. Every operation is exact or rounds once at the 106-bit level
/// (Dekker's and Knuth's error-free transformations, built on fused multiply-add).
struct DoubleDouble {
    var high: Double
    var low: Double

    init(_ value: Double) {
        high = value
        low = 0
    }

    /// The exact sum of two doubles.
    init(sum a: Double, _ b: Double) {
        let s = a + b
        let bVirtual = s - a
        let aVirtual = s - bVirtual
        high = s
        low = (a - aVirtual) + (b - bVirtual)
    }

    /// The exact product of two doubles.
    init(product a: Double, _ b: Double) {
        let p = a * b
        high = p
        low = (-p).addingProduct(a, b)
    }

    private init(normalising high: Double, _ low: Double) {
        let s = high + low
        self.high = s
        self.low = low - (s - high)
    }

    var value: Double { high + low }

    static prefix func - (x: DoubleDouble) -> DoubleDouble {
        DoubleDouble(normalising: -x.high, -x.low)
    }

    static func + (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let s = DoubleDouble(sum: x.high, y.high)
        return DoubleDouble(normalising: s.high, s.low + x.low + y.low)
    }

    static func - (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        x + (-y)
    }

    static func + (x: DoubleDouble, y: Double) -> DoubleDouble {
        let s = DoubleDouble(sum: x.high, y)
        return DoubleDouble(normalising: s.high, s.low + x.low)
    }

    static func - (x: Double, y: DoubleDouble) -> DoubleDouble {
        -y + x
    }

    static func * (x: DoubleDouble, y: Double) -> DoubleDouble {
        let p = DoubleDouble(product: x.high, y)
        return DoubleDouble(normalising: p.high, p.low + x.low * y)
    }
}
