import Spatial

extension HotspotLayerSettings {
    /// Builds the study's hotspot layers by the profile method (counts, quartic kernel density,
    /// Gi* with the false discovery rate, hotspot polygons and their intersections) on a grid of
    /// ``cellSize`` covering the crimes.
    ///
    /// - Parameter crimesFile: the crimes file to read instead of ``crimesFile`` (a command's
    ///   `--hotspots` option); `nil` for the study's.
    /// - Throws: the errors of `CrimePoints` (file, line, column), and `GridDefinitionError`
    ///   for an empty file or a grid too large.
    public func hotspotMap(crimesFile override: String? = nil) throws -> HotspotMap {
        let file = override ?? crimesFile
        let crimes = try CrimePoints(csvFile: file, xColumn: xColumn, yColumn: yColumn, typeColumn: typeColumn)
        let grid = try GridDefinition(covering: crimes.points, cellSize: cellSize)
        return HotspotMap(counts: try crimes.counts(on: grid),
                          parameters: HotspotMap.Parameters(falseDiscoveryRate: falseDiscoveryRate))
    }
}
