/// An error about a file's contents that the library reported without the file's name (a missing
/// column, say), with the name put in front so the user knows which file to open.
struct FileContextError: Error, CustomStringConvertible {
    let file: String
    let underlying: any Error

    var description: String { "\(file): \(underlying)" }
}
