import Foundation

/// An in-place complex fast Fourier transform of length `2^k` or `3·2^k`, on separate real and
/// imaginary arrays: iterative radix-2 decimation in time, with one radix-3 step on top for the
/// lengths with a factor of three (so that a grid is padded to, say, 1536 rather than 2048).
struct GridFFTPlan: Sendable {
    let length: Int
    private let radix2: GridRadix2FFT
    /// For a length `3m`: `cos(2πk/3m)` and `sin(2πk/3m)` for `k < 2m`; empty otherwise.
    private let cosines: [Double]
    private let sines: [Double]

    /// The smallest length `2^k` or `3·2^k` that is at least `n`.
    static func length(atLeast n: Int) -> Int {
        var power = 1
        while power < n { power <<= 1 }
        // 3·2^(k−2) lies between 2^(k−1) and 2^k.
        let three = 3 * (power >> 2)
        return power >= 4 && three >= n ? three : power
    }

    init(length: Int) {
        self.length = length
        if length >= 3 && length % 3 == 0 {
            let m = length / 3
            radix2 = GridRadix2FFT(length: m)
            cosines = (0 ..< 2 * m).map { cos(2 * Double.pi * Double($0) / Double(length)) }
            sines = (0 ..< 2 * m).map { sin(2 * Double.pi * Double($0) / Double(length)) }
        } else {
            radix2 = GridRadix2FFT(length: length)
            cosines = []
            sines = []
        }
    }

    /// Transforms `length` values at `re`, `im`: forward `X_k = Σ x_j e^{-2πijk/n}`, or the
    /// inverse without the `1/n` factor.
    func transform(_ re: UnsafeMutablePointer<Double>, _ im: UnsafeMutablePointer<Double>, inverse: Bool) {
        guard !cosines.isEmpty else {
            radix2.transform(re, im, inverse: inverse)
            return
        }
        // X[k + lm] = Y0[k] + w^l W^k Y1[k] + w^2l W^2k Y2[k], with Y_r the transforms of
        // x[3j + r], W = e^{∓2πi/3m} and w = e^{∓2πi/3}.
        let m = length / 3
        let sign: Double = inverse ? 1 : -1
        let half3 = sign * 0.866_025_403_784_438_6  // ±√3/2
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 6 * m) { buffer in
            let yr = buffer.baseAddress!, yi = yr + 3 * m
            for r in 0 ..< 3 {
                for j in 0 ..< m {
                    yr[r * m + j] = re[3 * j + r]
                    yi[r * m + j] = im[3 * j + r]
                }
                radix2.transform(yr + r * m, yi + r * m, inverse: inverse)
            }
            cosines.withUnsafeBufferPointer { cosines in
                sines.withUnsafeBufferPointer { sines in
                    for k in 0 ..< m {
                        let c1 = cosines[k], s1 = sign * sines[k]
                        let c2 = cosines[2 * k], s2 = sign * sines[2 * k]
                        let ar = yr[k], ai = yi[k]
                        let b0 = yr[m + k], b1 = yi[m + k]
                        let br = b0 * c1 - b1 * s1, bi = b0 * s1 + b1 * c1
                        let c0 = yr[2 * m + k], c1i = yi[2 * m + k]
                        let cr = c0 * c2 - c1i * s2, ci = c0 * s2 + c1i * c2
                        let tr = br + cr, ti = bi + ci
                        let dr = br - cr, di = bi - ci
                        let mr = ar - 0.5 * tr, mi = ai - 0.5 * ti
                        re[k] = ar + tr; im[k] = ai + ti
                        // ± i·(√3/2)·D = (∓(√3/2)·D.im, ±(√3/2)·D.re)
                        re[k + m] = mr - half3 * di; im[k + m] = mi + half3 * dr
                        re[k + 2 * m] = mr + half3 * di; im[k + 2 * m] = mi - half3 * dr
                    }
                }
            }
        }
    }
}

/// An in-place complex fast Fourier transform of one power-of-two length (iterative radix-2,
/// decimation in time), on separate real and imaginary arrays.
struct GridRadix2FFT: Sendable {
    let length: Int
    /// Twiddle factors of every stage, stage after stage, each stage's contiguous: for the stage
    /// of butterflies of size `m` (from 4 up), `cos(2πj/m)` and `sin(2πj/m)` for `j < m/2`,
    /// starting at offset `m/2 − 2`.
    private let cosines: [Double]
    private let sines: [Double]
    private let bitReversed: [Int32]

    init(length: Int) {
        precondition(length >= 1 && length & (length - 1) == 0, "FFT length must be a power of two")
        self.length = length
        var cosines: [Double] = [], sines: [Double] = []
        var size = 4
        while size <= length {
            for j in 0 ..< size / 2 {
                // The angle from the full-length table's index, so that every stage uses the
                // same correctly rounded values.
                let angle = 2 * Double.pi * Double(j * (length / size)) / Double(length)
                cosines.append(cos(angle))
                sines.append(sin(angle))
            }
            size *= 2
        }
        self.cosines = cosines
        self.sines = sines
        var bits = 0
        while 1 << bits < length { bits += 1 }
        bitReversed = (0 ..< length).map { i in
            var j = 0
            for b in 0 ..< bits where i & (1 << b) != 0 { j |= 1 << (bits - 1 - b) }
            return Int32(j)
        }
    }

    /// Transforms `length` values at `re`, `im`: forward `X_k = Σ x_j e^{-2πijk/n}`, or the
    /// inverse without the `1/n` factor.
    func transform(_ re: UnsafeMutablePointer<Double>, _ im: UnsafeMutablePointer<Double>, inverse: Bool) {
        let n = length
        bitReversed.withUnsafeBufferPointer { reversed in
            for i in 0 ..< n {
                let j = Int(reversed[i])
                if j > i {
                    swap(&re[i], &re[j])
                    swap(&im[i], &im[j])
                }
            }
        }
        // First stage: butterflies of size 2 need no twiddles.
        var i = 0
        while i + 1 < n {
            let ar = re[i], ai = im[i], br = re[i + 1], bi = im[i + 1]
            re[i] = ar + br; im[i] = ai + bi
            re[i + 1] = ar - br; im[i + 1] = ai - bi
            i += 2
        }
        let sign: Double = inverse ? 1 : -1
        cosines.withUnsafeBufferPointer { cosines in
            sines.withUnsafeBufferPointer { sines in
                var size = 4
                while size <= n {
                    let half = size / 2
                    let c = cosines.baseAddress! + (half - 2), s = sines.baseAddress! + (half - 2)
                    var start = 0
                    while start < n {
                        let reA = re + start, imA = im + start, reB = reA + half, imB = imA + half
                        for j in 0 ..< half {
                            let wr = c[j], wi = sign * s[j]
                            let br = reB[j], bi = imB[j]
                            let tr = br * wr - bi * wi
                            let ti = br * wi + bi * wr
                            let ar = reA[j], ai = imA[j]
                            reB[j] = ar - tr; imB[j] = ai - ti
                            reA[j] = ar + tr; imA[j] = ai + ti
                        }
                        start += size
                    }
                    size *= 2
                }
            }
        }
    }
}

/// Work split over the processors, for the grid computations.
enum GridParallel {
    static var processorCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Calls `body(range)` for contiguous pieces of `0..<count`, concurrently. Each call must
    /// write only to the part of the output its range owns.
    static func forEachChunk(_ count: Int, minimumChunk: Int = 1, _ body: (Range<Int>) -> Void) {
        let pieces = max(1, min(processorCount * 4, count / max(minimumChunk, 1)))
        if pieces <= 1 || count <= 1 {
            if count > 0 { body(0 ..< count) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = GridUncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: pieces) { piece in
                let lower = count * piece / pieces, upper = count * (piece + 1) / pieces
                if lower < upper { shared.value(lower ..< upper) }
            }
        }
    }
}

/// A value handed to other threads where the code, not the compiler, ensures that the threads
/// touch disjoint memory.
struct GridUncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
