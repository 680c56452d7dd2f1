/// A YAML value kept as read, for protocol sections this version does not interpret.
///
/// Scalars keep their text exactly as written (`yes` stays `yes`, `007` stays `007`), so that the
/// part of the toolkit that later reads the section decides what it means.
public indirect enum ProtocolValue: Sendable, Hashable {
    /// A scalar's text.
    case scalar(String)
    /// A sequence of values.
    case sequence([ProtocolValue])
    /// A mapping, its entries in file order.
    case mapping([Entry])

    /// One key and value of a mapping.
    public struct Entry: Sendable, Hashable {
        /// The key's text.
        public var key: String
        /// The value.
        public var value: ProtocolValue

        /// Creates an entry.
        public init(key: String, value: ProtocolValue) {
            self.key = key
            self.value = value
        }
    }

    /// The value of `key` when this is a mapping that has it.
    public subscript(key: String) -> ProtocolValue? {
        guard case let .mapping(entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }
}
