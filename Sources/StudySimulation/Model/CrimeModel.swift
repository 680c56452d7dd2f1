/// How many crimes of each type a year of recorded crime holds and how strongly each type
/// clusters around the force area's crime centres.
public struct CrimeModel: Sendable, Hashable {
    /// One crime type's volume and clustering.
    public struct CrimeType: Sendable, Hashable {
        /// The type's name as written in `crimes.csv`.
        public var name: String
        /// Crimes of this type recorded in the year.
        public var yearlyCount: Int
        /// The share of them that fall around the type's crime centres; the rest are spread over
        /// the towns by population, and a twentieth of those anywhere in the force area.
        public var clusteredShare: Double
    }

    /// The crime types, in the order their crimes are written.
    public var types: [CrimeType]

    /// The bundled study's year: 3,450 crimes of four types.
    public static let standard = CrimeModel(types: [
        CrimeType(name: "drug_supply", yearlyCount: 600, clusteredShare: 0.6),
        CrimeType(name: "firearms", yearlyCount: 150, clusteredShare: 0.6),
        CrimeType(name: "acquisitive", yearlyCount: 1_500, clusteredShare: 0.45),
        CrimeType(name: "violence", yearlyCount: 1_200, clusteredShare: 0.4),
    ])
}
