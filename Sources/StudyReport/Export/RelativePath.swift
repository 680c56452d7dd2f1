import Foundation

/// Paths between folders, for commands written in one folder that name another.
public enum RelativePath {
    /// The path of `target` as seen from `base` (both folders), such as `../../Studies/trial`.
    ///
    /// - Parameters:
    ///   - target: the folder to reach.
    ///   - base: the folder to start from.
    /// - Returns: a relative path, or `.` when they are the same folder.
    public static func of(_ target: String, from base: String) -> String {
        let to = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
        let from = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
        var shared = 0
        while shared < min(to.count, from.count) && to[shared] == from[shared] { shared += 1 }
        let parts = Array(repeating: "..", count: from.count - shared) + to[shared...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
