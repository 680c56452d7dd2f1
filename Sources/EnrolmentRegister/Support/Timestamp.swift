import Foundation

/// Times as the register records them: ISO 8601 in UTC to the millisecond,
/// `2026-11-21T16:03:46.123Z`, which sorts in time order as text.
package enum Timestamp {
    package static func string(from date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(milliseconds.quotientAndRemainder(dividingBy: 1000).quotient)
        var remainder = milliseconds - Int64(seconds) * 1000
        if remainder < 0 { remainder += 1000; seconds -= 1 }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(remainder))
    }
}
