/// The version `prevent --version` prints.
enum PreventVersion {
    static let current = "0.1.0"
}
