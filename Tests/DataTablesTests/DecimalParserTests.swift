@testable import DataTables
import Foundation
import Testing

/// Number parsing must give exactly the bits of `Double(String)` for every decimal it accepts.
@Suite struct DecimalParserTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let expected: Double?
        var testDescription: String { "\"\(text)\"" }
    }

    static let forms: [Case] = [
        Case(text: "12", expected: 12),
        Case(text: "-3.5", expected: -3.5),
        Case(text: "+1e-7", expected: 1e-7),
        Case(text: ".5", expected: 0.5),
        Case(text: "5.", expected: 5),
        Case(text: "1E+10", expected: 1e10),
        Case(text: "-0", expected: -0.0),
        Case(text: "007", expected: 7),
        Case(text: "Inf", expected: .infinity),
        Case(text: "-Inf", expected: -.infinity),
        Case(text: "infinity", expected: .infinity),
        Case(text: "1.2.3", expected: nil),
        Case(text: "12abc", expected: nil),
        Case(text: " 12", expected: nil),
        Case(text: "12 ", expected: nil),
        Case(text: "", expected: nil),
        Case(text: ".", expected: nil),
        Case(text: "-", expected: nil),
        Case(text: "e5", expected: nil),
        Case(text: "1e", expected: nil),
        Case(text: "1e+", expected: nil),
        Case(text: "0x1p3", expected: nil),
        Case(text: "1_000", expected: nil),
        Case(text: "--1", expected: nil),
        Case(text: "NA", expected: nil),
        Case(text: "infinit", expected: nil),
    ]

    @Test(arguments: forms)
    func acceptsAndRejectsForms(_ testCase: Case) {
        let parsed = parse(testCase.text)
        #expect(parsed?.bitPattern == testCase.expected?.bitPattern)
    }

    @Test func nanLiteralIsNaN() {
        #expect(parse("NaN")?.isNaN == true)
        #expect(parse("-nan")?.isNaN == true)
    }

    /// Hard cases: halfway points, the ends of the normal and subnormal ranges, long digit
    /// strings whose tail decides the rounding, and exponents far outside the range.
    static let edges: [String] = [
        "0.1", "0.2", "0.3", "1.7976931348623157e308", "1.7976931348623158e308",
        "1.7976931348623159e308", "1.7976931348623157e309", "2.2250738585072011e-308",
        "2.2250738585072012e-308", "2.2250738585072014e-308", "4.9406564584124654e-324",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400", "1e400", "-1e-400",
        "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
        "9007199254740993.0000000000000000001", "9007199254740992.9999999999999999999",
        "18446744073709551615", "18446744073709551616", "99999999999999999999",
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126",
        "0.000000000000000000000000000000000000000000001", "123456789012345678901234567890e-10",
        "0.16367076084997034", "33.831300042210145", "1.2968943395036648e-06",
        "7.1e-10", "3.4028235677973366e38", "1e23", "8.988465674311579e307", "1e22", "1e-22",
        "4503599627370496.5", "4503599627370497.5", "2e-323", "5e-324", "1e-323",
        "0e999999999", "1e-999999999", "1e999999999", "6.02214076e23", "0.0000001",
        "1234567890123456789", "12345678901234567890", "1.234567890123456789e-300",
        "2.225073858507201136057409796709131975934819546351645648e-308",
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
    ]

    @Test(arguments: edges)
    func edgeCasesMatchStandardLibrary(_ text: String) {
        #expect(parse(text)?.bitPattern == Double(text)?.bitPattern)
        #expect(parse("-" + text)?.bitPattern == Double("-" + text)?.bitPattern)
    }

    @Test func randomDecimalsMatchStandardLibrary() {
        var random = SplitMix64(seed: 2024)
        var mismatches: [String] = []
        for _ in 0..<200_000 {
            let text = Self.randomDecimal(using: &random)
            if parse(text)?.bitPattern != Double(text)?.bitPattern, mismatches.count < 10 {
                mismatches.append(text)
            }
        }
        #expect(mismatches.isEmpty, "differs from Double(String) for \(mismatches)")
    }

    /// The reader's own fast path for plain numbers must agree too: read a column of random
    /// decimals as CSV, split into chunks, and compare every value.
    @Test func randomDecimalsReadFromCSVMatchStandardLibrary() throws {
        var random = SplitMix64(seed: 31)
        let texts = (0..<50_000).map { _ in Self.randomDecimal(using: &random) }
        var options = CSVReadOptions()
        options.chunkCount = 4
        let table = try DataTable(csvText: "x\n" + texts.joined(separator: "\n") + "\n", options: options)
        let values = try table.numeric("x").values
        let mismatches = zip(texts, values).filter { $0.1.bitPattern != Double($0.0)?.bitPattern }.prefix(10)
        #expect(mismatches.isEmpty, "read differently from Double(String): \(Array(mismatches))")
    }

    @Test func printedRandomDoublesMatchStandardLibrary() {
        var random = SplitMix64(seed: 7)
        var mismatches: [String] = []
        for _ in 0..<100_000 {
            let value = Double(bitPattern: random.next() & ~(0x7FF << 52) | (UInt64.random(in: 0...0x7FE, using: &random) << 52))
            for text in [value.description, String(format: "%.17g", value), String(format: "%.15e", value)]
            where parse(text)?.bitPattern != Double(text)?.bitPattern && mismatches.count < 10 {
                mismatches.append(text)
            }
            if parse(value.description)?.bitPattern != value.bitPattern, mismatches.count < 10 {
                mismatches.append(value.description)
            }
        }
        #expect(mismatches.isEmpty, "did not round-trip: \(mismatches)")
    }

    /// A random decimal: 1 to 25 digits, a point anywhere (or none), and often an exponent,
    /// weighted towards the ranges that exercise each conversion path.
    static func randomDecimal(using random: inout SplitMix64) -> String {
        let digitCount = Int.random(in: 1...25, using: &random)
        var digits = (0..<digitCount).map { _ in Character(String(Int.random(in: 0...9, using: &random))) }
        if Int.random(in: 0..<4, using: &random) == 0 { digits[0] = "0" }
        var text = Bool.random(using: &random) ? "-" : ""
        let point = Int.random(in: 0...digitCount, using: &random)
        text += String(digits[..<point]) + (point < digitCount || Bool.random(using: &random) ? "." : "") + String(digits[point...])
        switch Int.random(in: 0..<4, using: &random) {
        case 0: break
        case 1: text += "e\(Int.random(in: -30...30, using: &random))"
        case 2: text += "E\(Int.random(in: -350...330, using: &random))"
        default: text += "e+\(Int.random(in: 280...310, using: &random))"
        }
        return text
    }

    private func parse(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return DecimalParser.parse(UnsafePointer(bitPattern: 1)!, count: 0) }
            return DecimalParser.parse(base, count: buffer.count)
        }
    }
}
