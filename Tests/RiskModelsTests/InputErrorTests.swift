import LinearAlgebra
import Testing
@testable import RiskModels

/// Bad data and settings give a thrown error that names what is wrong.
struct InputErrorTests {
    static let factors: [[Double]] = [[0, 1, 0, 1, 1, 0, 1, 0, 0, 1], [2, 0, 1, 3, 0, 1, 2, 0, 1, 4]]
    static let names = ["ocg_link", "prior_offences"]
    static let outcome: [Double] = [0, 1, 0, 1, 0, 0, 1, 1, 0, 1]

    @Test func outcomeWithOneClass() {
        #expect(throws: RiskModelError.outcomeHasOneClass(value: 1)) {
            try RiskModelData(factorColumns: Self.factors, factorNames: Self.names, outcome: [Double](repeating: 1, count: 10))
        }
    }

    @Test func missingOrNonBinaryOutcome() {
        var missing = Self.outcome
        missing[3] = .nan
        #expect { try RiskModelData(factorColumns: Self.factors, factorNames: Self.names, outcome: missing) } throws: { error in
            guard case RiskModelError.outcomeNotBinary(row: 3, let value) = error else { return false }
            return value.isNaN
        }
        var two = Self.outcome
        two[5] = 2
        #expect(throws: RiskModelError.outcomeNotBinary(row: 5, value: 2)) {
            try RiskModelData(factorColumns: Self.factors, factorNames: Self.names, outcome: two)
        }
    }

    @Test func nonFiniteFactorIsNamed() {
        var columns = Self.factors
        columns[1][7] = .infinity
        #expect(throws: RiskModelError.factorNotFinite(factor: "prior_offences", row: 7, value: .infinity)) {
            try RiskModelData(factorColumns: columns, factorNames: Self.names, outcome: Self.outcome)
        }
        let error = RiskModelError.factorNotFinite(factor: "prior_offences", row: 7, value: .infinity)
        #expect(error.description.contains("'prior_offences'") && error.description.contains("row 8"))
    }

    @Test func constantFactorIsNamed() {
        var columns = Self.factors
        columns[0] = [Double](repeating: 1, count: 10)
        #expect(throws: RiskModelError.factorConstant(factor: "ocg_link", value: 1)) {
            try RiskModelData(factorColumns: columns, factorNames: Self.names, outcome: Self.outcome)
        }
    }

    @Test func sizesAndNames() {
        #expect(throws: RiskModelError.self) {
            try RiskModelData(factorColumns: Self.factors, factorNames: ["ocg_link"], outcome: Self.outcome)
        }
        #expect(throws: RiskModelError.duplicateFactorName("ocg_link")) {
            try RiskModelData(factorColumns: Self.factors, factorNames: ["ocg_link", "ocg_link"], outcome: Self.outcome)
        }
        #expect(throws: RiskModelError.noPeople) {
            try RiskModelData(factors: Matrix(rows: 0, columns: 1), factorNames: ["ocg_link"], outcome: [])
        }
    }

    @Test func separationByOneFactorIsNamed() throws {
        // Everyone with an OCG link reoffended: its coefficient is infinite.
        let link: [Double] = [0, 1, 0, 1, 0, 0, 1, 0, 0, 1]
        let data = try RiskModelData(factorColumns: [link, Self.factors[1]], factorNames: Self.names, outcome: Self.outcome)
        #expect(throws: RiskModelError.perfectSeparation(factor: "ocg_link", alone: true)) {
            try LogisticRegression(data: data)
        }
        // A penalised fit is still possible.
        let path = try PenalisedLogisticPath(data: data, penalty: .ridge)
        #expect(path.coefficients.last![0] > 0)
    }

    @Test func separationByACombinationOfFactors() throws {
        // The event happens exactly when a + b > 1; neither factor separates it alone.
        var generator = FoldShuffleGenerator(seed: 5)
        let a = (0 ..< 60).map { _ in Double(generator.next() % 1000) / 1000 }
        let b = (0 ..< 60).map { _ in Double(generator.next() % 1000) / 1000 }
        let outcome = zip(a, b).map { $0 + $1 > 1 ? 1.0 : 0.0 }
        let data = try RiskModelData(factorColumns: [a, b], factorNames: ["a", "b"], outcome: outcome)
        #expect(LogisticRegression.separatingFactor(data) == nil)
        #expect { try LogisticRegression(data: data) } throws: { error in
            guard case RiskModelError.perfectSeparation(let factor, alone: false) = error else { return false }
            return factor == "a" || factor == "b"
        }
    }

    @Test func collinearFactorIsNamed() throws {
        // "no_prior_offences" is 1 − "any_prior_offences": with the intercept they are collinear.
        let any: [Double] = [0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0]
        let none = any.map { 1 - $0 }
        let data = try RiskModelData(factorColumns: [Self.factors[1] + [1, 2], any, none],
                                     factorNames: ["prior_offences", "any_prior_offences", "no_prior_offences"],
                                     outcome: Self.outcome + [1, 0])
        #expect(throws: RiskModelError.collinearFactor(factor: "no_prior_offences")) {
            try LogisticRegression(data: data)
        }
    }

    @Test func fewerPeopleThanFolds() throws {
        let data = try RiskModelData(factorColumns: Self.factors, factorNames: Self.names, outcome: Self.outcome)
        #expect(throws: RiskModelError.tooFewPeopleForFolds(people: 10, folds: 11)) {
            try FittedRiskModel(data: data, settings: RiskModelSettings(folds: 11))
        }
        #expect(throws: RiskModelError.self) {
            try FittedRiskModel(data: data, settings: RiskModelSettings(folds: 2))
        }
    }

    @Test func unusableFoldAssignments() throws {
        let data = try RiskModelData(factorColumns: Self.factors, factorNames: Self.names, outcome: Self.outcome)
        #expect(throws: RiskModelError.invalidFoldAssignment(reason: "fold 2 of 1...3 has no people")) {
            try FoldAssignment(folds: [1, 3, 1, 3, 1, 3, 1, 3, 1, 3])
        }
        #expect(throws: RiskModelError.self) {
            try FittedRiskModel(data: data, settings: RiskModelSettings(foldAssignment: [1, 2, 1, 2]))
        }
        // Holding out fold 1 leaves only people with outcome 1.
        let folds = Self.outcome.enumerated().map { $1 == 0 ? 1 : 2 + $0 % 2 }
        #expect(throws: RiskModelError.foldHasOneClass(fold: 1, value: 1)) {
            try FittedRiskModel(data: data, settings: RiskModelSettings(foldAssignment: folds))
        }
    }

    @Test func settingsOutOfRange() throws {
        let data = try RiskModelData(factorColumns: Self.factors, factorNames: Self.names, outcome: Self.outcome)
        #expect(throws: RiskModelError.invalidSetting(setting: "alpha", value: "1.5", reason: "it must lie between 0 (ridge) and 1 (lasso)")) {
            try PenalisedLogisticPath(data: data, penalty: .elasticNet(alpha: 1.5))
        }
        #expect(throws: RiskModelError.self) {
            try PenalisedLogisticPath(data: data, penalty: .lasso, settings: PathSettings(lambdas: [0.1, 0.2]))
        }
        #expect(throws: RiskModelError.self) {
            try PenalisedLogisticPath(data: data, penalty: .lasso, settings: PathSettings(lambdaMinRatio: 0))
        }
    }

    @Test func predictionsOutsideTheUnitInterval() {
        #expect(throws: RiskModelError.predictionOutOfRange(row: 1, value: 1)) {
            try PredictiveValidation(outcome: [0, 1, 1], predictions: [0.2, 1, 0.5])
        }
        #expect(throws: RiskModelError.outcomeHasOneClass(value: 1)) {
            try PredictiveValidation(outcome: [1, 1, 1], predictions: [0.2, 0.3, 0.5])
        }
    }

    @Test func constantFactorWithinAFoldIsTolerated() throws {
        // "rare" is 1 for one person only; the fold holding that person out trains without it.
        let rare: [Double] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
        let data = try RiskModelData(factorColumns: [rare, Self.factors[1]], factorNames: ["rare", "prior_offences"],
                                     outcome: Self.outcome)
        let model = try FittedRiskModel(data: data, settings: RiskModelSettings(kind: .ridge, folds: 5, seed: 1))
        #expect(model.outOfFoldProbabilities.allSatisfy { $0 > 0 && $0 < 1 })
    }
}
