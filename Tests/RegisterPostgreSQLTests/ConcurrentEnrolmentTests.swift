import EnrolmentRegister
import Foundation
import RegisterPostgreSQL
import Testing

/// Several services enrolling into one PostgreSQL register at once.
@Suite(.enabled(if: hasServer, noServer)) struct ConcurrentEnrolmentTests {
    @Test func concurrentEnrolmentsFromSeveralConnectionsNeitherLoseNorDuplicateAnAllocation() async throws {
        let database = try ScratchDatabase()
        defer { database.drop() }
        try await PostgreSQLEnrolmentRegistry.create(
            at: database.url, study: jigsawStudy, secret: testSecret, source: .environment
        ).close()
        // Four services, each with its own connection pool, each enrolling from several tasks.
        var services: [PostgreSQLEnrolmentRegistry] = []
        for _ in 0..<4 {
            services.append(try await PostgreSQLEnrolmentRegistry(
                opening: database.url, secret: testSecret, source: .environment, study: jigsawStudy))
        }
        let people = 120
        let outcomes = try await withThrowingTaskGroup(of: EnrolmentOutcome.self) { group in
            for index in 0..<people {
                let service = services[index % services.count]
                group.addTask {
                    try await service.enrol(identifier: "person-\(index)", fields: eligibleFields(index), actor: "service-\(index % 4)")
                }
            }
            // Some people are enrolled twice at once, by two services: one allocation each.
            for index in 0..<10 {
                let service = services[(index + 1) % services.count]
                group.addTask {
                    try await service.enrol(identifier: "person-\(index)", fields: eligibleFields(index), actor: "late")
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let allocated = outcomes.compactMap { outcome -> EnrolmentRecord? in
            if case .allocated(let record) = outcome { record } else { nil }
        }
        let repeats = outcomes.filter { if case .alreadyEnrolled = $0 { true } else { false } }
        #expect(allocated.count == people)
        #expect(repeats.count == 10)
        #expect(Set(allocated.map(\.sequence)) == Set((1...Int64(people)).map { $0 }))
        #expect(Set(allocated.map(\.pseudonym)).count == people)
        let records = try await services[0].records()
        #expect(records == allocated.sorted { $0.sequence < $1.sequence })
        let verification = try await services[1].verifyAudit(study: jigsawStudy)
        #expect(verification.isIntact, "\(verification.problems)")
        #expect(verification.replayedAllocations == people)
        #expect(verification.entryCount == 1 + people + 10)
        for service in services { try await service.close() }
    }
}
