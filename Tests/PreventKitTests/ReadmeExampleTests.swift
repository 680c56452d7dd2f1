import DataTables
import Foundation
import LinearAlgebra
import Statistics
import Testing

/// The library example in README.md, run as written (bar the file's absolute path), so that the
/// README cannot drift from the API. Reference values from R 4.2.2:
/// `coef(lm(crime ~ inc, columbus))` and `qt(0.975, 47)`.
@Test func readmeLibraryExampleRunsAndAgreesWithR() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let path = root.appendingPathComponent("Studies/columbus/columbus.csv").path

    // README example begins.
    let table = try DataTable(csvFile: path)
    let crime = try table.numeric("crime").values
    let design = Matrix(columns: [Array(repeating: 1, count: crime.count), try table.numeric("inc").values])
    let fit = try LeastSquares(design, Vector(crime))
    let t = StudentT(degreesOfFreedom: Double(fit.residualDegreesOfFreedom))
    print(fit.coefficients, t.quantile(0.975))
    // README example ends.

    #expect(abs(fit.coefficients[0] - 64.46322832838608) <= 1e-12 * 64.46322832838608)
    #expect(abs(fit.coefficients[1] - -2.0406629155213167) <= 1e-12 * 2.0406629155213167)
    #expect(abs(t.quantile(0.975) - 2.0117405137297655) <= 1e-12 * 2.0117405137297655)
}
