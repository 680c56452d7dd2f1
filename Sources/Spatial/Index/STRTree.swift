/// A static R-tree over bounding boxes, bulk-loaded by Sort-Tile-Recursive packing
/// (Leutenegger, Lopez & Edgington 1997), as shapely's `STRtree` and GEOS's `TemplateSTRtree` are.
///
/// Build it once from every box, then query it by point or by box; it returns the indices of the
/// boxes (in the order given to ``init(_:nodeCapacity:)``) that contain the point or meet the
/// box. Boxes are only candidates: test the geometries themselves afterwards (as
/// ``PolygonOverlay`` does). Query results are checked identical to a brute-force scan on random data.
public struct STRTree: Sendable {
    /// The number of boxes indexed.
    public let count: Int
    /// The largest number of children of a node.
    public let nodeCapacity: Int

    // All nodes in one flat array, leaves (the indexed boxes, in packed order) first and the root
    // last. Node k has box `bounds[4k ..< 4k + 4]` (minX, minY, maxX, maxY); an inner node's
    // children are nodes `firstChild[k - count] ..< endChild[k - count]`.
    private let bounds: [Double]
    private let firstChild: [Int32]
    private let endChild: [Int32]
    // The caller's index of each leaf.
    private let itemIndex: [Int32]

    /// Builds the tree.
    /// - Parameters:
    ///   - boxes: The boxes to index; their positions are what queries return.
    ///   - nodeCapacity: Children per node, 2 or more; 10 (GEOS's default) suits most uses.
    /// - Precondition: fewer than 2³¹ boxes; `nodeCapacity >= 2`.
    /// - Complexity: O(n log n) time, O(n) memory.
    public init(_ boxes: [BoundingBox], nodeCapacity: Int = 10) {
        precondition(nodeCapacity >= 2, "STRTree node capacity must be at least 2")
        precondition(boxes.count < Int(Int32.max), "STRTree holds fewer than 2^31 boxes")
        count = boxes.count
        self.nodeCapacity = nodeCapacity

        var nodeBoxes: [BoundingBox] = []
        var first: [Int32] = []
        var end: [Int32] = []
        // Level 0: the leaves, packed.
        let leafOrder = strOrder(boxes.indices.map { $0 }, boxes: boxes, capacity: nodeCapacity)
        itemIndex = leafOrder.map { Int32($0) }
        nodeBoxes = leafOrder.map { boxes[$0] }

        // Each level above groups consecutive runs of the packed level below.
        var levelStart = 0, levelEnd = nodeBoxes.count
        while levelEnd - levelStart > 1 {
            // Re-pack this level's nodes before grouping them (STR on node boxes); the permutation
            // moves whole nodes with their child ranges, so links into the level below stay right.
            if levelStart > 0 {
                let local = Array(levelStart ..< levelEnd)
                let order = strOrder(local.map { $0 - levelStart },
                                     boxes: Array(nodeBoxes[levelStart ..< levelEnd]), capacity: nodeCapacity)
                let oldBoxes = nodeBoxes, oldFirst = first, oldEnd = end
                for (position, source) in order.enumerated() {
                    nodeBoxes[levelStart + position] = oldBoxes[levelStart + source]
                    first[levelStart + position - count] = oldFirst[levelStart + source - count]
                    end[levelStart + position - count] = oldEnd[levelStart + source - count]
                }
            }
            var start = levelStart
            let nextStart = levelEnd
            while start < levelEnd {
                let stop = min(start + nodeCapacity, levelEnd)
                var box = nodeBoxes[start]
                for k in (start + 1) ..< stop { box = box.union(nodeBoxes[k]) }
                nodeBoxes.append(box)
                first.append(Int32(start))
                end.append(Int32(stop))
                start = stop
            }
            levelStart = nextStart
            levelEnd = nodeBoxes.count
        }
        var flat: [Double] = []
        flat.reserveCapacity(4 * nodeBoxes.count)
        for b in nodeBoxes { flat += [b.minX, b.minY, b.maxX, b.maxY] }
        bounds = flat
        firstChild = first
        endChild = end
    }

    /// The box holding every indexed box, or `nil` for an empty tree.
    public var extent: BoundingBox? {
        guard count > 0 else { return nil }
        let r = bounds.count - 4
        return BoundingBox(minX: bounds[r], minY: bounds[r + 1], maxX: bounds[r + 2], maxY: bounds[r + 3])
    }

    /// The indices of the boxes that contain `point` (edges included), in no particular order.
    /// - Complexity: O(log n + k) for k results on well-spread boxes.
    public func query(_ point: Point) -> [Int] {
        var result: [Int] = []
        forEach(containing: point) { result.append($0) }
        return result
    }

    /// The indices of the boxes that meet `box` (touching counts), in no particular order.
    /// - Complexity: O(log n + k) for k results on well-spread boxes.
    public func query(_ box: BoundingBox) -> [Int] {
        var result: [Int] = []
        forEach(intersecting: box) { result.append($0) }
        return result
    }

    /// Calls `body` with the index of every box that contains `point`, without allocating.
    /// - Complexity: as ``query(_:)-(Point)``.
    public func forEach(containing point: Point, _ body: (Int) -> Void) {
        forEach(intersecting: BoundingBox(point), body)
    }

    /// Calls `body` with the index of every box that meets `box`, without allocating (the search
    /// stack is a fixed 64 × capacity entries, more than a tree of 2³¹ boxes can need).
    /// - Complexity: as ``query(_:)-(BoundingBox)``.
    public func forEach(intersecting box: BoundingBox, _ body: (Int) -> Void) {
        withUnsafeStorage { storage in storage.forEach(intersecting: box, body) }
    }

    /// Calls `body` with the tree's arrays as buffer pointers, for loops that query many times.
    func withUnsafeStorage<R>(_ body: (STRTreeStorage) -> R) -> R {
        bounds.withUnsafeBufferPointer { b in
            firstChild.withUnsafeBufferPointer { first in
                endChild.withUnsafeBufferPointer { end in
                    itemIndex.withUnsafeBufferPointer { items in
                        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 64 * nodeCapacity) { stack in
                            body(STRTreeStorage(count: count, bounds: b, firstChild: first, endChild: end,
                                                itemIndex: items, stack: stack))
                        }
                    }
                }
            }
        }
    }
}

/// An ``STRTree``'s arrays, borrowed for the length of one `withUnsafeStorage` call.
struct STRTreeStorage {
    let count: Int
    let bounds: UnsafeBufferPointer<Double>
    let firstChild: UnsafeBufferPointer<Int32>
    let endChild: UnsafeBufferPointer<Int32>
    let itemIndex: UnsafeBufferPointer<Int32>
    let stack: UnsafeMutableBufferPointer<Int32>

    @inline(__always)
    private func meets(_ k: Int, _ box: BoundingBox) -> Bool {
        bounds[4 * k] <= box.maxX && bounds[4 * k + 2] >= box.minX
            && bounds[4 * k + 1] <= box.maxY && bounds[4 * k + 3] >= box.minY
    }

    /// Depth-first search from the root, children tested box by box.
    @inline(__always)
    func forEach(intersecting box: BoundingBox, _ body: (Int) -> Void) {
        guard count > 0 else { return }
        let root = bounds.count / 4 - 1
        guard meets(root, box) else { return }
        if root < count {  // a single box: the root is a leaf
            body(Int(itemIndex[root]))
            return
        }
        var top = 1
        stack[0] = Int32(root)
        while top > 0 {
            top -= 1
            let node = Int(stack[top])
            let lo = Int(firstChild[node - count]), hi = Int(endChild[node - count])
            if lo < count {
                for k in lo ..< hi where meets(k, box) { body(Int(itemIndex[k])) }
            } else {
                for k in lo ..< hi where meets(k, box) {
                    stack[top] = Int32(k)
                    top += 1
                }
            }
        }
    }
}

/// Sort-Tile-Recursive order of `items` (positions into `boxes`): sorted by centre x into
/// ⌈√(n / capacity)⌉ vertical slices, each sorted by centre y.
private func strOrder(_ items: [Int], boxes: [BoundingBox], capacity: Int) -> [Int] {
    let n = items.count
    guard n > capacity else { return items }
    func centreX(_ i: Int) -> Double { boxes[i].minX + boxes[i].maxX }
    func centreY(_ i: Int) -> Double { boxes[i].minY + boxes[i].maxY }
    let leaves = (n + capacity - 1) / capacity
    let slices = Int(Double(leaves).squareRoot().rounded(.up))
    let perSlice = slices * capacity
    var order = items.sorted { centreX($0) < centreX($1) }
    var start = 0
    while start < n {
        let stop = min(start + perSlice, n)
        order[start ..< stop].sort { centreY($0) < centreY($1) }
        start = stop
    }
    return order
}
