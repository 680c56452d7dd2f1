import Reporting

/// The CONSORT flow diagram of a multi-arm trial: boxes for assessment, identification,
/// exclusion with reasons and allocation, then one column per arm with the numbers allocated,
/// lost to follow-up and analysed, joined by arrows. Counts are given as text, already under
/// disclosure control.
struct ConsortDiagram {
    let assessed: String
    let identified: String
    let excluded: String
    let reasons: [(reason: String, count: String)]
    let notAllocated: String?
    let randomised: String
    let arms: [String]
    let allocated: [String]
    let lost: [String]
    let analysed: [String]

    /// The drawing.
    func document() -> SVGDocument {
        let columnWidth = 170.0, gap = 14.0
        let width = max(680, 32 + Double(arms.count) * (columnWidth + gap))
        let reasonLines = reasons.count + (notAllocated == nil ? 0 : 1)
        let exclusionHeight = 30 + 16 * Double(reasonLines)
        let rowTop = 250 + max(0, exclusionHeight - 90)
        let height = rowTop + 3 * 70 + 20
        var svg = SVGDocument(width: width, height: height, title: "CONSORT flow diagram")
        let centre = width / 2
        let mainWidth = 260.0

        func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ lines: [String], bold: Bool = false) {
            svg.add(.rectangle(x: x, y: y, width: w, height: h, style: SVGStyle(fill: bold ? "#EEF3F8" : "#FFFFFF", stroke: "#333333")))
            for (i, line) in lines.enumerated() {
                svg.add(.text(line, x: x + w / 2, y: y + 18 + 15 * Double(i), size: 11, anchor: .middle))
            }
        }
        func arrow(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) {
            svg.add(.line(x1: x1, y1: y1, x2: x2, y2: y2, style: .stroke("#333333", width: 1.2)))
            if x1 == x2 {
                svg.add(.polyline(points: [(x2 - 4, y2 - 7), (x2, y2), (x2 + 4, y2 - 7), (x2 - 4, y2 - 7)], style: SVGStyle(fill: "#333333", stroke: "#333333")))
            } else {
                svg.add(.polyline(points: [(x2 - 7, y2 - 4), (x2, y2), (x2 - 7, y2 + 4), (x2 - 7, y2 - 4)], style: SVGStyle(fill: "#333333", stroke: "#333333")))
            }
        }

        box(centre - mainWidth / 2, 16, mainWidth, 40, ["Assessed for risk (n = \(assessed))"], bold: true)
        arrow(centre, 56, centre, 86)
        box(centre - mainWidth / 2, 86, mainWidth, 40, ["Identified for the trial (n = \(identified))"], bold: true)
        arrow(centre, 126, centre, rowTop - 40)
        // Exclusions to the right of the trunk.
        let exclusionX = centre + 40, exclusionY = 140.0
        let exclusionWidth = min(width - exclusionX - 8, 330)
        var lines = ["Excluded (n = \(excluded))"]
        lines += reasons.map { "\($0.reason): \($0.count)" }
        if let notAllocated { lines.append("Eligible, not allocated: \(notAllocated)") }
        arrow(centre, exclusionY + exclusionHeight / 2, exclusionX, exclusionY + exclusionHeight / 2)
        svg.add(.rectangle(x: exclusionX, y: exclusionY, width: exclusionWidth, height: exclusionHeight, style: SVGStyle(fill: "#FFFFFF", stroke: "#333333")))
        for (i, line) in lines.enumerated() {
            svg.add(.text(line, x: exclusionX + 8, y: exclusionY + 18 + 16 * Double(i), size: 11))
        }
        box(centre - mainWidth / 2, rowTop - 40, mainWidth, 30, ["Randomised (n = \(randomised))"], bold: true)
        // One column per arm.
        let totalWidth = Double(arms.count) * columnWidth + Double(max(arms.count - 1, 0)) * gap
        let firstX = (width - totalWidth) / 2
        svg.add(.line(x1: firstX + columnWidth / 2, y1: rowTop - 2, x2: firstX + totalWidth - columnWidth / 2, y2: rowTop - 2,
                      style: .stroke("#333333", width: 1.2)))
        svg.add(.line(x1: centre, y1: rowTop - 10, x2: centre, y2: rowTop - 2, style: .stroke("#333333", width: 1.2)))
        for (i, arm) in arms.enumerated() {
            let x = firstX + Double(i) * (columnWidth + gap)
            let mid = x + columnWidth / 2
            arrow(mid, rowTop - 2, mid, rowTop + 12)
            box(x, rowTop + 12, columnWidth, 46, ["Allocated to \(arm)", "n = \(allocated[i])"])
            arrow(mid, rowTop + 58, mid, rowTop + 82)
            box(x, rowTop + 82, columnWidth, 46, ["Lost to follow-up", "n = \(lost[i])"])
            arrow(mid, rowTop + 128, mid, rowTop + 152)
            box(x, rowTop + 152, columnWidth, 46, ["Analysed", "n = \(analysed[i])"])
        }
        return svg
    }
}
