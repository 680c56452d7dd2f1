import Testing
import Spatial

/// A small deterministic generator for test inputs.
private struct TestPoints {
    var generator: SeededGenerator
    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }
    mutating func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
}

/// Kernel density at every cell centre by direct summation over every point: the definition.
private func directDensity(points: [Point], grid: GridDefinition, kernel: QuarticKernel) -> [Double] {
    (0 ..< grid.cellCount).map { index in
        let centre = grid.centre(of: grid.cell(at: index))
        return points.reduce(0) { $0 + kernel.weight(atDistance: centre.distance(to: $1)) }
    }
}

private func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    let scale = b.map(abs).max() ?? 1
    return maximumDifference(a, b) / max(scale, .leastNormalMagnitude)
}

struct DensityCase: Sendable, CustomStringConvertible {
    let description: String
    let columns: Int
    let rows: Int
    let bandwidthInCells: Double
    let points: Int
}

private let densityCases: [DensityCase] = [
    DensityCase(description: "default three cells", columns: 30, rows: 20, bandwidthInCells: 3, points: 400),
    DensityCase(description: "under a cell", columns: 9, rows: 13, bandwidthInCells: 0.7, points: 50),
    DensityCase(description: "wide, reaches past the grid", columns: 17, rows: 11, bandwidthInCells: 12.5, points: 300),
    DensityCase(description: "single row", columns: 25, rows: 1, bandwidthInCells: 2.2, points: 40),
]

@Test(arguments: densityCases)
func exactDensityEqualsDirectSummation(_ testCase: DensityCase) {
    let grid = GridDefinition(origin: Point(x: 530_000, y: 180_000), cellSize: 250,
                              columns: testCase.columns, rows: testCase.rows)
    var source = TestPoints(seed: UInt64(testCase.points))
    let points = (0 ..< testCase.points).map { _ in
        Point(x: grid.minX + source.uniform() * (grid.maxX - grid.minX), y: grid.minY + source.uniform() * (grid.maxY - grid.minY))
    }
    let kernel = QuarticKernel(bandwidth: testCase.bandwidthInCells * grid.cellSize)
    let exact = kernel.density(ofPoints: points, on: grid)
    #expect(relativeDifference(exact.values, directDensity(points: points, grid: grid, kernel: kernel)) <= 1e-13)
}

@Test(arguments: densityCases, ConvolutionMethod.allCases)
func binnedDensityEqualsDirectSummationAtCellCentres(_ testCase: DensityCase, _ method: ConvolutionMethod) throws {
    let grid = GridDefinition(origin: Point(x: 0, y: 0), cellSize: 100, columns: testCase.columns, rows: testCase.rows)
    var source = TestPoints(seed: UInt64(testCase.points) + 1)
    let points = (0 ..< testCase.points).map { _ in
        Point(x: source.uniform() * grid.maxX, y: source.uniform() * grid.maxY)
    }
    let counts = try CrimeCounts(points: points, grid: grid)
    let kernel = QuarticKernel(bandwidth: testCase.bandwidthInCells * grid.cellSize)
    let binned = kernel.density(of: counts.layers[0], method: method)
    // Binning moves each crime to its cell's centre: direct summation over those centres.
    let moved = points.map { grid.centre(of: grid.cell(containing: $0)!) }
    #expect(relativeDifference(binned.values, directDensity(points: moved, grid: grid, kernel: kernel)) <= 1e-12)
}

@Test func kernelIntegratesToOne() {
    // One crime in the middle of a fine grid: the density summed over cells times the cell
    // area approximates the kernel's integral, 1 (midpoint rule, error O(s²/h²)).
    let grid = GridDefinition(origin: Point(x: 0, y: 0), cellSize: 10, columns: 201, rows: 201)
    let kernel = QuarticKernel(bandwidth: 500)
    let density = kernel.density(ofPoints: [Point(x: 1005, y: 1005)], on: grid)
    #expect(abs(density.sum * grid.cellArea - 1) < 1e-3)
    #expect(abs(kernel.weight(atDistance: 0) - 3 / (Double.pi * 500 * 500)) < 1e-18)
    #expect(kernel.weight(atDistance: 500) == 0)
    #expect(kernel.weight(atDistance: 250) == 3 / (Double.pi * 500 * 500) * 0.5625)
}

@Test func defaultsFollowTheProfile() {
    let grid = GridDefinition(origin: Point(x: 0, y: 0), columns: 10, rows: 10)
    #expect(grid.cellSize == 250)
    #expect(QuarticKernel.defaultBandwidth(for: grid) == 750)
    #expect(DistanceBand.defaultBand(for: grid).distance == 375)
    #expect(DistanceBand.defaultBand(for: grid).neighbourhoodSize(cellSize: 250) == 9)
}

struct ConvolutionCase: Sendable, CustomStringConvertible {
    let description: String
    let columns: Int
    let rows: Int
    let band: Double
}

private let convolutionCases: [ConvolutionCase] = [
    ConvolutionCase(description: "queen", columns: 31, rows: 19, band: 1.5),
    ConvolutionCase(description: "itself only", columns: 8, rows: 5, band: 0.5),
    ConvolutionCase(description: "band wider than the grid", columns: 7, rows: 9, band: 14),
    ConvolutionCase(description: "power-of-two edge", columns: 64, rows: 61, band: 3),
]

/// Every method gives the same neighbourhood sums as a direct loop over all pairs of cells.
@Test(arguments: convolutionCases, ConvolutionMethod.allCases)
func neighbourhoodSumsEqualAPairwiseLoop(_ testCase: ConvolutionCase, _ method: ConvolutionMethod) {
    let grid = GridDefinition(origin: Point(x: 0, y: 0), cellSize: 1, columns: testCase.columns, rows: testCase.rows)
    var source = TestPoints(seed: 99)
    let values = (0 ..< grid.cellCount).map { _ in (source.uniform() * 6).rounded(.down) }
    let result = GetisOrdGiStar(band: DistanceBand(distance: testCase.band), method: method)(GridLayer(grid: grid, values: values))
    var sums = [Double](repeating: 0, count: grid.cellCount), counts = sums
    for i in 0 ..< grid.cellCount {
        for j in 0 ..< grid.cellCount
        where grid.centre(of: grid.cell(at: i)).distance(to: grid.centre(of: grid.cell(at: j))) <= testCase.band {
            sums[i] += values[j]
            counts[i] += 1
        }
    }
    // Whole-number sums are exact by every method.
    #expect(result.neighbourSums.values == sums)
    #expect(result.neighbourCounts.values == counts)
}
