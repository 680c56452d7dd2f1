import DataTables
import Foundation
import Testing
import Spatial

/// Writes `contents` to a new file in a fresh temporary folder and returns its path.
private func crimesFile(_ contents: String, named name: String = "crimes.csv") throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("preventkit-crimepoints-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent(name)
    try contents.write(to: file, atomically: true, encoding: .utf8)
    return file.path
}

@Test func crimePointsReadCoordinatesAndTypes() throws {
    let file = try crimesFile("id,easting,northing,offence\n1,500100,200100,drugs\n2,500200.5,200200,burglary\n3,500300,200300,drugs\n")
    let crimes = try CrimePoints(csvFile: file, xColumn: "easting", yColumn: "northing", typeColumn: "offence")
    #expect(crimes.file == file)
    #expect(crimes.points == [Point(x: 500_100, y: 200_100), Point(x: 500_200.5, y: 200_200), Point(x: 500_300, y: 200_300)])
    #expect(crimes.typeCodes.map { crimes.types[Int($0)] } == ["drugs", "burglary", "drugs"])
    #expect(crimes.coordinateSystem == .bng)
    let grid = GridDefinition(origin: Point(x: 500_000, y: 200_000), cellSize: 100, columns: 2, rows: 2)
    let counts = try crimes.counts(on: grid)
    #expect(counts.layer(for: "drugs")?.sum == 1)
    #expect(counts.outsideCounts[Int(crimes.typeCodes[0])] == 1)
}

@Test func crimePointsWithoutATypeColumnAreAllOneType() throws {
    let file = try crimesFile("x,y\n1,2\n3,4\n")
    let crimes = try CrimePoints(csvFile: file, xColumn: "x", yColumn: "y", coordinates: .projected("EPSG:32630"))
    #expect(crimes.types == ["all"])
    #expect(crimes.typeCodes == [0, 0])
    #expect(crimes.coordinateSystem == .projected("EPSG:32630"))
    #expect(crimes.points == [Point(x: 1, y: 2), Point(x: 3, y: 4)])
}

@Test func crimePointsConvertLongitudeAndLatitudeToTheNationalGrid() throws {
    let file = try crimesFile("lon,lat\n-0.1278,51.5080\n")
    let crimes = try CrimePoints(csvFile: file, xColumn: "lon", yColumn: "lat", coordinates: .wgs84)
    #expect(crimes.coordinateSystem == .bng)
    #expect(crimes.points == [BritishNationalGrid.point(longitude: -0.1278, latitude: 51.5080)])
    // pyproj (EPSG:4326 to EPSG:27700): about E 530027, N 180446; the conversion is good to 5 m.
    #expect(abs(crimes.points[0].x - 530_027) < 5 && abs(crimes.points[0].y - 180_446) < 5)
}

/// A kind of bad crimes file and what the error must say about where the problem is.
struct CrimePointsBadCase: Sendable, CustomStringConvertible {
    let description: String
    let contents: String
    let line: Int?
    let column: Int?
    let reason: CrimePointsError.Reason
    let message: String
}

private let crimePointsBadCases: [CrimePointsBadCase] = [
    CrimePointsBadCase(description: "missing northing", contents: "offence,easting,northing\ndrugs,500100,200100\ndrugs,500200,\n",
                       line: 3, column: 3, reason: .missingCoordinate, message: ":3: column 3 'northing': the coordinate is missing"),
    CrimePointsBadCase(description: "infinite easting", contents: "offence,easting,northing\ndrugs,500100,200100\ndrugs,500100,1\ndrugs,inf,200200\n",
                       line: 4, column: 2, reason: .nonFiniteCoordinate, message: ":4: column 2 'easting': the coordinate is not finite"),
    CrimePointsBadCase(description: "empty crime type", contents: "offence,easting,northing\ndrugs,500100,200100\n,500200,200200\n",
                       line: 3, column: 1, reason: .emptyCrimeType, message: ":3: column 1 'offence': the crime type is empty"),
    CrimePointsBadCase(description: "unknown column", contents: "offence,east,northing\ndrugs,500100,200100\n",
                       line: nil, column: nil, reason: .missingColumn("easting", header: "offence,east,northing"),
                       message: ": no column 'easting' (columns: offence,east,northing)"),
]

@Test(arguments: crimePointsBadCases)
func crimePointsErrorsNameTheFileLineAndColumn(_ badCase: CrimePointsBadCase) throws {
    let file = try crimesFile(badCase.contents)
    let error = try #require(throws: CrimePointsError.self) {
        try CrimePoints(csvFile: file, xColumn: "easting", yColumn: "northing", typeColumn: "offence")
    }
    #expect(error.file == file)
    #expect(error.line == badCase.line)
    #expect(error.column == badCase.column)
    #expect(error.reason == badCase.reason)
    #expect(error.description == file + badCase.message)
}

@Test func crimePointsPassOnTheCSVReadersErrors() throws {
    let file = try crimesFile("offence,easting,northing\ndrugs,500100,200100\ndrugs,abc,200200\n")
    let error = try #require(throws: CSVError.self) {
        try CrimePoints(csvFile: file, xColumn: "easting", yColumn: "northing", typeColumn: "offence")
    }
    #expect(error.line == 3 && error.column == 2 && error.reason == .notANumber("abc"))
}

@Test func crimePointsNameAColumnOfTheWrongKind() throws {
    let file = try crimesFile("easting,northing\n500100,200100\n")
    let error = try #require(throws: CrimePointsError.self) {
        try CrimePoints(csvFile: file, xColumn: "easting", yColumn: "northing", typeColumn: "easting")
    }
    #expect(error.reason == .table(.wrongColumnKind(name: "easting", expected: .numeric, actual: .categorical)))
    #expect(error.description.hasPrefix(file + ": column 'easting' is "))
}

@Test func crimePointsFromATableInMemoryAreCheckedAsFromAFile() throws {
    let good = DataTable([("x", .numeric(NumericColumn([1, 2]))), ("y", .numeric(NumericColumn([1, 2])))])
    let crimes = try CrimePoints(table: good, file: "memory.csv", xColumn: "x", yColumn: "y")
    let counts = try crimes.counts(on: GridDefinition(origin: Point(x: 0, y: 0), cellSize: 1, columns: 2, rows: 2))
    #expect(counts.insideTotal == 2)
    let bad = DataTable([("x", .numeric(NumericColumn([1, 2]))), ("y", .numeric(NumericColumn([1, .nan])))])
    let error = try #require(throws: CrimePointsError.self) {
        try CrimePoints(table: bad, file: "memory.csv", xColumn: "x", yColumn: "y")
    }
    #expect(error.description == "memory.csv:3: column 2 'y': the coordinate is missing")
    #expect(CrimePoints.line(ofRow: 1) == 3)
}
