import Foundation

/// Neighbourhood sums over a grid: `out(c, r) = Σ w(dx, dy) · in(c + dx, r + dy)` over the
/// stencil's offsets, where cells outside the grid contribute nothing (no wrap-around, no edge
/// correction). Kernel density, the Gi* sums and the Local Moran's I lags are all such sums.
enum GridConvolution {
    /// The neighbourhood sums of each input layer.
    ///
    /// - Complexity: see ``ConvolutionMethod``; `.automatic` takes the cheaper by operation count.
    static func apply(_ inputs: [[Double]], columns: Int, rows: Int, stencil: GridStencil,
                      method: ConvolutionMethod = .automatic) -> [[Double]] {
        for input in inputs { precondition(input.count == columns * rows, "layer does not match the grid") }
        if inputs.isEmpty { return [] }
        switch resolve(method, columns: columns, rows: rows, stencil: stencil) {
        case .fft:
            return fft(inputs, columns: columns, rows: rows, stencil: stencil)
        default:
            return inputs.map { direct($0, columns: columns, rows: rows, stencil: stencil) }
        }
    }

    /// The method `.automatic` stands for on this grid and stencil.
    static func resolve(_ method: ConvolutionMethod, columns: Int, rows: Int, stencil: GridStencil) -> ConvolutionMethod {
        guard method == .automatic else { return method }
        let cells = Double(columns * rows)
        let directCost = cells * Double(stencil.halfWidths != nil ? stencil.side : stencil.nonZeroCount) * 2
        let (p, q) = paddedSize(columns: columns, rows: rows, radius: stencil.radius)
        let padded = Double(p * q)
        // Forward and inverse 2-D transforms of a pair of layers, per layer, in `directCost`'s units:
        // 4.5 n log2 n, calibrated on a 1000 × 1000 grid, where both measured times cross at a band
        // of about 105 cells (2048 × 2048 padded transforms against 211 row spans a cell).
        let fftCost = padded * (log2(padded) + 1) * 4.5
        return directCost <= fftCost ? .direct : .fft
    }

    // MARK: Direct summation

    static func direct(_ input: [Double], columns: Int, rows: Int, stencil: GridStencil) -> [Double] {
        var output = [Double](repeating: 0, count: columns * rows)
        let radius = stencil.radius
        if let halfWidths = stencil.halfWidths {
            // Row-wise prefix sums: prefix[r·(columns+1) + c] = Σ in(0..<c, r).
            let stride = columns + 1
            var prefix = [Double](repeating: 0, count: stride * rows)
            input.withUnsafeBufferPointer { input in
                prefix.withUnsafeMutableBufferPointer { prefix in
                    let shared = GridUncheckedSendable((input.baseAddress!, prefix.baseAddress!))
                    GridParallel.forEachChunk(rows, minimumChunk: 16) { rowRange in
                        let (source, sums) = shared.value
                        for r in rowRange {
                            var running = 0.0
                            for c in 0 ..< columns {
                                sums[r * stride + c] = running
                                running += source[r * columns + c]
                            }
                            sums[r * stride + columns] = running
                        }
                    }
                }
            }
            prefix.withUnsafeBufferPointer { prefix in
                output.withUnsafeMutableBufferPointer { output in
                    let shared = GridUncheckedSendable((prefix.baseAddress!, output.baseAddress!))
                    GridParallel.forEachChunk(rows, minimumChunk: 16) { rowRange in
                        let (sums, out) = shared.value
                        for r in rowRange {
                            let target = out + r * columns
                            for dy in -radius ... radius {
                                let source = r + dy
                                let half = halfWidths[dy + radius]
                                guard source >= 0, source < rows, half >= 0 else { continue }
                                let row = sums + source * stride
                                for c in 0 ..< columns {
                                    let hi = min(c + half + 1, columns), lo = max(c - half, 0)
                                    target[c] += row[hi] - row[lo]
                                }
                            }
                        }
                    }
                }
            }
            return output
        }
        let side = stencil.side
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                stencil.weights.withUnsafeBufferPointer { weights in
                    let shared = GridUncheckedSendable((input.baseAddress!, output.baseAddress!, weights.baseAddress!))
                    GridParallel.forEachChunk(rows, minimumChunk: 16) { rowRange in
                        let (source, out, weights) = shared.value
                        for r in rowRange {
                            let target = out + r * columns
                            for dy in -radius ... radius {
                                let sourceRow = r + dy
                                guard sourceRow >= 0, sourceRow < rows else { continue }
                                let row = source + sourceRow * columns
                                for dx in -radius ... radius {
                                    let w = weights[(dy + radius) * side + dx + radius]
                                    if w == 0 { continue }
                                    let lower = max(0, -dx), upper = min(columns, columns - dx)
                                    if lower >= upper { continue }
                                    for c in lower ..< upper { target[c] += w * row[c + dx] }
                                }
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    // MARK: FFT

    /// Padded transform sizes (rows P, columns Q) large enough that circular convolution equals
    /// the linear one on the grid: `P ≥ rows + radius`, `Q ≥ columns + radius`, each `2^k` or `3·2^k`.
    static func paddedSize(columns: Int, rows: Int, radius: Int) -> (rows: Int, columns: Int) {
        (GridFFTPlan.length(atLeast: rows + radius), GridFFTPlan.length(atLeast: columns + radius))
    }

    static func fft(_ inputs: [[Double]], columns: Int, rows: Int, stencil: GridStencil) -> [[Double]] {
        let (p, q) = paddedSize(columns: columns, rows: rows, radius: stencil.radius)
        let rowPlan = GridFFTPlan(length: q), columnPlan = GridFFTPlan(length: p)
        let radius = stencil.radius, side = stencil.side

        // The kernel's spectrum, real because the stencil is symmetric under (dx, dy) → (−dx, −dy).
        var kernelRe = [Double](repeating: 0, count: p * q)
        var kernelIm = [Double](repeating: 0, count: p * q)
        for dy in -radius ... radius {
            for dx in -radius ... radius {
                let w = stencil.weights[(dy + radius) * side + dx + radius]
                if w != 0 { kernelRe[((dy + p) % p) * q + (dx + q) % q] = w }
            }
        }
        forward(&kernelRe, &kernelIm, p: p, q: q, filledRows: p, rowPlan: rowPlan, columnPlan: columnPlan)
        let spectrum = kernelRe.map { $0 / Double(p * q) }

        let integral = stencil.weights.allSatisfy { $0 == $0.rounded() }
        var outputs: [[Double]] = []
        var re = [Double](repeating: 0, count: p * q)
        var im = [Double](repeating: 0, count: p * q)
        var index = 0
        while index < inputs.count {
            let first = inputs[index]
            let second: [Double]? = index + 1 < inputs.count ? inputs[index + 1] : nil
            let roundFirst = integral && first.allSatisfy { $0 == $0.rounded() }
            let roundSecond = integral && (second?.allSatisfy { $0 == $0.rounded() } ?? false)
            var out1 = [Double](repeating: 0, count: columns * rows)
            var out2 = [Double](repeating: 0, count: second == nil ? 0 : columns * rows)
            re.withUnsafeMutableBufferPointer { re in
                im.withUnsafeMutableBufferPointer { im in
                    first.withUnsafeBufferPointer { a in
                        (second ?? []).withUnsafeBufferPointer { b in
                            // An empty buffer may still have a base address: test `second` itself.
                            let shared = GridUncheckedSendable((re.baseAddress!, im.baseAddress!, a.baseAddress!,
                                                                second == nil ? nil : b.baseAddress))
                            GridParallel.forEachChunk(p, minimumChunk: 16) { rowRange in
                                let (re, im, a, b) = shared.value
                                for r in rowRange {
                                    for c in 0 ..< q {
                                        let inside = r < rows && c < columns
                                        re[r * q + c] = inside ? a[r * columns + c] : 0
                                        im[r * q + c] = inside ? (b?[r * columns + c] ?? 0) : 0
                                    }
                                }
                            }
                        }
                    }
                }
            }
            forward(&re, &im, p: p, q: q, filledRows: rows, rowPlan: rowPlan, columnPlan: columnPlan)
            re.withUnsafeMutableBufferPointer { re in
                im.withUnsafeMutableBufferPointer { im in
                    spectrum.withUnsafeBufferPointer { k in
                        let shared = GridUncheckedSendable((re.baseAddress!, im.baseAddress!, k.baseAddress!))
                        GridParallel.forEachChunk(p * q, minimumChunk: 65_536) { range in
                            let (re, im, k) = shared.value
                            for i in range {
                                re[i] *= k[i]
                                im[i] *= k[i]
                            }
                        }
                    }
                }
            }
            inverse(&re, &im, p: p, q: q, neededRows: rows, rowPlan: rowPlan, columnPlan: columnPlan)
            re.withUnsafeBufferPointer { re in
                im.withUnsafeBufferPointer { im in
                    out1.withUnsafeMutableBufferPointer { o1 in
                        out2.withUnsafeMutableBufferPointer { o2 in
                            let shared = GridUncheckedSendable((re.baseAddress!, im.baseAddress!, o1.baseAddress!,
                                                                second == nil ? nil : o2.baseAddress))
                            GridParallel.forEachChunk(rows, minimumChunk: 16) { rowRange in
                                let (re, im, o1, o2) = shared.value
                                for r in rowRange {
                                    for c in 0 ..< columns {
                                        let a = re[r * q + c]
                                        o1[r * columns + c] = roundFirst ? a.rounded() : a
                                        if let o2 {
                                            let b = im[r * q + c]
                                            o2[r * columns + c] = roundSecond ? b.rounded() : b
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            outputs.append(out1)
            if second != nil { outputs.append(out2) }
            index += 2
        }
        return outputs
    }

    /// Row transforms of the first `filledRows` rows (the rest are zero and stay zero), then a
    /// transpose, then row transforms of the transposed array: the spectrum, transposed (Q × P).
    private static func forward(_ re: inout [Double], _ im: inout [Double], p: Int, q: Int, filledRows: Int,
                                rowPlan: GridFFTPlan, columnPlan: GridFFTPlan) {
        transformRows(&re, &im, count: filledRows, length: q, plan: rowPlan, inverse: false)
        transpose(&re, &im, rows: p, columns: q)
        transformRows(&re, &im, count: q, length: p, plan: columnPlan, inverse: false)
    }

    /// The inverse of ``forward`` without the 1/(PQ) factor, computing only the first
    /// `neededRows` rows of the result.
    private static func inverse(_ re: inout [Double], _ im: inout [Double], p: Int, q: Int, neededRows: Int,
                                rowPlan: GridFFTPlan, columnPlan: GridFFTPlan) {
        transformRows(&re, &im, count: q, length: p, plan: columnPlan, inverse: true)
        transpose(&re, &im, rows: q, columns: p)
        transformRows(&re, &im, count: neededRows, length: q, plan: rowPlan, inverse: true)
    }

    private static func transformRows(_ re: inout [Double], _ im: inout [Double], count: Int, length: Int,
                                      plan: GridFFTPlan, inverse: Bool) {
        re.withUnsafeMutableBufferPointer { re in
            im.withUnsafeMutableBufferPointer { im in
                let shared = GridUncheckedSendable((re.baseAddress!, im.baseAddress!))
                GridParallel.forEachChunk(count, minimumChunk: 8) { rowRange in
                    let (re, im) = shared.value
                    for r in rowRange { plan.transform(re + r * length, im + r * length, inverse: inverse) }
                }
            }
        }
    }

    /// Transposes a `rows × columns` row-major pair of arrays into `columns × rows`.
    private static func transpose(_ re: inout [Double], _ im: inout [Double], rows: Int, columns: Int) {
        var scratch = [Double](unsafeUninitializedCapacity: re.count) { _, count in count = re.count }
        transpose(re, into: &scratch, rows: rows, columns: columns)
        swap(&re, &scratch)
        transpose(im, into: &scratch, rows: rows, columns: columns)
        swap(&im, &scratch)
    }

    private static func transpose(_ a: [Double], into out: inout [Double], rows: Int, columns: Int) {
        let block = 32
        a.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { out in
                let shared = GridUncheckedSendable((a.baseAddress!, out.baseAddress!))
                let blockRows = (rows + block - 1) / block
                GridParallel.forEachChunk(blockRows) { blocks in
                    let (source, target) = shared.value
                    for rb in blocks {
                        let r0 = rb * block, r1 = min(r0 + block, rows)
                        var c0 = 0
                        while c0 < columns {
                            let c1 = min(c0 + block, columns)
                            for r in r0 ..< r1 {
                                for c in c0 ..< c1 { target[c * rows + r] = source[r * columns + c] }
                            }
                            c0 = c1
                        }
                    }
                }
            }
        }
    }
}
