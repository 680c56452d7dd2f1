import DisclosureControl
import Foundation
import Reporting

/// The distribution of risk scores as a histogram of whole-score bins, with the band cut-offs
/// marked. Bar heights are the published (disclosure-controlled) counts; a suppressed bin is
/// drawn as an empty outline marked [c].
struct RiskHistogramFigure {
    /// The bins' labels (the lowest score of each bin).
    let bins: [Double]
    /// The published count of each bin.
    let counts: [PublishedCount]
    /// Band names and their lowest scores.
    let bands: [(name: String, from: Double)]

    /// Bins the scores by whole numbers and publishes the counts under `rule`.
    init(scores: [Double], bands: [(name: String, from: Double)], rule: DisclosureRule?) {
        let finite = scores.filter(\.isFinite)
        let top = Int((finite.max() ?? 0).rounded(.down))
        var tally = [Int](repeating: 0, count: top + 1)
        for score in finite { tally[max(0, min(top, Int(score.rounded(.down))))] += 1 }
        let labels = (0 ... top).map { "\($0)" }
        let table = CountTable(labels: labels, counts: tally, title: "Risk scores")
        let published = rule.map { $0.protect(table) } ?? PublishedTable(unprotected: table)
        bins = (0 ... top).map(Double.init)
        counts = published.cells.map { $0[0] }
        self.bands = bands
    }

    /// The drawing.
    func document(title: String) -> SVGDocument {
        let width = 640.0, height = 300.0, left = 56.0, right = 16.0, top = 40.0, bottom = 250.0
        var svg = SVGDocument(width: width, height: height, title: title)
        svg.add(.text(title, x: 16, y: 24, size: 14))
        let maximum = Double(max(counts.compactMap(\.value).max() ?? 1, 1))
        let step = (width - left - right) / Double(max(bins.count, 1))
        svg.add(.line(x1: left, y1: bottom, x2: width - right, y2: bottom, style: .stroke("#333333")))
        svg.add(.line(x1: left, y1: top, x2: left, y2: bottom, style: .stroke("#333333")))
        for tick in 0 ... 4 {
            let value = maximum * Double(tick) / 4
            let y = bottom - (bottom - top) * Double(tick) / 4
            svg.add(.line(x1: left - 4, y1: y, x2: left, y2: y, style: .stroke("#333333")))
            svg.add(.text("\(Int(value.rounded()))", x: left - 6, y: y + 4, size: 10, anchor: .end))
        }
        for (i, count) in counts.enumerated() {
            let x = left + Double(i) * step + 1
            let band = bands.lastIndex { $0.from <= bins[i] } ?? 0
            if let value = count.value {
                let h = (bottom - top) * Double(value) / maximum
                svg.add(.rectangle(x: x, y: bottom - h, width: max(step - 2, 1), height: h, style: .fill(ReportPalette.colour(band))))
            } else {
                svg.add(.rectangle(x: x, y: bottom - 12, width: max(step - 2, 1), height: 12, style: .stroke(ReportPalette.colour(band), dash: "2 2")))
                svg.add(.text(DisclosureRule.suppressedMarker, x: x + step / 2, y: bottom - 16, size: 9, anchor: .middle))
            }
            if bins.count <= 30 || i % 2 == 0 {
                svg.add(.text("\(Int(bins[i]))", x: x + step / 2 - 1, y: bottom + 14, size: 10, anchor: .middle))
            }
        }
        svg.add(.text("Risk score (weighted sum of pathway factors present)", x: (left + width - right) / 2, y: bottom + 32, size: 11, anchor: .middle))
        var x = left
        for (i, band) in bands.enumerated() {
            svg.add(.rectangle(x: x, y: height - 14, width: 12, height: 10, style: .fill(ReportPalette.colour(i))))
            let label = "\(band.name) (from \(NumberText.fixed(band.from, band.from == band.from.rounded() ? 0 : 1)))"
            svg.add(.text(label, x: x + 16, y: height - 5, size: 10))
            x += 24 + Double(label.count) * 6
        }
        return svg
    }
}
