/// How much a `prevent` command writes on standard error besides its errors.
enum MessageLevel: Int, Comparable, Sendable {
    /// Errors only (`--quiet`): no progress bars, notes or warnings.
    case quiet
    /// Progress bars on a terminal, notes and warnings (the default).
    case normal
    /// As normal, plus each step's timing and the inputs read (`--verbose`).
    case verbose

    static func < (lhs: MessageLevel, rhs: MessageLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
