import DisclosureControl

/// The enrolment dashboard.
enum DashboardPage {
    static func render(_ dashboard: EnrolmentDashboard, session: ActiveSession) -> HTML {
        var tables: [HTML] = [table(dashboard.byArm)]
        if let byStratum = dashboard.byStratum { tables.append(table(byStratum)) }
        let export: HTML = session.may(.export)
            ? "<p><a href=\"/export.csv\">Export the allocations by pseudonym (CSV)</a> — the export is recorded.</p>" : ""
        return PageLayout.page(title: "Enrolment dashboard", session: session, content: "\(tables)\(export)")
    }

    static func table(_ table: PublishedTable) -> HTML {
        let totals = table.rowTotals != nil
        let head: [HTML] = [HTML("<th></th>")] + table.columnLabels.map { "<th>\($0)</th>" } + (totals ? ["<th>Total</th>"] : [])
        var rows: [HTML] = []
        for (index, label) in table.rowLabels.enumerated() {
            let cells: [HTML] = table.cells[index].map { "<td>\($0.description)</td>" }
            let total: HTML = table.rowTotals.map { "<td>\($0[index].description)</td>" } ?? ""
            rows.append("<tr><th scope=\"row\">\(label)</th>\(cells)\(total)</tr>")
        }
        if let columnTotals = table.columnTotals {
            let cells: [HTML] = columnTotals.map { "<td>\($0.description)</td>" }
            let grand: HTML = totals ? "<td>\(table.grandTotal?.description ?? "")</td>" : ""
            rows.append("<tr><th scope=\"row\">Total</th>\(cells)\(grand)</tr>")
        }
        return """
            <h2>\(table.title)</h2>
            <table><thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table>
            <p class="note">\(table.note)</p>
            """
    }
}
