/// Which ring of which polygon an error or a result refers to.
public enum RingRole: Hashable, Sendable, CustomStringConvertible {
    /// The exterior ring of polygon `polygon` (0 for a lone polygon).
    case exterior(polygon: Int)
    /// Hole `hole` (0-based) of polygon `polygon`.
    case hole(polygon: Int, hole: Int)

    public var description: String {
        switch self {
        case .exterior(let polygon): "polygon \(polygon) exterior ring"
        case .hole(let polygon, let hole): "polygon \(polygon) hole \(hole)"
        }
    }
}

/// Why a geometry is not valid, naming the ring and the vertex at fault.
public struct GeometryValidityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of invalidity that ``Polygon/validate()`` detects.
    public enum Problem: Hashable, Sendable {
        /// A coordinate is infinite or NaN.
        case nonFiniteCoordinate
        /// The closed sequence does not end where it began.
        case unclosed
        /// Fewer than three distinct vertices.
        case tooFewVertices(count: Int)
        /// The ring encloses no area (all its vertices lie on one line).
        case zeroArea
        /// Edge `vertex`→`vertex + 1` meets the non-adjacent edge starting at `otherVertex`
        /// (crossing, touching or overlapping) at about `at`.
        case selfIntersection(otherVertex: Int, at: Point)
        /// A hole has a vertex outside the exterior, or crosses it.
        case holeOutsideShell
        /// A hole lies inside another hole or crosses it.
        case holesOverlap(otherHole: Int)
        /// Two parts of a multipolygon overlap.
        case partsOverlap(otherPolygon: Int)
    }

    /// The ring at fault.
    public let role: RingRole
    /// The 0-based vertex index at fault, where one can be named.
    public let vertex: Int?
    /// What is wrong.
    public let problem: Problem

    /// Creates an error.
    public init(role: RingRole, vertex: Int?, problem: Problem) {
        self.role = role
        self.vertex = vertex
        self.problem = problem
    }

    public var description: String {
        let place = vertex.map { "\(role), vertex \($0)" } ?? "\(role)"
        switch problem {
        case .nonFiniteCoordinate: return "\(place): coordinate is not a finite number"
        case .unclosed: return "\(place): ring is not closed (its last point differs from its first)"
        case .tooFewVertices(let count):
            return "\(place): ring has \(count) distinct vertices; at least 3 are needed"
        case .zeroArea: return "\(place): ring encloses no area (all vertices are collinear)"
        case .selfIntersection(let other, let at):
            return "\(place): edge from this vertex meets the edge from vertex \(other) at \(at); the ring is not simple"
        case .holeOutsideShell: return "\(place): hole is not inside the exterior ring"
        case .holesOverlap(let other): return "\(place): hole overlaps hole \(other)"
        case .partsOverlap(let other): return "\(place): part overlaps polygon \(other)"
        }
    }
}
