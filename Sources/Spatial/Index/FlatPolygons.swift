/// The rings of many polygons laid out flat (all x in one array, all y in another), so that
/// point-in-polygon tests in a hot loop touch no reference counts.
struct FlatPolygons: Sendable {
    let xs: [Double]
    let ys: [Double]
    /// Ring r's vertices are `ringStart[r] ..< ringStart[r + 1]`.
    let ringStart: [Int]
    /// Polygon p's rings are `polygonRingStart[p] ..< polygonRingStart[p + 1]`, exterior first.
    let polygonRingStart: [Int]

    init(_ polygons: [Polygon]) {
        var xs: [Double] = [], ys: [Double] = []
        var ringStart = [0], polygonRingStart = [0]
        for polygon in polygons {
            for ring in polygon.rings {
                for v in ring.vertices {
                    xs.append(v.x)
                    ys.append(v.y)
                }
                ringStart.append(xs.count)
            }
            polygonRingStart.append(ringStart.count - 1)
        }
        self.xs = xs
        self.ys = ys
        self.ringStart = ringStart
        self.polygonRingStart = polygonRingStart
    }

    /// Calls `body` with the arrays as buffer pointers.
    func withUnsafeStorage<R>(_ body: (FlatPolygonStorage) -> R) -> R {
        xs.withUnsafeBufferPointer { x in
            ys.withUnsafeBufferPointer { y in
                ringStart.withUnsafeBufferPointer { r in
                    polygonRingStart.withUnsafeBufferPointer { p in
                        body(FlatPolygonStorage(xs: x, ys: y, ringStart: r, polygonRingStart: p))
                    }
                }
            }
        }
    }
}

/// ``FlatPolygons`` borrowed as buffer pointers.
struct FlatPolygonStorage {
    let xs: UnsafeBufferPointer<Double>
    let ys: UnsafeBufferPointer<Double>
    let ringStart: UnsafeBufferPointer<Int>
    let polygonRingStart: UnsafeBufferPointer<Int>

    /// Where `p` lies relative to polygon `polygon`: the same exact winding-number test as
    /// ``LinearRing/locate(_:)``, ring by ring as ``Polygon/locate(_:)`` combines them.
    @inline(__always)
    func locate(_ p: Point, inPolygon polygon: Int) -> PointLocation {
        let first = polygonRingStart[polygon], last = polygonRingStart[polygon + 1]
        let outer = locate(p, inRing: first)
        guard outer == .inside else { return outer }
        for ring in (first + 1) ..< last {
            switch locate(p, inRing: ring) {
            case .inside: return .outside
            case .onBoundary: return .onBoundary
            case .outside: continue
            }
        }
        return .inside
    }

    @inline(__always)
    func locate(_ p: Point, inRing ring: Int) -> PointLocation {
        let start = ringStart[ring], end = ringStart[ring + 1]
        var winding = 0
        var ax = xs[end - 1], ay = ys[end - 1]
        for i in start ..< end {
            let bx = xs[i], by = ys[i]
            let aAbove = ay > p.y, bAbove = by > p.y
            if aAbove != bAbove {
                if !(ax < p.x && bx < p.x) {
                    let side = orientationSign(Point(x: ax, y: ay), Point(x: bx, y: by), p)
                    if side == 0 { return .onBoundary }
                    if bAbove {
                        if side > 0 { winding += 1 }
                    } else if side < 0 {
                        winding -= 1
                    }
                }
            } else if ay == p.y {
                if ax == p.x { return .onBoundary }
                if by == p.y && (ax < p.x) != (bx < p.x) { return .onBoundary }
            }
            ax = bx
            ay = by
        }
        return winding != 0 ? .inside : .outside
    }
}
