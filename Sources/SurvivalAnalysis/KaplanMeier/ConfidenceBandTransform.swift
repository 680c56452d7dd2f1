/// The transformation on which Kaplan-Meier confidence limits are symmetric.
///
/// Each uses Greenwood's variance of the log survival. The default, ``log``, is R survival's
/// default (`conf.type = "log"`); ``logLog`` keeps limits inside (0, 1) and is Stata's and SAS's
/// default; ``plain`` is symmetric on the survival scale, cut to [0, 1].
public enum ConfidenceBandTransform: String, Sendable, Hashable, CaseIterable {
    /// Symmetric for log S(t); the upper limit is capped at 1. Undefined where S(t) = 0.
    case log
    /// Symmetric for log(−log S(t)). Undefined where S(t) is 0 or 1.
    case logLog = "log-log"
    /// Symmetric for S(t), cut to [0, 1].
    case plain
}
