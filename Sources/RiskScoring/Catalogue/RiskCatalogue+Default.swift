extension RiskCatalogue {
    /// The factors of the police serious and organised crime profile, one point each: the five
    /// predictive factors and repeat offending.
    ///
    /// | id | domain | read from |
    /// | --- | --- | --- |
    /// | `ocg_link` | networks | yes/no column `ocg_link`: a link to a known OCG member by family or friendship |
    /// | `ocg_neighbourhood` | identity | home inside a hotspot polygon of any type: living in a neighbourhood with known OCG activity |
    /// | `low_attainment_or_exclusion` | identity | yes/no column `low_attainment_or_exclusion`: low attainment or attendance, exclusions, not in mainstream education |
    /// | `violence_at_home` | identity | yes/no column `violence_at_home` |
    /// | `impulsive_or_violent` | identity | yes/no column `impulsive_or_violent`: impulsiveness, risk-taking or violent behaviour |
    /// | `repeat_offending` | criminality | numeric column `prior_offences` at least 2 |
    ///
    /// The profile names no predictive factor for ability, so the default catalogue has none;
    /// a study adds its own.
    public static let profileFactors: [RiskFactor] = [
        RiskFactor(id: "ocg_link", domain: .networks, rule: .flag(column: "ocg_link"),
                   label: "Link to a known organised crime group member by family or friendship"),
        RiskFactor(id: "ocg_neighbourhood", domain: .identity, rule: .spatial(.insideHotspot(types: [])),
                   label: "Living in a neighbourhood with known OCG activity (home inside a hotspot)"),
        RiskFactor(id: "low_attainment_or_exclusion", domain: .identity, rule: .flag(column: "low_attainment_or_exclusion"),
                   label: "Low educational attainment or attendance, exclusions, not in mainstream education"),
        RiskFactor(id: "violence_at_home", domain: .identity, rule: .flag(column: "violence_at_home"),
                   label: "Exposure to violence at home"),
        RiskFactor(id: "impulsive_or_violent", domain: .identity, rule: .flag(column: "impulsive_or_violent"),
                   label: "Impulsiveness, risk-taking or violent behaviour"),
        RiskFactor(id: "repeat_offending", domain: .criminality,
                   rule: .threshold(column: "prior_offences", comparison: .atLeast, value: 2),
                   label: "Repeat offending: at least two prior offences"),
    ]

    /// The default bands for the profile's factors: `low` below 2, `medium` 2 to under 4,
    /// `high` 4 and over.
    public static let profileBands = RiskBands([.init(name: "low", from: 0), .init(name: "medium", from: 2),
                                                .init(name: "high", from: 4)])

    /// The default catalogue: the profile's factors and bands, homes in `home_easting` and
    /// `home_northing`, no hotspot layers or offence records (give them to score the
    /// neighbourhood factor).
    public static let profile = RiskCatalogue(factors: profileFactors, bands: profileBands, home: HomeLocationColumns())
}
