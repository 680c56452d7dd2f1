import Foundation
import StudyProtocol

/// The study's `outcomes:` section: where the offence records and harm weights are, the length of
/// follow-up, and the cohort's columns of allocation dates and dates lost to follow-up.
///
/// ```yaml
/// outcomes:
///   offences: offences.csv                 # id, offence_date, offence_code, proactive
///   harm_weights: harm-weights.csv         # offence_code, harm_days
///   follow_up_days: 365
///   allocation_date: allocation_date       # cohort column
///   lost_to_follow_up: lost_to_follow_up   # cohort column (empty when followed up)
/// ```
public struct OutcomeSettings: Sendable, Hashable {
    /// The offence records file, resolved against the study's folder.
    public var offencesFile: String
    /// The harm weights file, resolved against the study's folder.
    public var harmWeightsFile: String
    /// Days of follow-up from each person's allocation date; at least 1.
    public var followUpDays: Int
    /// The cohort's column of allocation dates.
    public var allocationDateColumn: String
    /// The cohort's column of dates lost to follow-up (empty when followed up).
    public var lostToFollowUpColumn: String

    /// The keys the section may have.
    public static let keys = ["offences", "harm_weights", "follow_up_days", "allocation_date", "lost_to_follow_up"]

    /// Reads the section.
    ///
    /// - Parameters:
    ///   - section: the section as read from the study file; `nil` when it is missing.
    ///   - studyFile: the study file, named in errors; relative file names are taken relative to
    ///     its folder.
    /// - Throws: `StudyProtocolError` listing every problem at once with its key path
    ///   (`outcomes.follow_up_days: 'a year' is not a whole number of days`).
    public init(section: ProtocolValue?, studyFile: String) throws {
        var problems: [StudyProtocolError.Problem] = []
        func report(_ path: String, _ message: String) { problems.append(.init(keyPath: path, message: message)) }
        guard let section else {
            throw StudyProtocolError(file: studyFile, problems: [.init(
                keyPath: "outcomes", message: "the study has no outcomes section; give offences, harm_weights and follow_up_days")])
        }
        guard case let .mapping(entries) = section else {
            throw StudyProtocolError(file: studyFile, problems: [.init(keyPath: "outcomes", message: "expected a mapping of keys to values")])
        }
        var values: [String: String] = [:]
        for entry in entries {
            let path = "outcomes.\(entry.key)"
            guard Self.keys.contains(entry.key) else {
                report(path, "unknown key '\(entry.key)' (expected one of: \(Self.keys.joined(separator: ", ")))")
                continue
            }
            guard case let .scalar(text) = entry.value else {
                report(path, "expected a single value")
                continue
            }
            guard !text.isEmpty, text != "~", text != "null" else {
                report(path, "expected a value, found nothing")
                continue
            }
            values[entry.key] = text
        }
        for key in ["offences", "harm_weights", "follow_up_days"] where values[key] == nil && !problems.contains(where: { $0.keyPath == "outcomes.\(key)" }) {
            report("outcomes.\(key)", "is missing")
        }
        var days = 0
        if let text = values["follow_up_days"] {
            if let number = Int(text), number >= 1 {
                days = number
            } else {
                report("outcomes.follow_up_days", "'\(text)' is not a whole number of days of at least 1")
            }
        }
        guard problems.isEmpty else { throw StudyProtocolError(file: studyFile, problems: problems) }
        let folder = (studyFile as NSString).deletingLastPathComponent
        func resolve(_ name: String) -> String {
            name.hasPrefix("/") || folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
        }
        offencesFile = resolve(values["offences"]!)
        harmWeightsFile = resolve(values["harm_weights"]!)
        followUpDays = days
        allocationDateColumn = values["allocation_date"] ?? "allocation_date"
        lostToFollowUpColumn = values["lost_to_follow_up"] ?? "lost_to_follow_up"
    }
}
