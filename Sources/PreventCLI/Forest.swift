import ArgumentParser
import Foundation
import Reporting

extension Prevent {
    /// `prevent forest`: one forest plot across outcomes, from the JSON of several analyses.
    struct Forest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw one forest plot across outcomes from the JSON output of several analyses.",
            discussion: """
                Each --from is a file written by `prevent analyse ... --format json`: a \
                difference in means (gaussian), a risk difference, odds ratio, risk ratio or \
                rate ratio (binomial, poisson, negbin), a harm analysis (its mean difference in \
                harm is drawn) or a survival analysis (its Cox hazard ratios). Each file becomes \
                one panel, in the order given, with the arms as rows and the file's own \
                confidence intervals. Differences are drawn on a linear axis with a line at 0; \
                ratios on a logarithmic axis with a line at 1. The SVG is written only when every \
                file has been read.
                """
        )

        @Option(name: .customLong("from"), help: ArgumentHelp("A JSON file from prevent analyse --format json; repeat for each outcome.", valueName: "file"))
        var inputs: [String] = []
        @Option(help: "The SVG file to write (replacing any file of that name).") var out: String
        @Option(help: "The plot's title.") var title = "Effects against control"
        @OptionGroup var messages: MessageOptions

        func validate() throws {
            guard !inputs.isEmpty else {
                throw ValidationError("Give at least one --from: a JSON file written by prevent analyse --format json.")
            }
        }

        func run() throws {
            let console = messages.console
            let groups = try inputs.flatMap { file in
                try console.step("Read \(file)") { try ForestInput.groups(file: file) }
            }
            let plot = OutcomeForestPlot(title: title, groups: groups)
            try Data(plot.document().render().utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            console.note("Wrote \(out): \(groups.count) outcome\(groups.count == 1 ? "" : "s")")
        }
    }
}
