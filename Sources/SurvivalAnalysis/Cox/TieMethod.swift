/// How the Cox partial likelihood treats people whose events fall on the same time.
public enum TieMethod: String, Sendable, Hashable, CaseIterable {
    /// Efron's approximation: the tied people leave the risk set in equal fractions. R
    /// survival's default, and more accurate when ties are common (times in whole days).
    case efron
    /// Breslow's approximation: every tied person sees the full risk set.
    case breslow
}
