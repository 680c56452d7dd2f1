import Foundation
import LinearAlgebra

/// Times `size × size` matrix products through `Matrix.*` (BLAS dgemm).
///
/// The inputs are filled from a fixed linear congruential sequence, so every run multiplies the
/// same matrices; one untimed product starts OpenBLAS's threads first.
/// - Returns: Seconds taken by each timed product.
func runGemmBenchmark(size: Int, repetitions: Int) -> [Double] {
    var state: UInt64 = 20151203
    func nextUniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-53 - 0.5
    }
    let a = Matrix(rows: size, columns: size, columnMajor: (0 ..< size * size).map { _ in nextUniform() })
    let b = Matrix(rows: size, columns: size, columnMajor: (0 ..< size * size).map { _ in nextUniform() })
    var checksum = (a * b)[0, 0]
    var times: [Double] = []
    for _ in 0 ..< repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        let product = a * b
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        checksum += product[size - 1, size - 1]
    }
    precondition(checksum.isFinite, "gemm produced a non-finite entry")
    return times
}
