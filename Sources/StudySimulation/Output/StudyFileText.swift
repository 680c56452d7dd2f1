/// The simulated study's protocol file, `study.yaml`.
enum StudyFileText {
    /// The protocol: four arms in equal ratio, stratified permuted blocks of 4 or 8 by risk band
    /// and area, the baseline fields and eligibility rules of the cohort file, the pathway risk
    /// factors scored on the population, and the outcomes section `prevent report` reads.
    static func text(study: String, seed: UInt64, areaLabels: [String], followUpDays: Int) -> String {
        """
        # A simulated Jigsaw-style trial made by `prevent simulate --seed \(seed)`: a made-up force area,
        # a year of recorded crime, a population of nominals scored on pathway risk factors, the
        # highest-risk cohort enrolled over nine months and allocated to four arms, and a year of
        # offence records with known true arm effects (truth.json). All data in this folder is synthetic.
        study: \(study)
        arms:                      # the first arm is the control unless `control:` names another
          - {name: control, ratio: 1}        # no intervention
          - {name: police, ratio: 1}         # tailored Prevent plan plus preventative enforcement
          - {name: partner, ratio: 1}        # SOC courses run by a victim-support charity
          - {name: social_media, ratio: 1}   # positive role models and the consequences of SOC
        control: control
        randomisation:
          scheme: stratified-blocks
          strata: [risk_band, area]
          block_sizes: [4, 8]      # each a multiple of the ratio total (4); drawn at random per block
          seed: \(seed)
        baseline:
          - {name: age, type: numeric, required: true}
          - {name: sex, type: categorical, levels: [female, male], required: true}
          - {name: risk_band, type: categorical, levels: [low, medium, high], required: true}
          - {name: area, type: categorical, levels: [\(areaLabels.joined(separator: ", "))], required: true}
          - {name: prior_offences, type: numeric, required: true}
          - {name: ocg_link, type: categorical, levels: ["yes", "no"], required: true}
          - {name: violence_at_home, type: categorical, levels: ["yes", "no"]}
          - {name: consent, type: categorical, levels: ["yes", "no"], required: true}
        eligibility:
          - {field: age, min: 10, max: 25}
          - {field: consent, equals: "yes"}
        risk_factors:
          id: id
          home: {easting: home_easting, northing: home_northing}     # British National Grid metres
          hotspots: {crimes: crimes.csv, x: easting, y: northing, type: crime_type, cell: 250, fdr: 0.05}
          offences: {file: prior-offences.csv, id: id, date: offence_date, reference: referral_date}
          yardstick: phia
          factors:
            - {id: ocg_link, domain: networks, column: ocg_link, weight: 3,
               label: "Link to a known OCG member by family or friendship"}
            - {id: ocg_neighbourhood, domain: identity, spatial: {inside: hotspot}, weight: 2,
               label: "Home inside a crime hotspot: a neighbourhood with known OCG activity"}
            - {id: drugs_and_firearms_area, domain: identity, spatial: {inside: intersection, types: [drug_supply, firearms]}, weight: 1,
               label: "Home where drug-supply and firearms hotspots intersect"}
            - {id: drug_supply_hot_cell, domain: identity, spatial: {gi_z_above: 1.96, type: drug_supply}, weight: 1}
            - {id: low_attainment_or_exclusion, domain: identity, column: low_attainment_or_exclusion, weight: 1}
            - {id: violence_at_home, domain: identity, column: violence_at_home, weight: 2}
            - {id: impulsive_or_violent, domain: identity, column: impulsive_or_violent, weight: 2}
            - {id: repeat_offending, domain: criminality, offences: {within_days: 730, at_least: 2}, weight: 3,
               label: "Two or more recorded offences in the two years before referral"}
            - {id: specialist_access, domain: ability, column: specialist_access, weight: 1}
          bands:
            - {name: low, from: 0}
            - {name: medium, from: 4}
            - {name: high, from: 8}
        outcomes:
          offences: offences.csv        # id, offence_date, offence_code, proactive
          harm_weights: harm-weights.csv
          follow_up_days: \(followUpDays)
          allocation_date: allocation_date   # cohort column
          lost_to_follow_up: lost_to_follow_up   # cohort column (empty when followed up)

        """
    }
}
