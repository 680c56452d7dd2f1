import DataTables
import SurvivalAnalysis
import Testing

/// Follow-up from dates, and each kind of bad or awkward input.
@Suite struct InputHandlingTests {
    private func table(_ csv: String) throws -> DataTable {
        try DataTable(csvText: csv)
    }

    private func fit(_ csv: String, _ model: SurvivalEffectModel) throws -> SurvivalEffects {
        try model.fit(try table(csv))
    }

    private let times = SurvivalOutcome.times(time: "time", event: "event")

    @Test func datesGiveTheTimesComputedInR() throws {
        let data = try fixtureTable("dates.csv")
        let model = SurvivalEffectModel(outcome: .dates(start: "start", event: "event_date", endOfFollowUp: .column("end"),
                                                        lostToFollowUp: "lost"), arm: "arm", control: "control")
        let fromDates = try model.fit(data)
        var byTimes = model
        byTimes.outcome = .times(time: "expected_time", event: "expected_event")
        let fromTimes = try byTimes.fit(data)
        #expect(fromDates.curves.map(\.steps) == fromTimes.curves.map(\.steps))
        #expect(fromDates.logRank == fromTimes.logRank)
        #expect(fromDates.cox?.coefficients == fromTimes.cox?.coefficients)
        #expect(fromDates.notes.contains { $0.contains("after the end of follow-up or loss to follow-up") })
    }

    @Test func aCommonEndOfFollowUpDateCensorsEveryone() throws {
        let csv = """
        start,event,arm
        2024-01-01,2024-03-01,control
        2024-01-01,,control
        2024-02-01,2024-12-30,mentoring
        2024-02-01,2024-02-11,mentoring
        """
        let end = try #require(CalendarDate("2024-06-30"))
        let model = SurvivalEffectModel(outcome: .dates(start: "start", event: "event", endOfFollowUp: .date(end), lostToFollowUp: nil),
                                        arm: "arm", control: "control")
        let effects = try fit(csv, model)
        #expect(effects.curves[0].steps.map(\.time) == [60, 181])
        #expect(effects.curves[1].steps.map(\.time) == [10, 150])
        #expect(effects.curves[1].steps.map(\.events) == [1, 0])
        #expect(effects.notes.contains { $0.hasPrefix("1 rows have an event after the end of follow-up") })
    }

    @Test func calendarDaysRoundTrip() throws {
        for text in ["1970-01-01", "2000-02-29", "2024-12-31", "1899-03-01"] {
            #expect(try #require(CalendarDate(text)).description == text)
        }
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("2024-13-01") == nil)
        #expect(CalendarDate("01/02/2024") == nil)
        #expect(CalendarDate("2024-03-01")!.dayNumber - CalendarDate("2024-02-01")!.dayNumber == 29)
    }

    @Test func anEventBeforeAllocationIsAnErrorNamingTheRowAndCount() throws {
        let csv = """
        start,event,end,arm
        2024-01-10,2024-01-05,2024-12-31,control
        2024-01-10,,2024-12-31,mentoring
        2024-01-10,2023-12-01,2024-12-31,mentoring
        """
        let model = SurvivalEffectModel(outcome: .dates(start: "start", event: "event", endOfFollowUp: .column("end"), lostToFollowUp: nil),
                                        arm: "arm", control: "control")
        #expect(throws: SurvivalAnalysisError.dateBeforeStart(column: "event", start: "start", row: 0, count: 2)) {
            try fit(csv, model)
        }
        let message = SurvivalAnalysisError.dateBeforeStart(column: "event", start: "start", row: 0, count: 2).description
        #expect(message.contains("data row 1") && message.contains("2 rows") && message.contains("wrong order"))
    }

    @Test func anEndOfFollowUpBeforeAllocationIsAnError() throws {
        let csv = """
        start,event,end,arm
        2024-01-10,,2023-12-31,control
        2024-01-10,,2024-12-31,mentoring
        """
        let model = SurvivalEffectModel(outcome: .dates(start: "start", event: "event", endOfFollowUp: .column("end"), lostToFollowUp: nil),
                                        arm: "arm", control: "control")
        #expect(throws: SurvivalAnalysisError.dateBeforeStart(column: "end", start: "start", row: 0, count: 1)) { try fit(csv, model) }
    }

    @Test func anUnreadableDateIsNamed() throws {
        let csv = """
        start,event,end,arm
        2024-01-10,,2024-12-31,control
        10/01/2024,,2024-12-31,mentoring
        """
        let model = SurvivalEffectModel(outcome: .dates(start: "start", event: "event", endOfFollowUp: .column("end"), lostToFollowUp: nil),
                                        arm: "arm", control: "control")
        #expect(throws: SurvivalAnalysisError.unreadableDate(column: "start", row: 1, text: "10/01/2024", count: 1)) { try fit(csv, model) }
    }

    @Test func missingValuesAreDroppedAndCounted() throws {
        let csv = """
        time,event,arm,x
        5,1,control,1
        NA,1,control,2
        7,NA,mentoring,3
        9,1,mentoring,NA
        3,0,,1
        4,1,control,0.5
        6,1,mentoring,2
        8,0,mentoring,1.5
        2,1,control,1
        10,1,control,3
        11,1,mentoring,0.2
        1,1,mentoring,2.5
        12,0,control,0.7
        """
        let effects = try fit(csv, SurvivalEffectModel(outcome: times, arm: "arm", control: "control", covariates: ["x"]))
        // coxph on the nine complete rows: armmentoring 0.01798 (0.80598), x 0.28176 (0.41468).
        let cox = try #require(effects.cox)
        #expect(abs(cox.coefficients[1] - 0.28176) < 5e-6)
        #expect(effects.observationCount == 9)
        #expect(effects.droppedCount == 4)
        #expect(effects.rendered(as: .text).contains("rows dropped for missing values: 4"))
    }

    @Test func tiedTimesAcrossArmsAreCountedOnce() throws {
        let csv = """
        time,event,arm
        3,1,control
        3,1,control
        3,0,mentoring
        3,1,mentoring
        5,1,control
        5,1,mentoring
        """
        let effects = try fit(csv, SurvivalEffectModel(outcome: times, arm: "arm", control: "control"))
        #expect(effects.curves[0].steps.map(\.events) == [2, 1])
        #expect(effects.curves[1].steps.map(\.censored) == [1, 0])
        #expect(effects.logRank.observed == [3, 2])
    }

    @Test func badFollowUpValuesAreErrors() throws {
        let negative = "time,event,arm\n-1,1,control\n2,1,mentoring\n-3,0,mentoring\n"
        #expect(throws: SurvivalAnalysisError.negativeTime(column: "time", row: 0, count: 2)) {
            try fit(negative, SurvivalEffectModel(outcome: times, arm: "arm", control: "control"))
        }
        let badEvent = "time,event,arm\n1,1,control\n2,2,mentoring\n"
        #expect(throws: SurvivalAnalysisError.eventIndicator(column: "event", row: 1, value: 2, count: 1)) {
            try fit(badEvent, SurvivalEffectModel(outcome: times, arm: "arm", control: "control"))
        }
        let infinite = "time,event,arm\n1,1,control\ninf,1,mentoring\n"
        #expect(throws: SurvivalAnalysisError.nonFinite(column: "time", row: 1, count: 1)) {
            try fit(infinite, SurvivalEffectModel(outcome: times, arm: "arm", control: "control"))
        }
    }

    @Test func unknownControlAndColumnsAreNamed() throws {
        let csv = "time,event,arm\n1,1,control\n2,1,mentoring\n"
        #expect(throws: SurvivalAnalysisError.unknownControl("placebo", arm: "arm", levels: ["control", "mentoring"])) {
            try fit(csv, SurvivalEffectModel(outcome: times, arm: "arm", control: "placebo"))
        }
        #expect(throws: SurvivalAnalysisError.self) {
            try fit(csv, SurvivalEffectModel(outcome: times, arm: "group", control: "control"))
        }
        let oneArm = "time,event,arm\n1,1,control\n2,1,control\n"
        #expect(throws: SurvivalAnalysisError.noInterventionArm(arm: "arm", control: "control")) {
            try fit(oneArm, SurvivalEffectModel(outcome: times, arm: "arm", control: "control"))
        }
        let emptied = "time,event,arm\n1,1,control\nNA,1,mentoring\n3,0,control\n"
        #expect(throws: SurvivalAnalysisError.emptyArm("mentoring", dropped: 1)) {
            try fit(emptied, SurvivalEffectModel(outcome: times, arm: "arm", control: "control"))
        }
    }

    @Test func numberedArmsMatchTheControlNumerically() throws {
        let csv = "time,event,arm\n1,1,1\n2,1,2\n3,0,1\n4,1,2\n5,1,1\n"
        let effects = try fit(csv, SurvivalEffectModel(outcome: times, arm: "arm", control: "1.0"))
        #expect(effects.arms == ["1", "2"])
    }

    @Test func aSingleClusterIsAnError() throws {
        let csv = "time,event,arm,family\n1,1,control,7\n2,1,mentoring,7\n3,0,control,7\n4,1,mentoring,7\n"
        #expect(throws: SurvivalAnalysisError.clusters("the robust variance needs two or more clusters, but the data have 1")) {
            try fit(csv, SurvivalEffectModel(outcome: times, arm: "arm", control: "control", cluster: "family"))
        }
    }

    @Test func anArmWithNoEventsIsReportedNotEstimable() throws {
        let reference = try ReferenceCase.load("five_arms_no_events")
        let effects = try reference.model.fit(reference.table())
        let none = try #require(effects.hazardRatios.last)
        #expect(none.arm == "e_none" && none.eventCount == 0)
        #expect(none.logHazardRatio.isNaN && none.notEstimableReason != nil)
        #expect(effects.hazardRatios.dropLast().allSatisfy { $0.notEstimableReason == nil })
        #expect(effects.rendered(as: .text).contains("Hazard ratio of e_none not estimable"))
        #expect(effects.rendered(as: .csv).split(separator: "\n").last!.contains("NA"))
    }

    @Test func aControlWithNoEventsLeavesNoHazardRatio() throws {
        let csv = "time,event,arm\n1,0,control\n2,0,control\n3,1,mentoring\n4,1,mentoring\n5,0,control\n"
        let effects = try fit(csv, SurvivalEffectModel(outcome: times, arm: "arm", control: "control"))
        #expect(effects.cox == nil && effects.proportionalHazards == nil)
        #expect(effects.hazardRatios.allSatisfy { $0.notEstimableReason?.contains("control") == true })
        #expect(effects.logRank.statistic > 0)
        #expect(effects.rendered(as: .json).contains("\"not_estimable\""))
    }

    @Test func perfectSeparationByACovariateIsAnError() throws {
        // Everyone with x = 1 has the event before anyone with x = 0 leaves the risk set.
        let csv = """
        time,event,arm,x
        1,1,control,1
        2,1,mentoring,1
        3,1,control,1
        4,1,mentoring,1
        5,1,control,0
        6,0,mentoring,0
        7,1,control,0
        8,1,mentoring,0
        """
        #expect(throws: SurvivalAnalysisError.monotoneLikelihood(columns: ["x"])) {
            try fit(csv, SurvivalEffectModel(outcome: times, arm: "arm", control: "control", covariates: ["x"]))
        }
    }

    @Test func aConstantCovariateIsSingular() throws {
        let csv = "time,event,arm,x\n1,1,control,2\n2,1,mentoring,2\n3,0,control,2\n4,1,mentoring,2\n5,1,control,2\n"
        #expect(throws: SurvivalAnalysisError.singularInformation(columns: ["x"])) {
            try fit(csv, SurvivalEffectModel(outcome: times, arm: "arm", control: "control", covariates: ["x"]))
        }
    }

    @Test func aBadConfidenceLevelOrRiskTimeIsASettingError() throws {
        let csv = "time,event,arm\n1,1,control\n2,1,mentoring\n"
        #expect(throws: SurvivalAnalysisError.self) {
            try fit(csv, SurvivalEffectModel(outcome: times, arm: "arm", control: "control", confidenceLevel: 1.5))
        }
        #expect(throws: SurvivalAnalysisError.self) {
            try fit(csv, SurvivalEffectModel(outcome: times, arm: "arm", control: "control", riskTimes: [-1]))
        }
    }
}
