import DataTables
import Foundation

/// Crimes (or other locations) read from a CSV file: one point per row, with an optional crime
/// type, on a planar grid ready for ``CrimeCounts`` and ``HotspotMap/context(for:)``.
///
/// Coordinates are read from two numeric columns. WGS84 longitude and latitude are converted to
/// the British National Grid by ``BritishNationalGrid/point(longitude:latitude:)``; British
/// National Grid and other projected coordinates are kept as they are.
///
/// Errors name the file, its line and the column. Line numbers are worked out as row + 2 (the
/// header is line 1): this assumes one line per row, so a file with blank lines or quoted fields
/// that span lines gives later line numbers that are too small. `DataTable` does not keep the
/// line each row came from; errors it reports itself (a cell that is not a number, say) carry
/// the exact line.
public struct CrimePoints: Sendable {
    /// The file the points were read from, as given.
    public let file: String
    /// Each row's location: British National Grid metres for BNG or WGS84 input, otherwise the
    /// file's own projected coordinates.
    public let points: [Point]
    /// Each row's index into ``types``.
    public let typeCodes: [Int32]
    /// The crime types; `["all"]` when no type column was read.
    public let types: [String]
    /// The system of ``points``: `.bng` for BNG or WGS84 input, else the input's system.
    public let coordinateSystem: CoordinateSystem

    /// Reads points from a CSV file with a header line.
    ///
    /// - Parameters:
    ///   - path: the file's path; errors name it as given.
    ///   - xColumn: the column of eastings (longitudes for `.wgs84`).
    ///   - yColumn: the column of northings (latitudes for `.wgs84`).
    ///   - typeColumn: the column of crime types; `nil` (the default) makes every row one type,
    ///     `"all"`.
    ///   - coordinates: the system of the two columns; default `.bng`. `.wgs84` is converted to
    ///     the British National Grid.
    /// - Throws: `CSVError` (from `DataTables`) for a file that cannot be read or parsed, or a
    ///   coordinate that is not a number, naming its line and column; ``CrimePointsError`` for a
    ///   missing column, a missing or non-finite coordinate, a longitude and latitude that do
    ///   not convert, or an empty crime type.
    /// - Complexity: O(*n*) in the file size.
    public init(csvFile path: String, xColumn: String, yColumn: String, typeColumn: String? = nil,
                coordinates: CoordinateSystem = .bng) throws {
        var kinds: [String: ColumnKind] = [xColumn: .numeric, yColumn: .numeric]
        if let typeColumn { kinds[typeColumn] = .categorical }
        let table: DataTable
        do {
            table = try DataTable(csvFile: path, options: CSVReadOptions(columnTypes: kinds))
        } catch let error as CSVError {
            if case .typeForUnknownColumn(let name) = error.reason {
                throw CrimePointsError(file: path, reason: .missingColumn(name, header: try Self.header(of: path)))
            }
            throw error
        }
        try self.init(table: table, file: path, xColumn: xColumn, yColumn: yColumn, typeColumn: typeColumn,
                      coordinates: coordinates)
    }

    /// Takes points from a table already read from CSV.
    ///
    /// - Parameters:
    ///   - table: the rows, in file order.
    ///   - file: the name errors give the input.
    ///   - xColumn, yColumn, typeColumn, coordinates: as for ``init(csvFile:xColumn:yColumn:typeColumn:coordinates:)``.
    /// - Throws: ``CrimePointsError``, as for reading a file.
    /// - Complexity: O(rows).
    public init(table: DataTable, file: String, xColumn: String, yColumn: String, typeColumn: String? = nil,
                coordinates: CoordinateSystem = .bng) throws {
        func column<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let error as DataTableError {
                throw CrimePointsError(file: file, reason: .table(error))
            }
        }
        let x = try column { try table.numeric(xColumn).values }
        let y = try column { try table.numeric(yColumn).values }
        for (name, values) in [(xColumn, x), (yColumn, y)] {
            if let row = values.firstIndex(where: { !$0.isFinite }) {
                throw CrimePointsError(file: file, line: Self.line(ofRow: row), column: (table.columnIndex(named: name) ?? 0) + 1,
                                       columnName: name, reason: values[row].isNaN ? .missingCoordinate : .nonFiniteCoordinate)
            }
        }
        var points = zip(x, y).map { Point(x: $0, y: $1) }
        switch coordinates {
        case .wgs84:
            points = points.map { BritishNationalGrid.point(longitude: $0.x, latitude: $0.y) }
            if let row = points.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite) }) {
                throw CrimePointsError(file: file, line: Self.line(ofRow: row), reason: .notConvertible)
            }
            coordinateSystem = .bng
        case .bng, .projected:
            coordinateSystem = coordinates
        }
        self.file = file
        self.points = points
        guard let typeColumn else {
            typeCodes = [Int32](repeating: 0, count: points.count)
            types = ["all"]
            return
        }
        let categories = try column { try table.categorical(typeColumn) }
        if let row = categories.codes.firstIndex(where: { $0 < 0 || categories.levels[Int($0)].isEmpty }) {
            throw CrimePointsError(file: file, line: Self.line(ofRow: row), column: (table.columnIndex(named: typeColumn) ?? 0) + 1,
                                   columnName: typeColumn, reason: .emptyCrimeType)
        }
        typeCodes = categories.codes
        types = categories.levels
    }

    /// The 1-based line of the file that holds a 0-based row: `row + 2`, assuming one line per
    /// row after the header (see the type's discussion).
    public static func line(ofRow row: Int) -> Int { row + 2 }

    /// Counts the points on a grid, by type.
    ///
    /// - Parameter grid: the grid to count on.
    /// - Returns: crimes per cell per type; points outside the grid are in
    ///   ``CrimeCounts/outsideCounts``.
    /// - Throws: ``CrimePointsError`` naming the line of a point ``CrimeCounts`` rejects (which the
    ///   checks on reading already rule out for points read by this type).
    /// - Complexity: O(points + types × cells).
    public func counts(on grid: GridDefinition) throws -> CrimeCounts {
        do {
            return try CrimeCounts(x: points.map(\.x), y: points.map(\.y), typeCodes: typeCodes, typeNames: types, grid: grid)
        } catch let error as HotspotInputError {
            switch error {
            case .emptyCrimeType(let point):
                throw CrimePointsError(file: file, line: Self.line(ofRow: point), reason: .emptyCrimeType)
            case .nonFiniteCoordinate(let point):
                throw CrimePointsError(file: file, line: Self.line(ofRow: point), reason: .nonFiniteCoordinate)
            }
        }
    }

    /// The file's first line, to list its columns.
    private static func header(of path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return String(text.prefix { $0 != "\n" && $0 != "\r" })
    }
}

/// A problem with a file of crimes or locations, with where it is: the file, and the 1-based
/// line and column when the problem is in one cell.
///
/// Its `description` reads like a compiler diagnostic, as `CSVError`'s does, for example
/// `crimes.csv:3: column 2 'northing': the coordinate is missing`.
public struct CrimePointsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Sendable, Equatable {
        /// The file has no column of this name; `header` is its header line, to list the columns.
        case missingColumn(String, header: String)
        /// A column asked for is not of the kind needed (a type column that is also a coordinate
        /// column, say).
        case table(DataTableError)
        /// A coordinate cell is empty or a missing-value text.
        case missingCoordinate
        /// A coordinate is infinite, or not a finite number.
        case nonFiniteCoordinate
        /// A longitude and latitude do not convert to the British National Grid.
        case notConvertible
        /// A crime type cell is empty.
        case emptyCrimeType
    }

    /// The file's path as given.
    public var file: String
    /// The 1-based line of the file, when the problem is in one row.
    public var line: Int?
    /// The 1-based column position, when the problem is in one cell.
    public var column: Int?
    /// The column's header name, when the problem is in one cell.
    public var columnName: String?
    /// What is wrong.
    public var reason: Reason

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - file: the path of the input.
    ///   - line: the 1-based line, if any.
    ///   - column: the 1-based column position, if any.
    ///   - columnName: the column's header name, if any.
    ///   - reason: what is wrong.
    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, reason: Reason) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.reason = reason
    }

    /// `file:line: column N 'name': what is wrong`, leaving out the parts that do not apply.
    public var description: String {
        let text = "\(CellLocation(file: file, line: line, column: column, columnName: columnName)): "
        switch reason {
        case let .missingColumn(name, header):
            return text + "no column '\(name)' (columns: \(header))"
        case .table(let error):
            return text + error.description
        case .missingCoordinate:
            return text + "the coordinate is missing"
        case .nonFiniteCoordinate:
            return text + (column == nil ? "a coordinate is not a finite number" : "the coordinate is not finite")
        case .notConvertible:
            return text + "the longitude and latitude do not convert to British National Grid coordinates"
        case .emptyCrimeType:
            return text + "the crime type is empty"
        }
    }
}
