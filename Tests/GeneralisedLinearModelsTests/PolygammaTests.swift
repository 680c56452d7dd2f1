import Foundation
@testable import GeneralisedLinearModels
import Testing

/// Digamma and trigamma against closed forms and R's values.
@Suite("Polygamma functions")
struct PolygammaTests {
    static let eulerGamma = 0.57721566490153286061

    struct Case: Sendable, CustomStringConvertible {
        let x: Double
        let digamma: Double
        let trigamma: Double
        var description: String { "x = \(x)" }
    }

    // Closed forms at 1/2, 1 and 2; R's `digamma(c(7.3, 123.25))` and `trigamma(...)` printed with 17 digits.
    static let cases: [Case] = [
        Case(x: 0.5, digamma: -eulerGamma - 2 * log(2.0), trigamma: Double.pi * Double.pi / 2),
        Case(x: 1, digamma: -eulerGamma, trigamma: Double.pi * Double.pi / 6),
        Case(x: 2, digamma: 1 - eulerGamma, trigamma: Double.pi * Double.pi / 6 - 1),
        Case(x: 7.3, digamma: 1.9178203356379862, trigamma: 0.1467957681314271123),
        Case(x: 123.25, digamma: 4.8101525319648184, trigamma: 0.0081465944560802691),
    ]

    @Test(arguments: cases)
    func values(_ c: Case) {
        #expect(abs(digamma(c.x) - c.digamma) <= 1e-14 * max(1, abs(c.digamma)))
        #expect(abs(trigamma(c.x) - c.trigamma) <= 1e-14 * max(1, abs(c.trigamma)))
    }
}
