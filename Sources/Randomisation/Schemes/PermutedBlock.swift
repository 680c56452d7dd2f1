/// Permuted blocks of randomly chosen sizes: the block sequence shared by the one-at-a-time and
/// the whole-cohort paths, so that both give the same arms.
///
/// Block *b* (from 0) of a stratum is drawn from its own sub-stream, numbered sub-stream *b* of
/// the stream labelled by the scheme and the stratum's values: its size is one of the block sizes, uniformly, and its contents are
/// each arm repeated size x ratio / ratio total times, in arm order, then shuffled. So nothing in
/// the earlier blocks (which a register stores) tells anything about the next block without the
/// seed.
enum PermutedBlock {
    /// Fills `buffer` from `offset` with block `index` of the stream `prefix` and returns the
    /// block's size.
    ///
    /// - Parameter buffer: at least `offset` + the largest block size long.
    @inline(__always)
    static func fill(
        _ buffer: inout [Int32], at offset: Int = 0, seed: UInt64, prefix: StreamLabel, index: Int, sizes: [Int],
        ratios: [Int], ratioTotal: Int
    ) -> Int {
        var generator = Xoshiro256StarStar(seed: seed, stream: prefix, index: UInt64(index))
        let size = sizes.count == 1 ? sizes[0] : sizes[generator.uniform(below: sizes.count)]
        let copies = size / ratioTotal
        var position = offset
        for (arm, ratio) in ratios.enumerated() {
            for _ in 0 ..< ratio * copies {
                buffer[position] = Int32(arm)
                position += 1
            }
        }
        var last = size - 1
        while last > 0 {
            let other = generator.uniform(below: last + 1)
            buffer.swapAt(offset + last, offset + other)
            last -= 1
        }
        return size
    }

    /// The stream prefix of a stratum: the scheme's name, then each stratum value.
    static func prefix(scheme: String, stratumValues: [String]) -> StreamLabel {
        var label = StreamLabel(scheme)
        for value in stratumValues { label.append(value) }
        return label
    }
}
