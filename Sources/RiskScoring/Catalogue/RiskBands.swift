/// The study's risk bands: named ranges of the weighted score, each from its cut-off up to the
/// next band's.
public struct RiskBands: Sendable, Hashable {
    /// One band: a name and the lowest score in it.
    public struct Band: Sendable, Hashable {
        /// The band's name (`low`).
        public var name: String
        /// The lowest score in the band; the band runs up to, but not including, the next band's.
        public var from: Double

        /// Creates a band.
        public init(name: String, from: Double) {
            self.name = name
            self.from = from
        }
    }

    /// The bands in increasing order of cut-off; the first starts at 0.
    public let bands: [Band]

    /// Creates bands.
    ///
    /// - Parameter bands: at least one band, the first from 0, cut-offs strictly increasing,
    ///   names distinct.
    /// - Precondition: as above (the YAML reader reports each violation as a problem instead).
    public init(_ bands: [Band]) {
        precondition(!bands.isEmpty && bands[0].from == 0, "bands start at a score of 0")
        precondition(zip(bands, bands.dropFirst()).allSatisfy { $0.from < $1.from }, "band cut-offs increase")
        precondition(Set(bands.map(\.name)).count == bands.count, "band names are distinct")
        self.bands = bands
    }

    /// The index of the band a score falls in.
    ///
    /// - Precondition: `score >= 0`.
    /// - Complexity: O(log b) for b bands.
    @inlinable
    public func index(of score: Double) -> Int {
        var lo = 0, hi = bands.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if bands[mid].from <= score { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The band names in order.
    public var names: [String] { bands.map(\.name) }

    /// A band's range in words (`2 to under 4`, `4 and over`).
    public func range(of index: Int) -> String {
        let from = RiskNumberFormat.short(bands[index].from)
        return index + 1 < bands.count ? "\(from) to under \(RiskNumberFormat.short(bands[index + 1].from))" : "\(from) and over"
    }
}
