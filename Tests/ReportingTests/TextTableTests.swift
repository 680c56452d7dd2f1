import Reporting
import Testing

@Test func plainTextAlignsLabelsLeftAndFiguresRight() {
    let table = TextTable(header: ["arm", "n", "estimate"], rows: [["police", "201", "-0.25"], ["partner", "9", ""]])
    #expect(table.plainText() == """
        arm        n  estimate
        police   201     -0.25
        partner    9

        """)
    #expect(table.plainText(leftAlignedColumns: 2).hasPrefix("arm      n    estimate\n"))
}

@Test func markdownEscapesPipesAndAlignsFiguresRight() {
    let table = TextTable(header: ["stratum", "count"], rows: [["high|north", "8"]])
    #expect(table.markdown() == "| stratum | count |\n| --- | ---: |\n| high\\|north | 8 |\n")
}
