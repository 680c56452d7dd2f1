/// Runs a fit with the strata as block fixed effects and, when that fit cannot be made (a
/// stratum without events, separation), again without them, saying so.
struct StrataAdjustment {
    /// The block column (`stratum`), or `nil` when the design has no strata.
    let blockColumn: String?

    /// The outcome of one adjusted fit.
    struct Fit<Result> {
        /// The result, or `nil` when neither fit could be made.
        let result: Result?
        /// Whether the result is adjusted for the strata.
        let adjusted: Bool
        /// Why the adjustment was dropped, or why there is no result.
        let note: String?
    }

    /// Fits with the block column, then without it if that fails.
    ///
    /// - Parameters:
    ///   - name: the analysis's name, for the note.
    ///   - fit: the fit, given the block column or `nil`.
    func fit<Result>(_ name: String, _ fit: (String?) throws -> Result) -> Fit<Result> {
        guard let blockColumn else {
            do {
                return Fit(result: try fit(nil), adjusted: false, note: nil)
            } catch {
                return Fit(result: nil, adjusted: false, note: "\(name): not estimable: \(error)")
            }
        }
        do {
            return Fit(result: try fit(blockColumn), adjusted: true, note: nil)
        } catch let adjustedError {
            do {
                return Fit(result: try fit(nil), adjusted: false,
                           note: "\(name): fitted without the strata as block fixed effects, since with them: \(adjustedError)")
            } catch {
                return Fit(result: nil, adjusted: false, note: "\(name): not estimable: \(error)")
            }
        }
    }
}
