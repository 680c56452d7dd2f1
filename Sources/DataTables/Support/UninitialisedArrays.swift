import Foundation

/// Builds several arrays at once whose elements are written by other code, in place.
///
/// The CSV reader writes each parsed number straight into its column's final `[Double]` from
/// several threads. `Array(unsafeUninitializedCapacity:)` hands out storage only inside its
/// closure, so one closure is nested per array and the innermost runs `fill` with every
/// array's storage. This avoids a second copy of the data; wide tables, where the nesting
/// would be deep, fill temporary storage and copy instead.
enum UninitialisedArrays {
    /// Nesting depth above which temporary storage and a copy are used.
    static let maximumNesting = 128

    /// Creates `count` arrays of up to `capacity` elements each, filled by `fill`.
    ///
    /// - Parameters:
    ///   - count: the number of arrays.
    ///   - capacity: the room in each array.
    ///   - fill: given each array's first element, writes the elements and returns how many
    ///     (the same for every array, at most `capacity`) are now initialised.
    /// - Returns: the arrays, in order.
    static func make<Element: BitwiseCopyable>(
        count: Int,
        capacity: Int,
        fill: (UnsafeMutableBufferPointer<UnsafeMutablePointer<Element>>) -> Int
    ) -> [[Element]] {
        let pointers = UnsafeMutableBufferPointer<UnsafeMutablePointer<Element>>.allocate(capacity: max(count, 1))
        defer { pointers.deallocate() }
        let roomy = max(capacity, 1)

        guard count <= maximumNesting else {
            let storage = (0..<count).map { _ in
                let memory = Memory.allocate(byteCount: roomy * MemoryLayout<Element>.stride, alignment: 64)
                return memory.bindMemory(to: Element.self, capacity: roomy)
            }
            defer { storage.forEach { free($0) } }
            for index in 0..<count { pointers[index] = storage[index] }
            let filled = fill(pointers)
            return storage.map { Array(UnsafeBufferPointer(start: $0, count: filled)) }
        }

        var arrays: [[Element]] = []
        arrays.reserveCapacity(count)
        var filled = 0
        func nest(_ depth: Int) {
            if depth == count {
                filled = fill(pointers)
                return
            }
            let array = [Element](unsafeUninitializedCapacity: roomy) { buffer, initialised in
                Memory.adviseHugePages(UnsafeMutableRawPointer(buffer.baseAddress!), byteCount: roomy * MemoryLayout<Element>.stride)
                pointers[depth] = buffer.baseAddress!
                nest(depth + 1)
                initialised = filled
            }
            arrays.append(array)
        }
        nest(0)
        // The outermost closure returns last, so its array was appended last.
        return arrays.reversed()
    }
}
