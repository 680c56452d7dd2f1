/// What one factor says about one person.
public enum FactorReading: UInt8, Sendable, Hashable {
    /// The factor does not apply.
    case absent = 0
    /// The factor applies: its weight counts towards the score.
    case present = 1
    /// The data to read it is missing (a blank cell, no home location, a home outside the grid
    /// for a cell rule): it adds nothing to the score and is listed as not assessed.
    case notAssessed = 2
}
