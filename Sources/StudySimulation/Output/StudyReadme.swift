import Foundation

/// The `README.md` a simulated study folder carries: every file and column, the numbers of this
/// folder, and how it was made.
enum StudyReadme {
    static func text(settings: SimulationSettings, counts: SimulationSummary.Counts, area: ForceArea, offences: OffenceModel,
                     enrolment: EnrolmentModel, truth: TrueEffects) -> String {
        func fixed(_ value: Double, _ places: Int) -> String { String(format: "%.\(places)f", value) }
        let towns = area.towns.map { "\($0.name) (`\($0.area)`)" }.joined(separator: ", ")
        let ratios = truth.arms.map { "`\($0.arm)` \(CellFormat.number($0.generatingRateRatio))" }.joined(separator: ", ")
        var effects = "| arm | risk difference | rate ratio | harm mean difference (days) | hazard ratio |\n| --- | --- | --- | --- | --- |\n"
        for arm in truth.arms {
            effects += "| `\(arm.arm)` | \(fixed(arm.riskDifference, 4)) | \(fixed(arm.rateRatio, 4)) | \(fixed(arm.harmMeanDifference, 2)) | \(fixed(arm.hazardRatio, 4)) |\n"
        }
        return """
            # jigsaw-trial

            A simulated Jigsaw-style trial, made by

            ```sh
            prevent simulate --out Studies/jigsaw-trial --seed \(settings.seed) --people \(settings.people) --cohort \(settings.cohort) --force
            ```

            (generator version \(StudySimulator.version)). Every person, place and record in this folder is made up: no real \
            person's data. The made-up force area \(area.name) has four towns in British National Grid \
            coordinates: \(towns).

            In numbers: \(counts.people) nominals; \(counts.crimes) recorded crimes; \(counts.cohort) people \
            identified, of whom \(counts.refusedConsent) refused consent and \(counts.ineligible) in all are not \
            eligible; \(counts.allocated) allocated, of whom \(counts.lostToFollowUp) were lost to follow-up; \
            \(counts.offenceRecords) offence records of the cohort.

            ## Files

            - `study.yaml`: the protocol. Arms `control`, `police`, `partner` and `social_media` in equal \
            ratio; stratified permuted blocks of 4 or 8 by `risk_band` and `area`, seed \(settings.seed); \
            the baseline fields of `cohort.csv`; eligibility: aged 10 to 25 and consent given; the \
            `risk_factors:` catalogue the population is scored on (nine factors in the four domains, bands \
            `low` from 0, `medium` from 4, `high` from 8, hotspots from `crimes.csv` on 250 m cells with a \
            5% false discovery rate, prior offences from `prior-offences.csv` before each `referral_date`); \
            and the `outcomes:` section (offences, harm weights, \(enrolment.followUpDays) days of follow-up, \
            the cohort's allocation and loss columns).
            - `areas.geojson`: the force area's extent and each town's outline as polygons in British \
            National Grid metres (EPSG:27700, named in a legacy `crs` member); properties `kind` \
            (`force_area` or `town`), `name`, and for towns `area` (the study's area label), \
            `residents`, `centre_easting` and `centre_northing`.
            - `crimes.csv`: a year of recorded crime (2023): `easting`, `northing` (British National Grid \
            metres), `crime_type` (`drug_supply`, `firearms`, `acquisitive`, `violence`) and `crime_date`. \
            Part of each type clusters around made-up centres, so drug-supply and firearms hotspots \
            overlap in two towns.
            - `population.csv`: the nominals scored: `id` (pseudonymous, `JT0001`...), `age` at \
            referral (weighted to the 13-15 key risk group; a few outside 10-25), `sex`, `area` and \
            `town` of residence, `referral_date` (2023), `home_easting` and `home_northing` (blank for \
            about 2%), `prior_offences` (recorded offences in the two years before referral) and the \
            yes/no pathway factors `ocg_link`, `low_attainment_or_exclusion`, `violence_at_home` (not \
            recorded for about 3%), `impulsive_or_violent` and `specialist_access`. The factors share \
            a latent propensity, so they co-occur, and people of higher propensity live in crime \
            hotspots more often.
            - `prior-offences.csv`: every nominal's recorded offences in the three years before \
            referral: `id`, `offence_date`, `offence_code` (codes of `harm-weights.csv`), `proactive` \
            (`yes` when found by proactive policing). The risk factor `repeat_offending` counts them.
            - `harm-weights.csv`: the illustrative harm table (`offence_code`, `description`, \
            `harm_days`), the same as `Studies/harm-weights-example.csv`: not an official index.
            - `cohort.csv`: the \(counts.cohort) highest-scoring people of the population by the study's \
            own scoring (`prevent score --study study.yaml --cohort population.csv`; ties in the score go \
            to the earlier `referral_date`, then the smaller `id`), one row each in arrival order: `id`, \
            `enrolment_date` (working days over nine months from \(enrolment.firstDay)), \
            `allocation_date` (the same day: allocation is given at once; for people found not eligible, \
            the day of that check), `age`, `sex`, `area`, `risk_band` and `risk_score` (from the scoring), \
            `prior_offences`, the five factor columns, `referral_date`, `consent` (`yes`/`no`) and \
            `lost_to_follow_up` (the date an allocated person moved away within the window; empty when \
            followed up).
            - `allocation.csv`: exactly what `prevent allocate --study study.yaml --cohort cohort.csv \
            --exclude-ineligible --out allocation.csv` writes: `id`, `arm`, `stratum`, `block`, `slot` \
            and one `p_<arm>` column per arm.
            - `offences.csv`: the cohort's offence records, before referral and from enrolment to 90 days \
            after the end of follow-up: `id`, `offence_date`, `offence_code`, `proactive`. \
            `prevent outcomes` counts those within each person's follow-up that were not found \
            proactively.
            - `truth.json`: the seed, the generator's version, the generating rate ratios and the true \
            effect of each arm against control on each outcome, as the analyses estimate them (see \
            below).

            ## The generating model and the truth

            Each nominal has a latent propensity z (standard normal) and a lifelong gamma frailty u \
            (mean 1, shape \(CellFormat.number(offences.frailtyShape))). They offend as a Poisson process with a yearly rate of \
            \(CellFormat.number(offences.baseYearlyRate)) e^(\(CellFormat.number(offences.propensityEffect)) z) u before referral, and \
            \(CellFormat.number(offences.followUpRateFactor)) times that during follow-up, times the rate ratio of their arm: \
            \(ratios) against `control`. Each offence's code is drawn from fixed shares; drug and knife \
            offences are sometimes found by proactive policing, and those do not count.

            The true effects are those on the analysed people (everyone allocated), the values each \
            estimator tends to when the same people are allocated again and their offending drawn afresh: \
            the risk difference is the average over them of the difference in their true probabilities of \
            any counted offence within their follow-up; the rate ratio is the ratio of expected counted \
            offences (the generating ratio); the harm mean difference is the difference in expected harm \
            per person; the hazard ratio is the limit of a Cox model on arm indicators. The first three are \
            exact; the hazard ratio is found by quadrature of the expected Cox score. Control: risk \
            \(fixed(truth.controlRisk, 4)), \(fixed(truth.controlMeanCount, 4)) counted offences and \
            \(fixed(truth.controlMeanHarm, 2)) days of harm per person.

            \(effects)
            To check an analysis against the truth, compute the outcomes with `prevent outcomes` (below), \
            join them to `allocation.csv` by `id` (the people who were not eligible have outcomes too, but \
            are not analysed) and run `prevent analyse` on the joined file: `any_offence` with \
            `--family binomial` (risk difference, HC2), `offence_count` with `--family poisson \
            --exposure days_at_risk` (rate ratio), `harm` (mean difference, HC2) and \
            `time_to_first_offence` with `--event first_offence --family survival` (Cox hazard ratio). \
            Each 95% interval should cover its true value in about 19 studies out of 20.

            ## Commands on this folder

            ```sh
            prevent describe cohort.csv
            prevent score --study study.yaml --cohort population.csv --out scores.csv
            prevent hotspots --points crimes.csv --x easting --y northing --type crime_type --cell 250 --geojson hotspots.geojson
            prevent allocate --study study.yaml --cohort cohort.csv --exclude-ineligible --out allocation.csv
            prevent outcomes --offences offences.csv --cohort cohort.csv --harm-weights harm-weights.csv --follow-up \(enrolment.followUpDays) --out outcomes.csv
            ```

            """
    }
}
