/// Recorded crimes binned to a grid: the number of crimes of each type in each cell, with no
/// weighting, as the profile method builds its hotspot layers.
///
/// Every crime type is counted on the same ``GridDefinition``, so the layers line up cell for
/// cell. Crimes outside the grid are not dropped silently: ``outsideCounts`` reports them per type.
public struct CrimeCounts: Sendable {
    /// The grid every layer is built on.
    public let grid: GridDefinition
    /// The crime types, in the order of ``layers``.
    public let types: [String]
    /// One layer of counts per type, in the order of ``types``.
    public let layers: [GridLayer]
    /// The number of crimes of each type that fell outside the grid, in the order of ``types``.
    public let outsideCounts: [Int]

    /// Counts crimes given as coordinates and type codes: the fast path for columns read from CSV.
    ///
    /// - Parameters:
    ///   - x: eastings.
    ///   - y: northings; as many as `x`.
    ///   - typeCodes: each crime's index into `typeNames`; as many as `x`. A negative code (a
    ///     missing cell of a categorical column) is an empty crime type.
    ///   - typeNames: the crime types; none may be empty.
    ///   - grid: the grid to count on.
    /// - Throws: ``HotspotInputError/nonFiniteCoordinate(point:)`` for a NaN or infinite
    ///   coordinate, ``HotspotInputError/emptyCrimeType(point:)`` for a missing or empty type.
    ///   `point` is 0-based.
    /// - Complexity: O(points + types × cells), one pass over the points.
    public init(x: [Double], y: [Double], typeCodes: [Int32], typeNames: [String], grid: GridDefinition) throws {
        precondition(x.count == y.count && x.count == typeCodes.count,
                     "x, y and type codes must have one entry per crime")
        let typeCount = typeNames.count
        var counts = [[Double]](repeating: [Double](repeating: 0, count: grid.cellCount), count: typeCount)
        var outside = [Int](repeating: 0, count: typeCount)
        for i in x.indices {
            let code = Int(typeCodes[i])
            guard code >= 0, code < typeCount, !typeNames[code].isEmpty else {
                precondition(code < typeCount, "type code \(code) has no name")
                throw HotspotInputError.emptyCrimeType(point: i)
            }
            guard x[i].isFinite && y[i].isFinite else { throw HotspotInputError.nonFiniteCoordinate(point: i) }
            if let cell = grid.cellIndex(x: x[i], y: y[i]) {
                counts[code][cell] += 1
            } else {
                outside[code] += 1
            }
        }
        self.grid = grid
        self.types = typeNames
        self.layers = counts.map { GridLayer(grid: grid, values: $0) }
        self.outsideCounts = outside
    }

    /// Counts crimes given as points and type names.
    ///
    /// The types are listed in order of first appearance.
    ///
    /// - Parameters:
    ///   - points: the crimes' locations.
    ///   - types: each crime's type; as many as `points`, none empty.
    ///   - grid: the grid to count on.
    /// - Throws: as ``init(x:y:typeCodes:typeNames:grid:)``.
    /// - Complexity: O(points + types × cells).
    public init(points: [Point], types: [String], grid: GridDefinition) throws {
        precondition(points.count == types.count, "one crime type per point")
        var names: [String] = []
        var codeOf: [String: Int32] = [:]
        var codes = [Int32](repeating: 0, count: types.count)
        for (i, type) in types.enumerated() {
            if let code = codeOf[type] {
                codes[i] = code
            } else {
                guard !type.isEmpty else { throw HotspotInputError.emptyCrimeType(point: i) }
                let code = Int32(names.count)
                names.append(type)
                codeOf[type] = code
                codes[i] = code
            }
        }
        try self.init(x: points.map(\.x), y: points.map(\.y), typeCodes: codes, typeNames: names, grid: grid)
    }

    /// Counts crimes of a single type.
    ///
    /// - Parameters:
    ///   - points: the crimes' locations.
    ///   - type: their type's name; not empty. Default `"all"`.
    ///   - grid: the grid to count on.
    /// - Throws: as ``init(x:y:typeCodes:typeNames:grid:)``.
    public init(points: [Point], type: String = "all", grid: GridDefinition) throws {
        try self.init(points: points, types: [String](repeating: type, count: points.count), grid: grid)
    }

    /// The layer of counts for a type, or `nil` if no crime has that type.
    public func layer(for type: String) -> GridLayer? {
        types.firstIndex(of: type).map { layers[$0] }
    }

    /// The number of crimes counted inside the grid, over all types.
    public var insideTotal: Int { Int(layers.reduce(0) { $0 + $1.sum }) }
    /// The number of crimes that fell outside the grid, over all types.
    public var outsideTotal: Int { outsideCounts.reduce(0, +) }
}

/// A problem with the crimes or locations given to a hotspot analysis.
public enum HotspotInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The crime at this 0-based position has an empty or missing type.
    case emptyCrimeType(point: Int)
    /// The crime at this 0-based position has a NaN or infinite coordinate.
    case nonFiniteCoordinate(point: Int)

    public var description: String {
        switch self {
        case .emptyCrimeType(let point):
            "crime \(point + 1) has an empty crime type"
        case .nonFiniteCoordinate(let point):
            "crime \(point + 1) has a coordinate that is not a finite number"
        }
    }
}
