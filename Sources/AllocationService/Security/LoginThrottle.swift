import Foundation

/// Counts failed sign-ins per account name and per client address, and refuses further attempts
/// once either has failed too often within a window.
///
/// The counts are kept in memory: a restart clears them, which an attacker cannot cause.
public actor LoginThrottle {
    /// How many failures within ``window`` are allowed before attempts are refused.
    public let limit: Int
    /// The window, in seconds.
    public let window: Double

    private var failures: [String: [Date]] = [:]

    /// Creates a throttle.
    ///
    /// - Parameters:
    ///   - limit: failures allowed within the window; default 5.
    ///   - window: seconds; default 15 minutes.
    public init(limit: Int = 5, window: Double = 15 * 60) {
        precondition(limit >= 1 && window > 0, "a throttle allows at least one failure in a positive window")
        self.limit = limit
        self.window = window
    }

    /// Whether a sign-in for this account from this address may be attempted now.
    func allows(account: String, address: String, now: Date = Date()) -> Bool {
        recent(Self.accountKey(account), now: now) < limit && recent(Self.addressKey(address), now: now) < limit
    }

    /// Records a failed sign-in.
    func recordFailure(account: String, address: String, now: Date = Date()) {
        for key in [Self.accountKey(account), Self.addressKey(address)] {
            failures[key, default: []].append(now)
        }
        // Names and addresses tried once are never checked again: forget them once they expire.
        if failures.count > 10_000 {
            failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) <= window } }
        }
    }

    /// Clears an account's failures after it signed in.
    func recordSuccess(account: String) {
        failures[Self.accountKey(account)] = nil
    }

    private func recent(_ key: String, now: Date) -> Int {
        guard var times = failures[key] else { return 0 }
        times.removeAll { now.timeIntervalSince($0) > window }
        failures[key] = times.isEmpty ? nil : times
        return times.count
    }

    private static func accountKey(_ account: String) -> String { "account:" + account.lowercased() }
    private static func addressKey(_ address: String) -> String { "address:" + address }
}
