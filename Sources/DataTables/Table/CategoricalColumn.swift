/// A column of labels from a fixed set of levels, like an R factor.
///
/// Each row holds a code: an index into `levels`, or `missingCode` for a missing value. The
/// CSV reader sorts the levels by their UTF-8 bytes (as R does in the C locale and with
/// `sort(method = "radix")`), so the codes of a file do not depend on the order of its rows.
public struct CategoricalColumn: Sendable, Equatable, CustomStringConvertible {
    /// The code of a missing value.
    public static let missingCode: Int32 = -1

    /// The distinct labels; a code is an index into this array.
    public private(set) var levels: [String]

    /// One code per row: an index into `levels`, or `missingCode`.
    public private(set) var codes: [Int32]

    /// Creates a column from levels and codes.
    ///
    /// - Parameters:
    ///   - levels: distinct labels, in the order the codes refer to them (need not be sorted).
    ///   - codes: per row, an index into `levels` or `missingCode`.
    /// - Precondition: the levels are distinct and every code is valid; violating this is a
    ///   programmer error and traps.
    /// - Complexity: O(*n* + *k*) for *n* rows and *k* levels.
    public init(levels: [String], codes: [Int32]) {
        precondition(Set(levels).count == levels.count, "CategoricalColumn levels must be distinct")
        let levelCount = Int32(levels.count)
        precondition(
            codes.allSatisfy { $0 == Self.missingCode || (0 <= $0 && $0 < levelCount) },
            "CategoricalColumn codes must index levels or be missingCode"
        )
        self.levels = levels
        self.codes = codes
    }

    /// Creates a column from labels, `nil` for missing, with the levels sorted by UTF-8 bytes.
    ///
    /// - Parameter values: the label of each row, or `nil`.
    /// - Complexity: O(*n* + *k* log *k*) for *n* rows and *k* distinct labels.
    public init(_ values: [String?]) {
        let levels = Set(values.compactMap { $0 }).sorted(by: Self.utf8Precedes)
        let codeOf = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Int32($0)) })
        self.init(unchecked: levels, codes: values.map { $0.map { codeOf[$0]! } ?? Self.missingCode })
    }

    /// Creates a column without checking levels and codes; for the CSV reader, which builds
    /// them valid by construction.
    init(unchecked levels: [String], codes: [Int32]) {
        self.levels = levels
        self.codes = codes
    }

    /// The number of rows.
    public var count: Int { codes.count }

    /// The number of missing values.
    ///
    /// - Complexity: O(*n*) in the number of rows.
    public var missingCount: Int {
        codes.reduce(0) { $0 + ($1 == Self.missingCode ? 1 : 0) }
    }

    /// The label in `row`, or `nil` when it is missing.
    ///
    /// - Parameter row: a row index in `0..<count`; anything else traps.
    /// - Complexity: O(1).
    public subscript(row: Int) -> String? {
        let code = codes[row]
        return code == Self.missingCode ? nil : levels[Int(code)]
    }

    /// The labels of all rows, `nil` for missing.
    ///
    /// - Complexity: O(*n*).
    public var values: [String?] {
        codes.map { $0 == Self.missingCode ? nil : levels[Int($0)] }
    }

    /// A short summary: the row count, the levels and the number missing.
    public var description: String {
        let shown = levels.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
        let more = levels.count > 5 ? ", ..." : ""
        return "CategoricalColumn(\(count) rows, levels [\(shown)\(more)], \(missingCount) missing)"
    }

    /// Orders strings by their UTF-8 bytes (code point order), independent of locale.
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
