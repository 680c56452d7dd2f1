import DataTables
import Foundation
import Testing
import TrialAnalysis
@testable import OffenceOutcomes

/// The three harm analyses against direct ArmEffectModel fits and hand counts.
@Suite struct HarmAnalysisTests {
    static let table = DataTable([
        (name: "arm", column: .categorical(CategoricalColumn(["control", "control", "control", "control", "police", "police", "police", "police", "partner", "partner", "partner", nil]))),
        (name: "harm", column: .numeric(NumericColumn([0, 40, 365, 0, 0, 0, 20, 1.5, 2, 0, .nan, 7]))),
    ])

    @Test func threeAnalyses() throws {
        let analysis = try HarmAnalysis.analyse(Self.table, arm: "arm", control: "control")
        let direct = try ArmEffectModel(outcome: "harm", arm: "arm", control: "control").fit(Self.table)
        #expect(analysis.harm.effects.map(\.estimate) == direct.effects.map(\.estimate))
        #expect(analysis.harm.effects.map(\.standardError) == direct.effects.map(\.standardError))
        // log(1 + harm): partner's mean minus control's, by hand.
        let control = [0.0, 40, 365, 0].map { Foundation.log1p($0) }.reduce(0, +) / 4
        let partner = [2.0, 0].map { Foundation.log1p($0) }.reduce(0, +) / 2
        let logPartner = try #require(analysis.logHarm.effects.first { $0.arm == "partner" })
        #expect(abs(logPartner.estimate - (partner - control)) < 1e-12)
        // Shares with any harm: control 2 of 4, partner 1 of 2, police 2 of 4.
        #expect(analysis.shares.map(\.arm) == ["control", "partner", "police"])
        #expect(analysis.shares.map(\.people) == [4, 2, 4])
        #expect(analysis.shares.map(\.withHarm) == [2, 1, 2])
        let anyPolice = try #require(analysis.anyHarm.effects.first { $0.arm == "police" })
        #expect(abs(anyPolice.estimate) < 1e-12)
        #expect(analysis.harm.droppedCount == 2)
    }

    @Test func badInput() {
        #expect(throws: TrialAnalysisError.self) { try HarmAnalysis.analyse(Self.table, arm: "arm", control: "nobody") }
        #expect(throws: TrialAnalysisError.self) { try HarmAnalysis.analyse(Self.table, arm: "arm", control: "control", harmColumn: "damage") }
        let negative = DataTable([
            (name: "arm", column: .categorical(CategoricalColumn(["a", "b"]))),
            (name: "harm", column: .numeric(NumericColumn([1, -2]))),
        ])
        do {
            _ = try HarmAnalysis.analyse(negative, arm: "arm", control: "a")
            Issue.record("a negative harm was accepted")
        } catch {
            #expect("\(error)" == "column 'harm': data row 2 holds -2.0; harm is days and cannot be negative")
        }
        let emptyArm = DataTable([
            (name: "arm", column: .categorical(CategoricalColumn(["a", "a", "b"]))),
            (name: "harm", column: .numeric(NumericColumn([1, 2, .nan]))),
        ])
        #expect(throws: TrialAnalysisError.self) { try HarmAnalysis.analyse(emptyArm, arm: "arm", control: "a") }
        let infinite = DataTable([
            (name: "arm", column: .categorical(CategoricalColumn(["a", "a", "b", "b"]))),
            (name: "harm", column: .numeric(NumericColumn([1, 2, .infinity, 3]))),
        ])
        #expect(throws: TrialAnalysisError.self) { try HarmAnalysis.analyse(infinite, arm: "arm", control: "a") }
    }
}
