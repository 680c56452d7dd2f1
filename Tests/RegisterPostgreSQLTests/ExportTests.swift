import EnrolmentRegister
import Foundation
import RegisterPostgreSQL
import Testing

/// Exports from a PostgreSQL register: to text for a service, and to a file for the command line.
@Suite(.enabled(if: hasServer, noServer)) struct ExportTests {
    @Test func aFileExportIsRecordedWithTheFilesHash() async throws {
        let database = try ScratchDatabase()
        defer { database.drop() }
        let registry = try await PostgreSQLEnrolmentRegistry.create(
            at: database.url, study: jigsawStudy, secret: testSecret, source: .environment)
        for index in 0..<5 {
            _ = try await registry.enrol(identifier: "person-\(index)", fields: eligibleFields(index), actor: "j.smith")
        }
        let folder = temporaryFolder()
        let summary = try await registry.export(to: folder + "/allocations.csv", actor: "r.jones")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/allocations.csv"))
        #expect(summary.rows == 5)
        #expect(summary.sha256 == AllocationExportDigest.sha256(bytes))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["allocations.csv"])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == (try await registry.exportCSV(actor: "r.jones")).csv)
        #expect(!text.contains("person-"))

        // A folder that does not exist: nothing written, nothing recorded.
        let entries = try database.psql("SELECT count(*) FROM audit")
        await #expect(throws: (any Error).self) {
            try await registry.export(to: folder + "/missing/allocations.csv", actor: "r.jones")
        }
        #expect(try database.psql("SELECT count(*) FROM audit") == entries)
        #expect(try await registry.verifyAudit(study: jigsawStudy).isIntact)
        try await registry.close()
    }

    @Test func theKeyFileIsNeverOverwritten() async throws {
        let database = try ScratchDatabase()
        defer { database.drop() }
        let folder = temporaryFolder()
        let keyFile = folder + "/study.key"
        try testSecret.writeKeyFile(to: keyFile)
        let registry = try await PostgreSQLEnrolmentRegistry.create(
            at: database.url, study: jigsawStudy, secret: testSecret, source: .keyFile(keyFile))
        await #expect(throws: RegisterError.wouldOverwriteRegister(keyFile)) {
            try await registry.export(to: keyFile, actor: nil)
        }
        #expect(try StudySecret(keyFile: keyFile).hexadecimal == testSecret.hexadecimal)
        try await registry.close()
    }
}

/// SHA-256 of bytes, computed with the system's `sha256sum` so that the register's digest is
/// checked against an independent implementation.
enum AllocationExportDigest {
    static func sha256(_ data: Data) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try? process.run()
        input.fileHandleForWriting.write(data)
        try? input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }
}
