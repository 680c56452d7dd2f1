/// A dense vector of `Double` with value semantics.
///
/// The elements are contiguous, so BLAS and LAPACK use them in place. Copies share that buffer
/// until one of them is mutated (copy-on-write). A vector is a random-access, mutable collection
/// of `Double`, so `map`, `reduce`, `for ... in` and `Array(vector)` work as usual, and it can be
/// written as an array literal:
///
/// ```swift
/// let y: Vector = [2.0, 1.1, 3.9]
/// ```
public struct Vector {
    @usableFromInline
    internal var _storage: _DoubleStorage

    @inlinable
    internal init(storage: _DoubleStorage) {
        self._storage = storage
    }
}

// Copies never mutate a shared buffer (see `_ensureUnique()`), so a `Vector` can cross
// concurrency domains like any other value.
extension Vector: @unchecked Sendable {}

// MARK: - Creating vectors

extension Vector {
    /// Creates a vector with every element equal to `value`.
    ///
    /// - Parameters:
    ///   - value: The value of every element.
    ///   - count: The number of elements, at least 0.
    /// - Complexity: O(`count`).
    @inlinable
    public init(repeating value: Double, count: Int) {
        precondition(count >= 0, "Vector: negative count \(count)")
        self.init(storage: .allocate(count: count, repeating: value))
    }

    /// Creates a vector of the given elements.
    ///
    /// - Parameter elements: The elements, in order.
    /// - Complexity: O(n) for n elements: one bulk copy when `elements` is contiguous.
    @inlinable
    public init(_ elements: some Sequence<Double>) {
        if let storage = elements.withContiguousStorageIfAvailable({ _DoubleStorage.allocate(copying: $0) }) {
            self.init(storage: storage)
        } else {
            let array = Array(elements)
            self.init(storage: array.withUnsafeBufferPointer { _DoubleStorage.allocate(copying: $0) })
        }
    }

    /// Creates a vector holding a copy of the given buffer.
    @inlinable
    internal init(copying elements: UnsafeBufferPointer<Double>) {
        self.init(storage: .allocate(copying: elements))
    }
}

extension Vector: ExpressibleByArrayLiteral {
    /// Creates a vector from an array literal.
    ///
    /// - Parameter elements: The elements, in order.
    /// - Complexity: O(n) for n elements.
    @inlinable
    public init(arrayLiteral elements: Double...) {
        self.init(elements)
    }
}

// MARK: - Collection

extension Vector: RandomAccessCollection, MutableCollection {
    /// The position of the first element: always 0.
    @inlinable
    public var startIndex: Int { 0 }

    /// The position one past the last element: the number of elements.
    @inlinable
    public var endIndex: Int { _storage.count }

    /// Accesses the element at the given position.
    ///
    /// - Parameter index: A position in `0 ..< count` (out of range traps).
    /// - Complexity: O(1), except that setting an element of a shared vector first copies it.
    @inlinable
    public subscript(index: Int) -> Double {
        get {
            precondition(index >= 0 && index < _storage.count, "Vector: index \(index) out of range 0..<\(_storage.count)")
            return _storage.withUnsafeMutablePointerToElements { $0[index] }
        }
        set {
            precondition(index >= 0 && index < _storage.count, "Vector: index \(index) out of range 0..<\(_storage.count)")
            _ensureUnique()
            _storage.withUnsafeMutablePointerToElements { $0[index] = newValue }
        }
    }

    /// Calls a closure with the contiguous elements; always available for a vector.
    ///
    /// - Parameter body: A closure that reads the elements.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    /// - Complexity: O(1).
    @inlinable
    public func withContiguousStorageIfAvailable<Result>(
        _ body: (UnsafeBufferPointer<Double>) throws -> Result
    ) rethrows -> Result? {
        try withUnsafeBufferPointer(body)
    }
}

// MARK: - Conformances

extension Vector: Equatable {
    /// Whether two vectors have the same count and exactly equal elements.
    ///
    /// Like `Double`'s `==`, a NaN element makes vectors unequal. For computed results use
    /// ``isApproximatelyEqual(to:absoluteTolerance:relativeTolerance:)``.
    ///
    /// - Complexity: O(`count`).
    public static func == (lhs: Vector, rhs: Vector) -> Bool {
        lhs.elementsEqual(rhs)
    }
}

extension Vector: CustomStringConvertible {
    /// The elements in brackets, like an array.
    public var description: String {
        "[" + map { "\($0)" }.joined(separator: ", ") + "]"
    }
}
