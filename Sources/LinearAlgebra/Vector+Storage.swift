// Copy-on-write and scoped access to a vector's buffer.

extension Vector {
    /// Makes the storage unique before a mutation, copying it if another value shares it.
    ///
    /// The check is inlined into every mutation; the copy is not, so it stays out of hot loops.
    @inlinable
    internal mutating func _ensureUnique() {
        if !isKnownUniquelyReferenced(&_storage) { _makeUniqueCopy() }
    }

    @inline(never)
    @usableFromInline
    internal mutating func _makeUniqueCopy() {
        _storage = _storage.copy()
    }

    /// Calls a closure with a pointer to the elements.
    ///
    /// The pointer is valid only inside `body`.
    ///
    /// - Parameter body: A closure that reads the elements.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    /// - Complexity: O(1).
    @inlinable
    public func withUnsafeBufferPointer<Result>(
        _ body: (UnsafeBufferPointer<Double>) throws -> Result
    ) rethrows -> Result {
        try _storage.withUnsafeMutablePointerToElements { elements in
            try body(UnsafeBufferPointer(start: elements, count: _storage.count))
        }
    }

    /// Calls a closure with a mutable pointer to the elements.
    ///
    /// The pointer is valid only inside `body`, and `body` must not access this vector other
    /// than through it.
    ///
    /// - Parameter body: A closure that reads and writes the elements.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    /// - Complexity: O(1), or O(`count`) if the storage is shared and must be copied.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<Result>(
        _ body: (UnsafeMutableBufferPointer<Double>) throws -> Result
    ) rethrows -> Result {
        _ensureUnique()
        return try _storage.withUnsafeMutablePointerToElements { elements in
            try body(UnsafeMutableBufferPointer(start: elements, count: _storage.count))
        }
    }
}
