/// The heap buffer behind ``Matrix`` and ``Vector``: a count, then that many contiguous `Double`s.
///
/// Modelled on `Deque._Storage` in swift-collections: one tail-allocated `ManagedBuffer`, shared by
/// every copy of a value until one of them is mutated. The value types own the copy-on-write logic
/// (`_ensureUnique()`); this class only allocates and copies.
///
/// `Double` is a trivial type, so the elements need no deinitialisation when the buffer is freed.
@usableFromInline
internal final class _DoubleStorage: ManagedBuffer<Int, Double> {

    /// Allocates a buffer of `count` uninitialised elements.
    @inlinable
    internal static func allocate(count: Int) -> _DoubleStorage {
        let object = _DoubleStorage.create(minimumCapacity: count) { _ in count }
        return unsafeDowncast(object, to: _DoubleStorage.self)
    }

    /// Allocates a buffer of `count` elements, each equal to `value`.
    @inlinable
    internal static func allocate(count: Int, repeating value: Double) -> _DoubleStorage {
        let storage = allocate(count: count)
        storage.withUnsafeMutablePointerToElements { $0.initialize(repeating: value, count: count) }
        return storage
    }

    /// Allocates a buffer holding a copy of `elements`.
    @inlinable
    internal static func allocate(copying elements: UnsafeBufferPointer<Double>) -> _DoubleStorage {
        let storage = allocate(count: elements.count)
        if let base = elements.baseAddress {
            storage.withUnsafeMutablePointerToElements { $0.initialize(from: base, count: elements.count) }
        }
        return storage
    }

    /// The number of elements.
    @inlinable
    internal var count: Int { header }

    /// Returns a new, unshared buffer with the same elements.
    @inlinable
    internal func copy() -> _DoubleStorage {
        withUnsafeMutablePointerToElements { elements in
            _DoubleStorage.allocate(copying: UnsafeBufferPointer(start: elements, count: count))
        }
    }
}
