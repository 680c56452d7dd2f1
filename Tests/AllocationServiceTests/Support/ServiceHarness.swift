import AllocationService
import EnrolmentRegister
import Foundation
import Hummingbird
import HummingbirdTesting

/// A fresh register for the fixture study, an accounts file with one account of each role, and
/// the service over them, in a temporary folder.
struct ServiceHarness {
    static let password = "correct horse battery staple"
    static let roles: [(name: String, role: Role)] = [
        ("enroller1", .enroller), ("researcher1", .researcher), ("auditor1", .auditor), ("admin1", .admin),
    ]

    let folder: String
    let registerPath: String
    let accounts: AccountStore
    let operations: ServiceOperations
    let service: AllocationService

    init(configuration: ServiceConfiguration = ServiceConfiguration(secureCookies: false, passwordCost: 4)) throws {
        folder = NSTemporaryDirectory() + "allocation-service-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        registerPath = folder + "/register.sqlite"
        let study = try StudyFile(contentsOfFile: Self.studyPath)
        let register = try EnrolmentRegister.create(
            at: registerPath, study: study, secret: StudySecret.generate(), source: .environment)
        let registry = SQLiteEnrolmentRegistry(register)
        accounts = try AccountStore.openOrCreate(registerPath + ".accounts")
        let hasher = PasswordHasher(cost: 4)
        for (name, role) in Self.roles {
            try accounts.add(name: name, role: role, passwordHash: hasher.hashBlocking(Self.password))
        }
        operations = ServiceOperations(
            register: ServiceRegister(registry: registry, study: study), accounts: accounts, configuration: configuration)
        service = AllocationService(operations: operations)
    }

    static var studyPath: String {
        Bundle.module.url(forResource: "study", withExtension: "yaml", subdirectory: "Fixtures")!.path
    }

    /// Runs a test against the router.
    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try await service.makeApplication().test(.router, body)
    }

    /// Fields of an eligible person.
    static func eligibleFields(age: String = "15", risk: String = "high", area: String = "north") -> [String: String] {
        ["age": age, "sex": "male", "risk_band": risk, "area": area, "prior_offences": "2", "ocg_link": "yes", "consent": "yes"]
    }
}
