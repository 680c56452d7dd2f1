/// The report's colours: Okabe-Ito, safe for colour-blind readers, with light tints for areas.
enum ReportPalette {
    /// Strong colours, one per series in turn.
    static let strong = ["#E69F00", "#0072B2", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"]
    /// Light tints of the same colours, for filled areas.
    static let light = ["#F7DDB0", "#B3D4EA", "#B3E2D5", "#F0D7E7", "#F4CDB3", "#CDE9F8", "#FAF6C3", "#CCCCCC"]

    /// The strong colour of series `index`.
    static func colour(_ index: Int) -> String { strong[index % strong.count] }

    /// The light tint of series `index`.
    static func tint(_ index: Int) -> String { light[index % light.count] }
}
