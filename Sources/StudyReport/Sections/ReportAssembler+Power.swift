extension ReportAssembler {
    /// The minimum detectable effects at the achieved arm sizes.
    func powerSection() -> ReportSection {
        let table = ReportTable(
            title: "Minimum detectable effects with 80% power", header: ["outcome", "measure", "from", "minimum detectable effect"],
            rows: power.rows.map { row in
                [row.outcome, row.measure, row.controlValue, row.effect.map { NumberText.fixed($0) } ?? "not computable: \(row.problem ?? "")"]
            })
        let paragraph = "Power achieved: the smallest effect of each intervention arm against \(control) that \(power.total) people as allocated "
            + "(\(power.interventionArms) intervention arm\(power.interventionArms == 1 ? "" : "s"), control : arm ratio \(NumberText.fixed(power.controlRatio, 2))) "
            + "would find with 80% power at the two-sided 5% level with Holm's adjustment across arms (analytic; the first Holm step, a lower bound)."
        return ReportSection(
            id: "power", title: "Power achieved",
            commands: commands.power(arms: power.interventionArms, ratio: power.controlRatio, total: power.total, controlProportion: power.controlProportion),
            blocks: [.paragraph(paragraph), .table(table)])
    }
}
