import DataTables
import LinearAlgebra
import StudyProtocol
import Statistics

/// A design as used for one cohort: the arms, the scheme and its settings, and each unit's
/// stratum, cluster, minimisation levels and covariates, in arrival order. It is a plain value
/// (`Sendable`), so that an analysis can keep it beside the outcomes and redraw the assignment
/// from exactly this design with another seed (``replay(seeds:)``), as randomisation inference
/// requires: same strata, blocks, clusters, minimisation order and rerandomisation criterion.
///
/// Make one with ``AllocationDesign/cohortDesign(units:)`` or
/// ``AllocationDesign/cohortDesign(table:idColumn:)``.
public struct CohortDesign: Sendable {
    /// The allocation design.
    public let design: AllocationDesign

    /// The units' pseudonymous identifiers, in arrival order.
    public let ids: [String]

    /// The values of the stratification fields for each stratum code, in order of first arrival;
    /// one empty stratum for an unstratified scheme.
    public let strata: [[String]]

    /// Each unit's stratum code (an index into ``strata``).
    public let stratumOfUnit: [Int32]

    /// The cluster names, in order of first arrival (empty unless the scheme is `cluster`).
    public let clusters: [String]

    /// Each unit's cluster code (an index into ``clusters``); empty unless the scheme is `cluster`.
    public let clusterOfUnit: [Int32]

    /// The rerandomisation threshold on the Mahalanobis distance, when the scheme is rerandomisation.
    public let threshold: Double?

    /// The number of units complete randomisation plans for: `randomisation.size` or the cohort's
    /// size (of clusters, for cluster allocation without blocks).
    public let plannedSize: Int

    /// The stratum of each cluster (cluster scheme).
    let clusterStratum: [Int32]
    /// Per minimisation factor, each unit's level code, and the factor's number of levels.
    let factorCodes: [[Int32]]
    let factorLevelCounts: [Int]
    /// Whitened, centred covariates for rerandomisation: `covariateCount` values per unit.
    let whitened: [Double]
    let covariateCount: Int
    /// Stream prefixes of the strata for the block schemes.
    let blockPrefixes: [StreamLabel]

    /// The number of units.
    public var count: Int { ids.count }

    init(design: AllocationDesign, table: DataTable, idColumn: String) throws {
        self.design = design
        let settings = design.studyProtocol.randomisation
        let n = table.rowCount
        ids = try Self.identifiers(table, idColumn)

        // Every declared baseline field the cohort has is checked as one unit's would be.
        for field in design.studyProtocol.baseline {
            guard let column = table[field.name] else {
                if field.isRequired { throw AllocationError(.missingColumn(field.name)) }
                continue
            }
            switch (field.kind, column) {
            case let (.numeric, .numeric(values)):
                if field.isRequired, let row = values.values.firstIndex(where: { $0.isNaN }) {
                    throw AllocationError(.missingField(field.name), row: row)
                }
            case (.numeric, .categorical(let labels)):
                // A column of labels for a numeric field (or one read without declared types).
                let row = labels.codes.firstIndex { $0 != CategoricalColumn.missingCode }
                throw AllocationError(.badValue(field: field.name, value: row.flatMap { labels[$0] } ?? "(no numbers)",
                                                expected: "a number"), row: row)
            case (.categorical, _):
                _ = try Self.labels(table, field.name, design: design, required: field.isRequired)
            }
        }

        // Strata.
        let strataFields = design.strataFields
        let strataColumns = try strataFields.map { try Self.labels(table, $0, design: design, required: true) }
        var strataByKey: [Int: Int32] = [:]
        var strata: [[String]] = []
        var stratumOfUnit = [Int32](repeating: 0, count: n)
        if strataColumns.isEmpty {
            strata = [[]]
        } else {
            for row in 0 ..< n {
                var key = 0
                for column in strataColumns { key = key &* (column.levels.count + 1) &+ Int(column.codes[row]) }
                if let code = strataByKey[key] {
                    stratumOfUnit[row] = code
                } else {
                    let code = Int32(strata.count)
                    strataByKey[key] = code
                    strata.append(strataColumns.map { $0.levels[Int($0.codes[row])] })
                    stratumOfUnit[row] = code
                }
            }
        }
        self.strata = strata
        self.stratumOfUnit = stratumOfUnit
        let scheme = design.scheme
        let prefixName = scheme == .cluster ? "cluster-blocks" : "blocks"
        blockPrefixes = strata.map { PermutedBlock.prefix(scheme: prefixName, stratumValues: $0) }

        // Clusters.
        var clusters: [String] = []
        var clusterOfUnit: [Int32] = []
        var clusterStratum: [Int32] = []
        if scheme == .cluster, let field = settings.clusterField {
            let column = try Self.labels(table, field, design: design, required: true)
            var codeOfLevel = [Int32](repeating: -1, count: column.levels.count)
            clusterOfUnit = [Int32](repeating: 0, count: n)
            for row in 0 ..< n {
                let level = Int(column.codes[row])
                if codeOfLevel[level] < 0 {
                    codeOfLevel[level] = Int32(clusters.count)
                    clusters.append(column.levels[level])
                    clusterStratum.append(stratumOfUnit[row])
                }
                let cluster = codeOfLevel[level]
                clusterOfUnit[row] = cluster
                if clusterStratum[Int(cluster)] != stratumOfUnit[row] {
                    throw AllocationError(.clusterSpansStrata(
                        cluster: clusters[Int(cluster)],
                        first: AllocationDesign.stratumLabel(strata[Int(clusterStratum[Int(cluster)])]) ?? "",
                        other: AllocationDesign.stratumLabel(strata[Int(stratumOfUnit[row])]) ?? ""), row: row)
                }
            }
        }
        self.clusters = clusters
        self.clusterOfUnit = clusterOfUnit
        self.clusterStratum = clusterStratum

        // Complete randomisation's planned size.
        var planned = scheme == .cluster ? clusters.count : n
        if (scheme == .complete || (scheme == .cluster && settings.blockSizes.isEmpty)), let size = settings.size {
            guard planned <= size else {
                throw AllocationError(.beyondPlannedSize(count: planned, size: size, unit: scheme == .cluster ? "cluster" : "unit"))
            }
            planned = size
        }
        plannedSize = planned

        // Minimisation factors.
        if scheme == .minimisation, let minimisation = settings.minimisation {
            let columns = try minimisation.factors.map { try Self.labels(table, $0, design: design, required: true) }
            factorCodes = columns.map(\.codes)
            factorLevelCounts = columns.map(\.levels.count)
        } else {
            factorCodes = []
            factorLevelCounts = []
        }

        // Rerandomisation covariates, centred and whitened: w = U⁻ᵀ(x - x̄) with S = UᵀU.
        if scheme == .rerandomisation, let rerandomisation = settings.rerandomisation {
            let names = rerandomisation.covariates
            let d = names.count
            var columns: [[Double]] = []
            for name in names {
                guard let column = table[name] else { throw AllocationError(.missingColumn(name)) }
                guard case let .numeric(numbers) = column else {
                    let labels = try table.categorical(name)
                    let row = labels.codes.firstIndex { $0 != CategoricalColumn.missingCode } ?? 0
                    throw AllocationError(.badValue(field: name, value: labels[row] ?? "", expected: "a number"), row: row)
                }
                if let row = numbers.values.firstIndex(where: { !$0.isFinite }) {
                    throw AllocationError(.missingField(name), row: row)
                }
                let mean = numbers.values.reduce(0, +) / Double(n)
                columns.append(numbers.values.map { $0 - mean })
            }
            var covariance = Matrix(rows: d, columns: d)
            for a in 0 ..< d {
                for b in a ..< d {
                    var sum = 0.0
                    for row in 0 ..< n { sum += columns[a][row] * columns[b][row] }
                    covariance[a, b] = sum / Double(max(n - 1, 1))
                    covariance[b, a] = covariance[a, b]
                }
            }
            let cholesky: Cholesky
            do { cholesky = try Cholesky(covariance) } catch { throw AllocationError(.singularCovariates(names)) }
            let centredTransposed = Matrix(rowMajor: columns)  // d x n
            let white = try cholesky.factor.solveTriangular(centredTransposed, triangle: .upper, transposed: true)
            whitened = white.columnMajorElements  // unit by unit, d values each
            covariateCount = d
            switch rerandomisation.criterion {
            case let .mahalanobisThreshold(value):
                threshold = value
            case let .acceptanceProbability(probability):
                let df = Double((design.armNames.count - 1) * d)
                threshold = ChiSquared(degreesOfFreedom: df).quantile(probability)
            }
        } else {
            whitened = []
            covariateCount = 0
            threshold = nil
        }
    }

    private static func identifiers(_ table: DataTable, _ idColumn: String) throws -> [String] {
        guard let column = table[idColumn] else { throw AllocationError(.missingColumn(idColumn)) }
        let ids: [String]
        switch column {
        case let .categorical(labels):
            if let row = labels.codes.firstIndex(of: CategoricalColumn.missingCode) { throw AllocationError(.missingID, row: row) }
            ids = labels.codes.map { labels.levels[Int($0)] }
        case let .numeric(numbers):
            if let row = numbers.values.firstIndex(where: { $0.isNaN }) { throw AllocationError(.missingID, row: row) }
            ids = numbers.values.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String($0) }
        }
        var seen = Set<String>()
        seen.reserveCapacity(ids.count)
        for (row, id) in ids.enumerated() where !seen.insert(id).inserted {
            throw AllocationError(.duplicateID(id), row: row)
        }
        return ids
    }

    /// A categorical column checked against the field's declared levels, and for missing values
    /// when `required`.
    private static func labels(_ table: DataTable, _ name: String, design: AllocationDesign, required: Bool) throws -> CategoricalColumn {
        guard let column = table[name] else { throw AllocationError(.missingColumn(name)) }
        guard case let .categorical(labels) = column else {
            throw AllocationError(.badValue(field: name, value: "(a numeric column)",
                                            expected: "a column of labels: read the cohort with AllocationDesign.csvReadOptions"))
        }
        if required, let row = labels.codes.firstIndex(of: CategoricalColumn.missingCode) {
            throw AllocationError(.missingField(name), row: row)
        }
        if let declared = design.studyProtocol.baselineField(named: name), !declared.levels.isEmpty {
            for (level, text) in labels.levels.enumerated() where !declared.levels.contains(text) {
                let row = labels.codes.firstIndex(of: Int32(level)) ?? 0
                throw AllocationError(.unknownLevel(field: name, value: text, levels: declared.levels), row: row)
            }
        }
        return labels
    }
}

extension AllocationDesign {
    /// The design as used for a cohort given as a table (one row per unit, in arrival order).
    ///
    /// Fields read as labels (the id, strata, minimisation factors, cluster, categorical baseline
    /// fields) must be categorical columns, so that `007` stays `007`: read the CSV file with
    /// ``csvReadOptions(header:idColumn:)``.
    ///
    /// - Parameters:
    ///   - table: the cohort.
    ///   - idColumn: the column of pseudonymous identifiers; default `id`.
    /// - Throws: ``AllocationError`` with the row (from 0) at fault: a missing column, a missing
    ///   or duplicate id, a missing or bad value, an unknown stratum value, a cluster that spans
    ///   strata, more units than the planned size, singular rerandomisation covariates.
    public func cohortDesign(table: DataTable, idColumn: String = "id") throws -> CohortDesign {
        try CohortDesign(design: self, table: table, idColumn: idColumn)
    }

    /// The design as used for a cohort of units, in arrival order.
    ///
    /// - Throws: as ``cohortDesign(table:idColumn:)``.
    public func cohortDesign(units: [EnrolmentUnit]) throws -> CohortDesign {
        var names: [String] = []
        var seen = Set<String>()
        for field in studyProtocol.baseline.map(\.name) + strataFields + schemeFields where seen.insert(field).inserted {
            names.append(field)
        }
        var columns: [(name: String, column: Column)] = []
        columns.append((name: "\u{0}id", column: .categorical(CategoricalColumn(units.enumerated().map { row, unit in
            unit.id.trimmingSpaces().isEmpty ? nil : unit.id
        }))))
        if let row = units.firstIndex(where: { $0.id.trimmingSpaces().isEmpty }) { throw AllocationError(.missingID, row: row) }
        for name in names {
            let values = units.map { $0.value(of: name) }
            if !units.contains(where: { $0.fields[name] != nil }) {
                if studyProtocol.baselineField(named: name)?.isRequired == true || !studyProtocol.baseline.contains(where: { $0.name == name }) {
                    throw AllocationError(.missingField(name), row: 0)
                }
                continue
            }
            let numeric = studyProtocol.baselineField(named: name)?.kind == .numeric
                || (scheme == .rerandomisation && studyProtocol.randomisation.rerandomisation!.covariates.contains(name))
            if numeric {
                var numbers: [Double] = []
                numbers.reserveCapacity(values.count)
                for (row, text) in values.enumerated() {
                    guard let text else { numbers.append(.nan); continue }
                    guard let number = Double(text), number.isFinite else {
                        throw AllocationError(.badValue(field: name, value: text, expected: "a number"), row: row)
                    }
                    numbers.append(number)
                }
                columns.append((name: name, column: .numeric(NumericColumn(numbers))))
            } else {
                columns.append((name: name, column: .categorical(CategoricalColumn(values))))
            }
        }
        return try CohortDesign(design: self, table: DataTable(columns), idColumn: "\u{0}id")
    }

    /// Fields the scheme reads besides the strata.
    var schemeFields: [String] {
        let settings = studyProtocol.randomisation
        switch scheme {
        case .cluster: return settings.clusterField.map { [$0] } ?? []
        case .minimisation: return settings.minimisation?.factors ?? []
        case .rerandomisation: return settings.rerandomisation?.covariates ?? []
        default: return []
        }
    }

    /// CSV reading options for a cohort file with this header: the id and every field read as a
    /// label declared categorical (so `007` stays `007` and `1` is not `1.0`), declared numeric
    /// baseline fields and rerandomisation covariates numeric. Only columns the header has are declared.
    public func csvReadOptions(header: [String], idColumn: String = "id") -> CSVReadOptions {
        var types: [String: ColumnKind] = [:]
        let numericFields = Set(studyProtocol.baseline.filter { $0.kind == .numeric }.map(\.name)
            + (scheme == .rerandomisation ? studyProtocol.randomisation.rerandomisation?.covariates ?? [] : []))
        for name in [idColumn] + studyProtocol.baseline.map(\.name) + strataFields + schemeFields where header.contains(name) {
            types[name] = numericFields.contains(name) && name != idColumn ? .numeric : .categorical
        }
        return CSVReadOptions(columnTypes: types)
    }
}
