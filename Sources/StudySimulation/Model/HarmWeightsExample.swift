/// The illustrative crime-harm weights table the simulated study ships as `harm-weights.csv`: the
/// same table as `Studies/harm-weights-example.csv`, rounded figures in the style of the
/// Cambridge Crime Harm Index, not an official index.
public enum HarmWeightsExample {
    /// The table's text: `offence_code`, `description`, `harm_days`.
    public static let csvText = """
        offence_code,description,harm_days
        HOM,Homicide,5475
        GBH,Wounding with intent to cause grievous bodily harm,1460
        ROB,Robbery of personal property,365
        DRUG_SUPPLY,Supply of a Class A drug,1095
        KNIFE,Possession of a bladed article in a public place,90
        BURG_RES,Burglary of a dwelling,120
        ABH,Assault occasioning actual bodily harm,30
        VEH_THEFT,Theft of a motor vehicle,14
        CRIM_DAMAGE,Criminal damage under 5000 pounds,2
        HARASS,Harassment,5
        SHOP,Shoplifting,1
        DRUG_POSS_B,Possession of a Class B drug,0.5

        """

    /// Each code's weight in days.
    public static let days: [String: Double] = [
        "HOM": 5475, "GBH": 1460, "ROB": 365, "DRUG_SUPPLY": 1095, "KNIFE": 90, "BURG_RES": 120, "ABH": 30,
        "VEH_THEFT": 14, "CRIM_DAMAGE": 2, "HARASS": 5, "SHOP": 1, "DRUG_POSS_B": 0.5,
    ]
}
