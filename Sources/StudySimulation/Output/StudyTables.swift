import DataTables
import Randomisation

/// The CSV files of a simulated study, as text.
enum StudyTables {
    /// `crimes.csv`: easting, northing, crime_type, crime_date.
    static func crimes(_ crimes: [SimulatedCrime]) -> String {
        var csv = CSVText(header: ["easting", "northing", "crime_type", "crime_date"])
        for crime in crimes {
            csv.append([CellFormat.metres(crime.location.x), CellFormat.metres(crime.location.y), crime.crimeType, crime.date.description])
        }
        return csv.text
    }

    /// The population's columns, from the identifier to the factor columns.
    static func populationHeader(model: PopulationModel) -> [String] {
        ["id", "age", "sex", "area", "town", "referral_date", "home_easting", "home_northing", "prior_offences"] + model.factors.map(\.column)
    }

    /// `population.csv`: one row per nominal.
    static func population(_ people: [SimulatedPerson], area: ForceArea, model: PopulationModel) -> String {
        var csv = CSVText(header: populationHeader(model: model))
        for person in people {
            csv.append([
                person.id, String(person.age), person.sex, area.towns[person.town].area, area.towns[person.town].name,
                person.referralDate.description,
                person.home.map { CellFormat.metres($0.x) } ?? "", person.home.map { CellFormat.metres($0.y) } ?? "",
                String(person.priorOffenceCount(withinDays: 730)),
            ] + person.factors.map(CellFormat.flag))
        }
        return csv.text
    }

    /// Offence records, one row per offence, ordered by date, then identifier, then code:
    /// id, offence_date, offence_code, proactive.
    static func offences(_ records: [(id: String, offences: [SimulatedOffence])]) -> String {
        var rows: [(id: String, offence: SimulatedOffence)] = []
        for (id, offences) in records { for offence in offences { rows.append((id, offence)) } }
        rows.sort { a, b in
            if a.offence.date != b.offence.date { return a.offence.date < b.offence.date }
            if a.id != b.id { return a.id < b.id }
            if a.offence.code != b.offence.code { return a.offence.code < b.offence.code }
            return !a.offence.proactive && b.offence.proactive
        }
        var csv = CSVText(header: ["id", "offence_date", "offence_code", "proactive"])
        for row in rows { csv.append([row.id, row.offence.date.description, row.offence.code, row.offence.proactive ? "yes" : "no"]) }
        return csv.text
    }

    /// The cohort's columns.
    static func cohortColumns(model: PopulationModel) -> [String] {
        ["id", "enrolment_date", "allocation_date", "age", "sex", "area", "risk_band", "risk_score", "prior_offences"]
            + model.factors.map(\.column) + ["referral_date", "consent", "lost_to_follow_up"]
    }

    /// `cohort.csv`: one row per identified person in arrival order. The allocation date is the
    /// enrolment date (allocation is given at once); the date lost to follow-up is written for
    /// allocated people who moved away within the window.
    static func cohort(_ members: [CohortMember], eligible: [Bool], people: [SimulatedPerson], area: ForceArea, model: PopulationModel) -> String {
        var csv = CSVText(header: cohortColumns(model: model))
        for (member, isEligible) in zip(members, eligible) {
            let person = people[member.person]
            let lost = isEligible ? member.lostAfterDays.map { member.enrolmentDate.adding(days: $0).description } ?? "" : ""
            csv.append([
                person.id, member.enrolmentDate.description, member.enrolmentDate.description, String(person.age), person.sex,
                area.towns[person.town].area, member.band, CellFormat.number(member.score),
                String(person.priorOffenceCount(withinDays: 730)),
            ] + person.factors.map(CellFormat.flag) + [person.referralDate.description, member.consent ? "yes" : "no", lost])
        }
        return csv.text
    }

    /// The enrolment unit the protocol's eligibility rules see for a cohort member: its baseline
    /// fields as `prevent allocate` reads them from the cohort file (numbers as decimals, blank
    /// cells absent).
    static func enrolmentUnit(_ member: CohortMember, person: SimulatedPerson, area: ForceArea, model: PopulationModel) -> EnrolmentUnit {
        var fields: [String: String] = [
            "age": "\(Double(person.age))", "sex": person.sex, "risk_band": member.band,
            "area": area.towns[person.town].area,
            "prior_offences": "\(Double(person.priorOffenceCount(withinDays: 730)))", "consent": member.consent ? "yes" : "no",
        ]
        for (factor, value) in zip(model.factors, person.factors) {
            if let value { fields[factor.column] = value ? "yes" : "no" }
        }
        return EnrolmentUnit(id: person.id, fields: fields)
    }
}
