import DataTables
import Foundation
import OffenceOutcomes
import RiskScoring
import Spatial
import Testing
@testable import StudySimulation

/// The bundled-seed study has the documented shape, and its data are plausible.
@Suite struct StudyShapeTests {
    @Test func countsMatchTheSettings() throws {
        let (folder, summary) = try SimulatedStudies.bundledStudy()
        let counts = summary.counts
        #expect(try SimulatedStudies.table(folder, "population.csv").rowCount == 4_000)
        #expect(try SimulatedStudies.table(folder, "crimes.csv").rowCount == CrimeModel.standard.types.reduce(0) { $0 + $1.yearlyCount })
        let cohort = try SimulatedStudies.table(folder, "cohort.csv")
        #expect(cohort.rowCount == 800)
        #expect(try SimulatedStudies.table(folder, "allocation.csv").rowCount == counts.allocated)
        #expect(counts.allocated + counts.ineligible == 800)
        // About 5% refuse consent and about 2% are aged outside 10-25; about 7% of those allocated are lost.
        #expect((20 ... 80).contains(counts.refusedConsent))
        #expect(counts.ineligible > counts.refusedConsent)
        #expect((25 ... 90).contains(counts.lostToFollowUp))
        #expect(cohort.columnNames == StudyTables.cohortColumns(model: .standard))
    }

    @Test func riskFactorsCoOccur() throws {
        let (folder, _) = try SimulatedStudies.bundledStudy()
        let population = try SimulatedStudies.table(folder, "population.csv")
        let columns = PopulationModel.standard.factors.map(\.column)
        let values = try columns.map { name in try population.categorical(name) }
        for a in 0 ..< columns.count {
            for b in a + 1 ..< columns.count {
                var pairs: [(Double, Double)] = []
                for row in 0 ..< population.rowCount {
                    guard let x = values[a][row], let y = values[b][row] else { continue }
                    pairs.append((x == "yes" ? 1 : 0, y == "yes" ? 1 : 0))
                }
                let n = Double(pairs.count)
                let mx = pairs.reduce(0) { $0 + $1.0 } / n, my = pairs.reduce(0) { $0 + $1.1 } / n
                let cov = pairs.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / n
                let phi = cov / (mx * (1 - mx) * my * (1 - my)).squareRoot()
                // Positive beyond three standard errors of phi under independence (1 / √n).
                #expect(phi > 3 / n.squareRoot(), "\(columns[a]) and \(columns[b]): phi \(phi)")
            }
        }
    }

    @Test func someValuesAreNotRecorded() throws {
        let (folder, _) = try SimulatedStudies.bundledStudy()
        let population = try SimulatedStudies.table(folder, "population.csv")
        let eastings = try population.numeric("home_easting").values
        let northings = try population.numeric("home_northing").values
        let missingHomes = eastings.filter(\.isNaN).count
        #expect(zip(eastings, northings).allSatisfy { $0.isNaN == $1.isNaN })
        #expect((40 ... 160).contains(missingHomes), "about 2% of 4,000 homes are not recorded: \(missingHomes)")
        let violence = try population.categorical("violence_at_home")
        let notRecorded = (0 ..< population.rowCount).filter { violence[$0] == nil }.count
        #expect((60 ... 200).contains(notRecorded), "about 3% of violence_at_home is not recorded: \(notRecorded)")
        // People without a home are scored without the spatial factors, never as if they were absent.
        let inputs = try StudyRiskInputs(studyFile: folder + "/study.yaml")
        let scores = try inputs.scorer.score(try inputs.readCohort(folder + "/population.csv"), file: "population.csv")
        #expect(scores.peopleWithoutHome.count == missingHomes)
    }

    @Test func hotspotsLieAroundTheCrimeCentres() throws {
        let (folder, _) = try SimulatedStudies.bundledStudy()
        let inputs = try StudyRiskInputs(studyFile: folder + "/study.yaml")
        let map = try #require(inputs.hotspots)
        #expect(map.types.sorted() == ["acquisitive", "drug_supply", "firearms", "violence"])
        for centre in ForceArea.standard.crimeCentres {
            let layer = try #require(map.layers.first { $0.crimeType == centre.crimeType })
            let cell = try #require(map.grid.cellIndex(x: centre.centre.x, y: centre.centre.y))
            #expect(layer.hot[cell], "the \(centre.crimeType) centre at \(centre.centre) is not a Gi* hot cell")
        }
        // Countryside far from every town and centre is not hot for any type.
        if let quiet = map.grid.cellIndex(x: 392_000, y: 285_000) {
            #expect(map.layers.allSatisfy { !$0.hot[quiet] })
        }
        #expect(!map.intersections.isEmpty, "drug-supply and firearms hotspots overlap")
    }

    @Test func enrolmentRunsInArrivalOrderOnWorkingDays() throws {
        let (folder, _) = try SimulatedStudies.bundledStudy()
        let cohort = try SimulatedStudies.table(folder, "cohort.csv", types: ["enrolment_date": .categorical, "allocation_date": .categorical, "lost_to_follow_up": .categorical])
        let enrolled = try cohort.categorical("enrolment_date")
        let allocated = try cohort.categorical("allocation_date")
        let lost = try cohort.categorical("lost_to_follow_up")
        let ages = try cohort.numeric("age").values
        let consent = try cohort.categorical("consent")
        let first = EnrolmentModel.standard.firstDay
        var previous = first
        var lostCount = 0
        for row in 0 ..< cohort.rowCount {
            let day = try #require(CalendarDate(enrolled[row]!))
            #expect(day >= previous)
            #expect(day.dayNumber < first.dayNumber + EnrolmentModel.standard.days)
            #expect((day.dayNumber + 3) % 7 < 5, "\(day) is a weekend day")
            #expect(allocated[row] == enrolled[row])
            previous = day
            let eligible = (10 ... 25).contains(ages[row]) && consent[row] == "yes"
            if let text = lost[row] {
                lostCount += 1
                #expect(eligible, "only allocated people are lost to follow-up")
                let lostDay = try #require(CalendarDate(text))
                #expect(lostDay > day && lostDay.dayNumber < day.dayNumber + 365)
            }
        }
        #expect(lostCount == (try SimulatedStudies.bundledStudy()).summary.counts.lostToFollowUp)
    }

    @Test func cohortIsTheHighestScoringPeopleByTheStudysScoring() throws {
        let (folder, _) = try SimulatedStudies.bundledStudy()
        let inputs = try StudyRiskInputs(studyFile: folder + "/study.yaml")
        let scores = try inputs.scorer.score(try inputs.readCohort(folder + "/population.csv"), file: "population.csv")
        let cohort = try SimulatedStudies.table(folder, "cohort.csv")
        let ids = try cohort.categorical("id")
        let cohortScores = try cohort.numeric("risk_score").values
        let bands = try cohort.categorical("risk_band")
        var scoreOf: [String: (Double, String)] = [:]
        for person in 0 ..< scores.count { scoreOf[scores.id(of: person)] = (scores.scores[person], scores.band(of: person)) }
        var inCohort = Set<String>()
        for row in 0 ..< cohort.rowCount {
            let id = ids[row]!
            inCohort.insert(id)
            #expect(scoreOf[id]?.0 == cohortScores[row])
            #expect(scoreOf[id]?.1 == bands[row])
        }
        let lowestIn = cohortScores.min()!
        let highestOut = scoreOf.filter { !inCohort.contains($0.key) }.map(\.value.0).max()!
        #expect(lowestIn >= highestOut)
    }

    @Test func outcomesReadTheFolderAsItIs() throws {
        let (folder, summary) = try SimulatedStudies.bundledStudy()
        let outcomes = try OffenceOutcomes(offencesFile: folder + "/offences.csv", cohortFile: folder + "/cohort.csv",
                                           harmWeights: try HarmWeights(csvFile: folder + "/harm-weights.csv"),
                                           settings: FollowUpSettings(followUpDays: 365))
        let s = outcomes.summary
        #expect(s.records == summary.counts.offenceRecords)
        #expect(s.counted > 100 && s.proactive > 10 && s.beforeAllocation > 100 && s.afterFollowUp > 10)
        #expect(s.unknownCodeCounted == 0 && s.notInCohort == 0)
        #expect(s.lostToFollowUp == summary.counts.lostToFollowUp)
    }

    @Test func harmWeightsAreTheExampleTable() throws {
        let (folder, _) = try SimulatedStudies.bundledStudy()
        let example = try Data(contentsOf: SimulatedStudies.repositoryRoot.appendingPathComponent("Studies/harm-weights-example.csv"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/harm-weights.csv")) == example)
        let table = try HarmWeights(csvFile: folder + "/harm-weights.csv")
        #expect(table.days == HarmWeightsExample.days)
        #expect(Set(OffenceModel.standard.codes.map(\.code)) == Set(HarmWeightsExample.days.keys))
    }

    @Test func areasAreTownPolygonsInBritishNationalGrid() throws {
        let (folder, _) = try SimulatedStudies.bundledStudy()
        let areas = try GeoJSONFeatureCollection(data: Data(contentsOf: URL(fileURLWithPath: folder + "/areas.geojson")), options: .projectedUnchecked)
        #expect(areas.crsName?.contains("27700") == true)
        #expect(areas.features.count == 1 + ForceArea.standard.towns.count)
        for (feature, town) in zip(areas.features.dropFirst(), ForceArea.standard.towns) {
            guard case let .polygon(polygon)? = feature.geometry else { Issue.record("a town is not a polygon"); continue }
            #expect(polygon.covers(town.centre))
            #expect(feature.properties["area"] == .string(town.area))
        }
    }

    @Test func truthFileHasEveryArmAndOutcome() throws {
        let (folder, summary) = try SimulatedStudies.bundledStudy()
        let text = try String(contentsOfFile: folder + "/truth.json", encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["seed"] as? Int == Int(SimulationSettings.defaultSeed))
        #expect(json["generator_version"] as? String == StudySimulator.version)
        let effects = try #require(json["effects"] as? [[String: Any]])
        #expect(effects.compactMap { $0["arm"] as? String } == ["police", "partner", "social_media"])
        // Every value is written in full (the shortest text that reads back to the same number).
        for truth in summary.truth.arms {
            #expect(text.contains("{\"arm\": \"\(truth.arm)\", \"against\": \"control\", \"risk\": \(truth.risk), \"risk_difference\": \(truth.riskDifference), \"rate_ratio\": \(truth.rateRatio), \"harm_mean_difference\": \(truth.harmMeanDifference), \"hazard_ratio\": \(truth.hazardRatio)}"))
        }
        let police = try #require(summary.truth.effects(of: "police"))
        #expect(police.riskDifference < 0 && police.hazardRatio < 1 && police.harmMeanDifference < 0)
        #expect((0.25 ... 0.7).contains(summary.truth.controlRisk), "control reoffending \(summary.truth.controlRisk)")
    }
}
