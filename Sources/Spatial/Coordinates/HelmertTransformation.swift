/// A seven-parameter Helmert similarity transformation between two datums' Cartesian
/// coordinates, in the small-angle form the OS guide (section 6.2) uses:
/// `X' = T + (1 + s) R X`, with `R = [[1, −rz, ry], [rz, 1, −rx], [−ry, rx, 1]]`.
public struct HelmertTransformation: Hashable, Sendable {
    /// Translations, metres.
    public let tx: Double, ty: Double, tz: Double
    /// Scale change, parts per million.
    public let scalePPM: Double
    /// Rotations, arc seconds (position-vector convention).
    public let rxSeconds: Double, rySeconds: Double, rzSeconds: Double

    /// Creates a transformation from its seven parameters.
    public init(tx: Double, ty: Double, tz: Double, scalePPM: Double,
                rxSeconds: Double, rySeconds: Double, rzSeconds: Double) {
        self.tx = tx; self.ty = ty; self.tz = tz
        self.scalePPM = scalePPM
        self.rxSeconds = rxSeconds; self.rySeconds = rySeconds; self.rzSeconds = rzSeconds
    }

    /// ETRS89 (≈ WGS84) to OSGB36, from the OS guide "A guide to coordinate systems in Great
    /// Britain", section 6.6: tx −446.448 m, ty +125.157 m, tz −542.060 m, s +20.4894 ppm,
    /// rx −0.1502″, ry −0.2470″, rz −0.8421″. The OS state it is good to about 5 m across Great
    /// Britain (OSTN15, not implemented here, is needed for better).
    public static let etrs89ToOSGB36 = HelmertTransformation(
        tx: -446.448, ty: 125.157, tz: -542.060, scalePPM: 20.4894,
        rxSeconds: -0.1502, rySeconds: -0.2470, rzSeconds: -0.8421)

    private var matrix: (Double, Double, Double, Double, Double, Double, Double, Double, Double) {
        let toRadians = Double.pi / (180 * 3600)
        let rx = rxSeconds * toRadians, ry = rySeconds * toRadians, rz = rzSeconds * toRadians
        let k = 1 + scalePPM * 1e-6
        return (k, -k * rz, k * ry,
                k * rz, k, -k * rx,
                -k * ry, k * rx, k)
    }

    /// Applies the transformation to Cartesian coordinates (metres).
    public func apply(_ x: Double, _ y: Double, _ z: Double) -> (x: Double, y: Double, z: Double) {
        let m = matrix
        return (tx + m.0 * x + m.1 * y + m.2 * z,
                ty + m.3 * x + m.4 * y + m.5 * z,
                tz + m.6 * x + m.7 * y + m.8 * z)
    }

    /// Applies the exact inverse of the transformation (solving the 3 × 3 linear system, rather
    /// than negating the parameters, so that a round trip returns the input to rounding error).
    public func applyInverse(_ x: Double, _ y: Double, _ z: Double) -> (x: Double, y: Double, z: Double) {
        let m = matrix
        let bx = x - tx, by = y - ty, bz = z - tz
        // Cramer's rule on the near-identity matrix: well conditioned.
        let det = m.0 * (m.4 * m.8 - m.5 * m.7) - m.1 * (m.3 * m.8 - m.5 * m.6) + m.2 * (m.3 * m.7 - m.4 * m.6)
        let ix = (bx * (m.4 * m.8 - m.5 * m.7) - m.1 * (by * m.8 - m.5 * bz) + m.2 * (by * m.7 - m.4 * bz)) / det
        let iy = (m.0 * (by * m.8 - m.5 * bz) - bx * (m.3 * m.8 - m.5 * m.6) + m.2 * (m.3 * bz - by * m.6)) / det
        let iz = (m.0 * (m.4 * bz - by * m.7) - m.1 * (m.3 * bz - by * m.6) + bx * (m.3 * m.7 - m.4 * m.6)) / det
        return (ix, iy, iz)
    }
}
