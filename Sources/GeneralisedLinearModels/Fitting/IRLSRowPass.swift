import Dispatch
import LinearAlgebra

/// One pass of IRLS over the rows, fused and spread over threads: for each block of rows the
/// linear predictor, the mean, the working weights and response, the deviance and (optionally)
/// the block's share of the weighted normal equations XᵀWX and XᵀWz, while the block of X is in
/// cache.
///
/// Rows are split into fixed chunks of blocks whose sums are combined in chunk order, so results
/// do not depend on the number of threads. The chunks run on up to ``BLASThreads/count`` threads
/// with OpenBLAS held at one thread meanwhile (each block's `dsyrk` is small, and the rows are
/// already spread over the cores).
struct IRLSRowPass<Kernel: FamilyKernel> {
    /// Rows per block: a block of W^½X (up to 32 columns) stays in a core's cache.
    static var blockRows: Int { 2048 }
    /// Blocks per chunk: enough to make a chunk's start-up negligible, few enough to balance two
    /// threads.
    static var blocksPerChunk: Int { 8 }

    let kernel: Kernel
    let x: Matrix
    let y: [Double]
    let weights: [Double]
    let offset: [Double]?

    /// What the pass sums besides the per-row values.
    struct Totals {
        var deviance: Double
        var isValid: Bool
        var normalMatrix: Matrix?
        var normalVector: Vector?
    }

    /// Runs the pass. With `coefficients`, η = Xβ + offset is computed into `eta` first;
    /// without, `eta` is read as given.
    func run(coefficients: [Double]?, eta: inout [Double], mu: inout [Double], workingWeights: inout [Double],
             workingResponse: inout [Double], accumulate: Bool) -> Totals {
        let n = x.rows, p = x.columns
        let chunkRows = Self.blockRows * Self.blocksPerChunk
        let chunks = Swift.max(1, (n + chunkRows - 1) / chunkRows)
        let workers = Swift.max(1, Swift.min(BLASThreads.count, BLASThreads.machineCores, chunks))
        var deviances = [Double](repeating: 0, count: chunks)
        var valid = [Bool](repeating: true, count: chunks)
        var matrices = [Matrix?](repeating: nil, count: chunks)
        var vectors = [Vector?](repeating: nil, count: chunks)
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                weights.withUnsafeBufferPointer { priors in
                    eta.withUnsafeMutableBufferPointer { eta in
                        mu.withUnsafeMutableBufferPointer { mu in
                            workingWeights.withUnsafeMutableBufferPointer { w in
                                workingResponse.withUnsafeMutableBufferPointer { z in
                                    deviances.withUnsafeMutableBufferPointer { deviances in
                                        valid.withUnsafeMutableBufferPointer { valid in
                                            matrices.withUnsafeMutableBufferPointer { matrices in
                                                vectors.withUnsafeMutableBufferPointer { vectors in
                                                    let rows = RowBuffers(x: xs, y: ys, priors: priors, eta: eta, mu: mu, w: w, z: z)
                                                    let sums = ChunkSums(deviances: deviances, valid: valid,
                                                                         matrices: matrices, vectors: vectors)
                                                    Self.forEachChunk(chunks, workers: workers) { chunk in
                                                        let start = chunk * chunkRows
                                                        runChunk(start ..< Swift.min(n, start + chunkRows), chunk: chunk,
                                                                 rows: rows, sums: sums, coefficients: coefficients,
                                                                 accumulate: accumulate, columns: p)
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var totals = Totals(deviance: 0, isValid: !valid.contains(false), normalMatrix: nil, normalVector: nil)
        for chunk in 0 ..< chunks { totals.deviance += deviances[chunk] }
        if accumulate && totals.isValid {
            var a = Matrix(rows: p, columns: p), b = Vector(repeating: 0, count: p)
            for chunk in 0 ..< chunks {
                if let matrix = matrices[chunk] { a += matrix }
                if let vector = vectors[chunk] { b += vector }
            }
            totals.normalMatrix = a
            totals.normalVector = b
        }
        return totals
    }

    /// The per-row arrays, shared by the chunks (each writes only its own rows).
    private struct RowBuffers: @unchecked Sendable {
        let x: UnsafeBufferPointer<Double>
        let y: UnsafeBufferPointer<Double>
        let priors: UnsafeBufferPointer<Double>
        let eta: UnsafeMutableBufferPointer<Double>
        let mu: UnsafeMutableBufferPointer<Double>
        let w: UnsafeMutableBufferPointer<Double>
        let z: UnsafeMutableBufferPointer<Double>
    }

    /// The per-chunk sums (each chunk writes only its own entries).
    private struct ChunkSums: @unchecked Sendable {
        let deviances: UnsafeMutableBufferPointer<Double>
        let valid: UnsafeMutableBufferPointer<Bool>
        let matrices: UnsafeMutableBufferPointer<Matrix?>
        let vectors: UnsafeMutableBufferPointer<Vector?>
    }

    private func runChunk(_ range: Range<Int>, chunk: Int, rows: RowBuffers, sums: ChunkSums, coefficients: [Double]?,
                          accumulate: Bool, columns p: Int) {
        let n = x.rows
        var deviance = 0.0
        var isValid = true
        var a: Matrix? = nil
        var b: Vector? = nil
        var block = Matrix(rows: 0, columns: 0)
        var response = Vector(repeating: 0, count: 0)
        for start in stride(from: range.lowerBound, to: range.upperBound, by: Self.blockRows) {
            let count = Swift.min(Self.blockRows, range.upperBound - start)
            let eta = rows.eta.baseAddress! + start
            if let coefficients {
                if let offset {
                    for i in 0 ..< count { eta[i] = offset[start + i] }
                } else {
                    eta.update(repeating: 0, count: count)
                }
                for j in 0 ..< p where coefficients[j] != 0 {
                    let beta = coefficients[j]
                    let column = rows.x.baseAddress! + j * n + start
                    for i in 0 ..< count { eta[i] += column[i] * beta }
                }
            }
            for i in start ..< start + count {
                let (m, derivative) = kernel.meanAndDerivative(rows.eta[i])
                rows.mu[i] = m
                if !kernel.isValidMean(m) { isValid = false }
                deviance += kernel.deviance(rows.y[i], m, rows.priors[i])
                rows.w[i] = rows.priors[i] * derivative * derivative / kernel.variance(m)
                rows.z[i] = rows.eta[i] - (offset?[i] ?? 0) + (rows.y[i] - m) / derivative
            }
            guard accumulate && isValid && p > 0 else { continue }
            // W^½X and W^½z for the block, then its Gram matrix and cross product.
            if block.rows != count { block = Matrix(rows: count, columns: p); response = Vector(repeating: 0, count: count) }
            block.withUnsafeMutableBufferPointer { target in
                response.withUnsafeMutableBufferPointer { scaledResponse in
                    for i in 0 ..< count {
                        let root = rows.w[start + i].squareRoot()
                        scaledResponse[i] = root * rows.z[start + i]
                        target[i] = root
                    }
                    for j in 1 ..< Swift.max(1, p) {
                        let source = rows.x.baseAddress! + j * n + start
                        let column = target.baseAddress! + j * count
                        for i in 0 ..< count { column[i] = source[i] * target[i] }
                    }
                    // Column 0 last, as it held the roots.
                    let source = rows.x.baseAddress! + start
                    for i in 0 ..< count { target[i] *= source[i] }
                }
            }
            let gram = block.gram(), cross = block.multiplied(by: response, transposingSelf: true)
            if a == nil { a = gram; b = cross } else { a! += gram; b! += cross }
        }
        sums.deviances[chunk] = deviance
        sums.valid[chunk] = isValid
        sums.matrices[chunk] = a
        sums.vectors[chunk] = b
    }

    /// Calls `body` for each chunk on `workers` threads (worker w takes chunks w, w + workers,
    /// …), with OpenBLAS at one thread meanwhile; with one worker, on the calling thread.
    private static func forEachChunk(_ count: Int, workers: Int, _ body: (Int) -> Void) {
        if workers == 1 {
            for chunk in 0 ..< count { body(chunk) }
            return
        }
        let blasThreads = BLASThreads.count
        BLASThreads.count = 1
        defer { BLASThreads.count = blasThreads }
        withoutActuallyEscaping(body) { body in
            // Each chunk writes only its own rows and sums, which is what makes sharing safe.
            let shared = UncheckedSendableChunkBody(body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for chunk in stride(from: worker, to: count, by: workers) { shared.body(chunk) }
            }
        }
    }
}

/// The chunk body handed to the worker threads of ``IRLSRowPass``.
private struct UncheckedSendableChunkBody: @unchecked Sendable {
    let body: (Int) -> Void
    init(_ body: @escaping (Int) -> Void) { self.body = body }
}
