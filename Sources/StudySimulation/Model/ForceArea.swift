import Foundation
import Randomisation
import Spatial

/// A made-up police force area in British National Grid metres: its towns and the places where
/// recorded crime of each type concentrates. Nothing here describes a real place.
public struct ForceArea: Sendable, Hashable {
    /// A town: a roughly round built-up area around a centre.
    public struct Town: Sendable, Hashable {
        /// The town's made-up name.
        public var name: String
        /// The study's area label for people who live there (a stratum of the allocation).
        public var area: String
        /// The town centre (British National Grid metres).
        public var centre: Point
        /// The town's typical radius in metres.
        public var radius: Double
        /// The share of the area's population living in the town; the shares sum to 1.
        public var populationShare: Double
        /// An illustrative resident population, for the map.
        public var residents: Int
    }

    /// A place where crimes of one type cluster: recorded crimes of that type fall around it in a
    /// circular normal distribution.
    public struct CrimeCentre: Sendable, Hashable {
        /// The crime type.
        public var crimeType: String
        /// The index of the town the centre lies in.
        public var town: Int
        /// The centre (British National Grid metres).
        public var centre: Point
        /// The standard deviation of each coordinate around the centre, in metres.
        public var spread: Double
    }

    /// The force area's made-up name.
    public var name: String
    /// The extent of the force area (British National Grid metres).
    public var bounds: BoundingBox
    /// The towns.
    public var towns: [Town]
    /// The places where crime of each type clusters.
    public var crimeCentres: [CrimeCentre]

    /// The bundled study's area: four towns between eastings 380,000 and 420,000 and northings
    /// 260,000 and 300,000, with drug-supply and firearms clusters that overlap in the largest
    /// town, drug supply in two others, and acquisitive crime and violence in the town centres.
    public static let standard = ForceArea(
        name: "Westmoor",
        bounds: BoundingBox(minX: 380_000, minY: 260_000, maxX: 420_000, maxY: 300_000),
        towns: [
            Town(name: "Ashbury", area: "central", centre: Point(x: 400_000, y: 280_000), radius: 4_500, populationShare: 0.4, residents: 182_000),
            Town(name: "Northwick", area: "north", centre: Point(x: 398_000, y: 292_000), radius: 3_000, populationShare: 0.2, residents: 71_000),
            Town(name: "Eastford", area: "east", centre: Point(x: 412_000, y: 279_000), radius: 3_000, populationShare: 0.2, residents: 64_000),
            Town(name: "Westholme", area: "west", centre: Point(x: 387_000, y: 273_000), radius: 3_000, populationShare: 0.2, residents: 58_000),
        ],
        crimeCentres: [
            CrimeCentre(crimeType: "drug_supply", town: 0, centre: Point(x: 400_600, y: 280_400), spread: 300),
            CrimeCentre(crimeType: "firearms", town: 0, centre: Point(x: 400_900, y: 280_200), spread: 300),
            CrimeCentre(crimeType: "acquisitive", town: 0, centre: Point(x: 399_200, y: 279_300), spread: 400),
            CrimeCentre(crimeType: "violence", town: 0, centre: Point(x: 400_200, y: 279_900), spread: 450),
            CrimeCentre(crimeType: "drug_supply", town: 1, centre: Point(x: 398_400, y: 292_500), spread: 300),
            CrimeCentre(crimeType: "acquisitive", town: 2, centre: Point(x: 411_600, y: 279_400), spread: 350),
            CrimeCentre(crimeType: "violence", town: 2, centre: Point(x: 412_200, y: 278_800), spread: 400),
            CrimeCentre(crimeType: "drug_supply", town: 3, centre: Point(x: 386_600, y: 273_300), spread: 300),
            CrimeCentre(crimeType: "firearms", town: 3, centre: Point(x: 386_800, y: 273_100), spread: 350),
        ]
    )

    /// The area labels of the towns, in town order.
    public var areaLabels: [String] { towns.map(\.area) }

    /// Each town's outline: a 24-sided polygon whose radius wanders by up to about a fifth around
    /// the town's radius, the wandering drawn from `generator`. Exteriors run anticlockwise.
    public func townOutlines(using generator: inout some RandomNumberGenerator) -> [Polygon] {
        towns.map { town in
            let phase3 = generator.unitInterval() * 2 * Double.pi
            let phase5 = generator.unitInterval() * 2 * Double.pi
            let vertices = (0 ..< 24).map { k -> Point in
                let angle = Double(k) / 24 * 2 * Double.pi
                let scale = 1 + 0.12 * Foundation.sin(3 * angle + phase3) + 0.06 * Foundation.cos(5 * angle + phase5)
                let r = town.radius * scale
                return Point(x: (town.centre.x + r * Foundation.cos(angle)).rounded(), y: (town.centre.y + r * Foundation.sin(angle)).rounded())
            }
            return Polygon(vertices)
        }
    }

    /// A point drawn around `centre` with each coordinate normal with standard deviation `spread`,
    /// redrawn until it lies inside the force area.
    func point(around centre: Point, spread: Double, using generator: inout some RandomNumberGenerator) -> Point {
        while true {
            let p = Point(x: centre.x + spread * generator.standardNormal(), y: centre.y + spread * generator.standardNormal())
            if p.x >= bounds.minX && p.x <= bounds.maxX && p.y >= bounds.minY && p.y <= bounds.maxY { return p }
        }
    }
}
