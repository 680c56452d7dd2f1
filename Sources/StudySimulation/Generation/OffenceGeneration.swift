import DataTables
import Foundation
import Randomisation

/// One simulated offence record.
public struct SimulatedOffence: Sendable, Hashable {
    /// The day of the offence.
    public var date: CalendarDate
    /// Its code in the harm table.
    public var code: String
    /// Whether it was found by proactive policing.
    public var proactive: Bool
}

extension OffenceModel {
    /// The offences of a Poisson process with `dailyRate` over the `days` days after `origin`
    /// (forwards) or before it (backwards), each with a code and a proactive flag.
    ///
    /// Event times are continuous; an event at time t is dated ⌈t⌉ days from the origin, so an
    /// event counts in a window of the first T days exactly when t ≤ T.
    ///
    /// - Parameters:
    ///   - dailyRate: offences a day (not negative).
    ///   - origin: the day the window starts from (excluded).
    ///   - days: the window's length in days.
    ///   - backwards: whether the window runs back in time from the origin.
    ///   - generator: the person's random stream.
    /// - Returns: the offences in time order from the origin.
    public func offences(dailyRate: Double, origin: CalendarDate, days: Int, backwards: Bool = false,
                         using generator: inout some RandomNumberGenerator) -> [SimulatedOffence] {
        guard dailyRate > 0, days > 0 else { return [] }
        let shares = codes.map(\.share)
        var result: [SimulatedOffence] = []
        var t = 0.0
        while true {
            t += generator.exponential(rate: dailyRate)
            guard t <= Double(days) else { break }
            let offset = max(1, Int(t.rounded(.up)))
            let code = codes[generator.index(weightedBy: shares)]
            let proactive = generator.bernoulli(code.proactiveShare)
            result.append(SimulatedOffence(date: origin.adding(days: backwards ? -offset : offset), code: code.code, proactive: proactive))
        }
        return result
    }
}
