/// The search behind every discrete quantile: the smallest integer at which a monotone condition
/// holds, found by galloping away from a good start and then bisecting.
enum DiscreteQuantileSearch {
    /// The smallest `k` in `lower...upper` with `accepts(k)`, where `accepts` is false below some
    /// point and true from there on, and `accepts(upper)` is true.
    ///
    /// - Complexity: `O(log d)` evaluations of `accepts`, where `d` is the distance from `start`
    ///   to the answer.
    static func smallest(start: Int, lower: Int, upper: Int, where accepts: (Int) -> Bool) -> Int {
        var k = min(max(start, lower), upper)
        var accepted: Int
        var rejected: Int
        var step = 1
        if accepts(k) {
            accepted = k
            while true {
                if accepted == lower { return lower }
                let candidate = accepted - min(step, accepted - lower)
                if accepts(candidate) {
                    accepted = candidate
                    step = step.multipliedReportingOverflow(by: 2).overflow ? Int.max : step * 2
                } else {
                    rejected = candidate
                    break
                }
            }
        } else {
            rejected = k
            while true {
                let candidate = rejected + min(step, upper - rejected)
                if accepts(candidate) {
                    accepted = candidate
                    break
                }
                rejected = candidate
                step = step.multipliedReportingOverflow(by: 2).overflow ? Int.max : step * 2
            }
        }
        while accepted - rejected > 1 {
            k = rejected + (accepted - rejected) / 2
            if accepts(k) { accepted = k } else { rejected = k }
        }
        return accepted
    }
}
