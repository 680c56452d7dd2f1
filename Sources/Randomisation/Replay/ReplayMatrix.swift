import LinearAlgebra

/// Many redrawn assignments of one cohort: an *n* x *R* column-major matrix of arm indices,
/// one column per redraw (unit by unit down a column), for randomisation inference.
public struct ReplayMatrix: Sendable, Equatable {
    /// The number of units (rows).
    public let units: Int

    /// The number of redraws (columns).
    public let replays: Int

    /// The number of arms.
    public let armCount: Int

    /// The arm indices, column-major: element (unit, replay) is at `replay * units + unit`.
    public let armIndices: [Int32]

    /// Creates a matrix from column-major arm indices.
    ///
    /// - Precondition: `armIndices.count == units * replays`, every index in `0..<armCount`.
    public init(units: Int, replays: Int, armCount: Int, armIndices: [Int32]) {
        precondition(armIndices.count == units * replays, "ReplayMatrix: \(armIndices.count) indices for \(units) x \(replays)")
        self.units = units
        self.replays = replays
        self.armCount = armCount
        self.armIndices = armIndices
    }

    /// The arm of `unit` in redraw `replay`.
    public subscript(unit: Int, replay: Int) -> Int {
        precondition(unit >= 0 && unit < units && replay >= 0 && replay < replays, "ReplayMatrix: index out of range")
        return Int(armIndices[replay * units + unit])
    }

    /// Redraw `replay` as one arm index per unit.
    public func replay(_ replay: Int) -> ArraySlice<Int32> {
        armIndices[(replay * units) ..< ((replay + 1) * units)]
    }

    /// The 0/1 indicator matrix of one arm (*n* x *R*, 1 where the unit is in `arm`), ready for
    /// BLAS: multiplying its transpose by a residual vector gives each redraw's arm sum.
    ///
    /// - Complexity: O(*n R*).
    public func indicator(arm: Int) -> Matrix {
        precondition(arm >= 0 && arm < armCount, "ReplayMatrix: arm \(arm) out of range")
        let target = Int32(arm)
        return Matrix(rows: units, columns: replays, columnMajor: armIndices.map { $0 == target ? 1 : 0 })
    }
}
