/// How a neighbourhood sum over a grid (a kernel density, the Gi* and Local Moran's I lags) is
/// computed. Every method gives the same sums up to floating-point rounding.
public enum ConvolutionMethod: String, Sendable, CaseIterable {
    /// The cheaper of ``direct`` and ``fft`` for the grid and stencil at hand, by operation count.
    /// The cost is therefore never more than the FFT's, whatever the bandwidth or distance band.
    case automatic
    /// Direct summation over the stencil. A binary distance band (a disc of cells) is summed from
    /// row-wise prefix sums over the disc's row spans: O(cells × (2R + 1)) for a band of R cells,
    /// exact for whole-number counts. A weighted stencil (the quartic kernel) costs
    /// O(cells × stencil cells).
    case direct
    /// Zero-padded 2-D fast Fourier transform (lengths `2^k` or `3·2^k`, two real layers per complex
    /// transform): O(P log P) for P padded cells, independent of the stencil's size. Sums of whole numbers
    /// are rounded back to whole numbers, so binary-weight sums of counts are exact.
    case fft
}
