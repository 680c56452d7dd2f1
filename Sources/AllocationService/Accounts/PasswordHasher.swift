import Dispatch
import HummingbirdBcrypt

/// Hashes and checks passwords with bcrypt, away from the threads that serve requests.
///
/// bcrypt is deliberately slow (2^cost rounds of the Blowfish key schedule), so every hash runs
/// on a global dispatch queue rather than blocking Swift's cooperative pool.
public struct PasswordHasher: Sendable {
    /// The default cost: 12 (about a quarter of a second a hash on a current processor).
    public static let defaultCost: UInt8 = 12

    /// log2 of bcrypt's rounds, from 4 to 31.
    public let cost: UInt8

    /// Creates a hasher.
    ///
    /// - Parameter cost: log2 of the rounds, 4 to 31; default ``defaultCost``. Costs below 10 are
    ///   for tests only.
    /// - Precondition: `4...31` contains `cost`.
    public init(cost: UInt8 = PasswordHasher.defaultCost) {
        precondition((4...31).contains(cost), "a bcrypt cost is from 4 to 31")
        self.cost = cost
    }

    /// The bcrypt hash of a password, with a new random salt.
    public func hash(_ password: String) async -> String {
        let cost = self.cost
        return await Self.offPool { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether a password matches a bcrypt hash.
    public func verify(_ password: String, against hash: String) async -> Bool {
        await Self.offPool { Bcrypt.verify(password, hash: hash) }
    }

    /// The bcrypt hash of a password, computed on the calling thread (for the command line).
    public func hashBlocking(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
