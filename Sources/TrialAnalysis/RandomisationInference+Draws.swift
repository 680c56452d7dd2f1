/// Assignments redrawn from a trial's design, for ``RandomisationInference``: an *n* × *R*
/// column-major matrix of arm indices, one column per draw.
///
/// TrialAnalysis does not depend on the randomisation module; a `ReplayMatrix` from
/// `CohortDesign.replay(count:seed:)` (seeded, so reproducible bit for bit) converts directly:
/// `AssignmentDraws(units: m.units, count: m.replays, armCount: m.armCount, armIndices: m.armIndices)`.
/// The arm indices must use the same coding as the observed assignment given to
/// ``RandomisationInference``.
public struct AssignmentDraws: Sendable, Hashable {
    /// The number of units (rows).
    public let units: Int
    /// The number of draws (columns), *R*.
    public let count: Int
    /// The number of arms; every index is in `0 ..< armCount`.
    public let armCount: Int
    /// The arm indices, column-major: element (unit, draw) is at `draw * units + unit`.
    public let armIndices: [Int32]
    /// Whether the draws list every assignment the design can make, each once with its design
    /// probability (for a design where all assignments are equally likely: each once). The
    /// p-values are then the exact proportions #{|T_r| ≥ |T_obs|} / R rather than the Monte
    /// Carlo (1 + #{...}) / (1 + R).
    public let enumeratesDesign: Bool

    /// Creates draws from column-major arm indices.
    ///
    /// - Parameters:
    ///   - units: The number of units, at least 1.
    ///   - count: The number of draws, at least 1.
    ///   - armCount: The number of arms, at least 2.
    ///   - armIndices: `units × count` indices in `0 ..< armCount` (anything else traps).
    ///   - enumeratesDesign: Whether the draws enumerate the design; default `false`.
    public init(units: Int, count: Int, armCount: Int, armIndices: [Int32], enumeratesDesign: Bool = false) {
        precondition(units > 0 && count > 0 && armCount >= 2, "AssignmentDraws: \(units) units, \(count) draws, \(armCount) arms")
        precondition(armIndices.count == units * count, "AssignmentDraws: \(armIndices.count) indices for \(units) x \(count)")
        precondition(armIndices.allSatisfy { $0 >= 0 && Int($0) < armCount }, "AssignmentDraws: an arm index is outside 0..<\(armCount)")
        self.units = units
        self.count = count
        self.armCount = armCount
        self.armIndices = armIndices
        self.enumeratesDesign = enumeratesDesign
    }

    /// Creates draws from a list of assignments, one array of arm indices per draw.
    ///
    /// - Parameters:
    ///   - assignments: At least one assignment, all of the same length (a mismatch traps).
    ///   - armCount: The number of arms.
    ///   - enumeratesDesign: Whether the assignments enumerate the design; default `false`.
    public init(assignments: [[Int]], armCount: Int, enumeratesDesign: Bool = false) {
        let units = assignments.first?.count ?? 0
        precondition(assignments.allSatisfy { $0.count == units }, "AssignmentDraws: assignments of different lengths")
        self.init(units: units, count: assignments.count, armCount: armCount,
                  armIndices: assignments.flatMap { $0.map { Int32($0) } }, enumeratesDesign: enumeratesDesign)
    }

    /// Draw `draw` as one arm index per unit.
    public func draw(_ draw: Int) -> ArraySlice<Int32> {
        armIndices[(draw * units) ..< ((draw + 1) * units)]
    }
}
