import DataTables
import Randomisation
import Spatial

/// One recorded crime of the simulated year.
public struct SimulatedCrime: Sendable, Hashable {
    /// Where it happened (British National Grid metres, rounded to 0.1 m).
    public var location: Point
    /// Its type.
    public var crimeType: String
    /// The day it was recorded.
    public var date: CalendarDate
}

extension CrimeModel {
    /// A year of recorded crime in `area` starting on `firstDay`, ordered by date and then by type
    /// in the model's order.
    ///
    /// - Parameters:
    ///   - area: the force area, whose crime centres of each type attract that type's clustered share.
    ///   - firstDay: the first day of the year.
    ///   - generator: the crimes' random stream.
    /// - Complexity: O(n log n) for n crimes.
    public func crimes(in area: ForceArea, firstDay: CalendarDate, using generator: inout some RandomNumberGenerator) -> [SimulatedCrime] {
        var crimes: [SimulatedCrime] = []
        let townWeights = area.towns.map(\.populationShare)
        for type in types {
            let centres = area.crimeCentres.filter { $0.crimeType == type.name }
            for _ in 0 ..< type.yearlyCount {
                let location: Point
                if !centres.isEmpty && generator.bernoulli(type.clusteredShare) {
                    let centre = centres[generator.uniform(below: centres.count)]
                    location = area.point(around: centre.centre, spread: centre.spread, using: &generator)
                } else if generator.bernoulli(0.05) {
                    location = Point(x: area.bounds.minX + generator.unitInterval() * area.bounds.width,
                                     y: area.bounds.minY + generator.unitInterval() * area.bounds.height)
                } else {
                    let town = area.towns[generator.index(weightedBy: townWeights)]
                    location = area.point(around: town.centre, spread: 0.5 * town.radius, using: &generator)
                }
                let day = firstDay.adding(days: generator.uniform(below: 365))
                crimes.append(SimulatedCrime(location: location.roundedToDecimetre, crimeType: type.name, date: day))
            }
        }
        let typeOrder = Dictionary(uniqueKeysWithValues: types.enumerated().map { ($1.name, $0) })
        // A stable sort by date keeps each day's crimes in generation order within a type.
        return crimes.enumerated().sorted { a, b in
            if a.element.date != b.element.date { return a.element.date < b.element.date }
            let ta = typeOrder[a.element.crimeType]!, tb = typeOrder[b.element.crimeType]!
            return ta != tb ? ta < tb : a.offset < b.offset
        }.map(\.element)
    }
}

extension Point {
    /// The point with both coordinates rounded to 0.1 m, as the files write them.
    var roundedToDecimetre: Point {
        Point(x: (x * 10).rounded() / 10, y: (y * 10).rounded() / 10)
    }
}
