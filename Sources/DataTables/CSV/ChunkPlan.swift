import Foundation

/// A piece of the data rows, parsed by one task: whole records only.
struct Chunk {
    /// The offset of the chunk's first byte (the start of a record).
    var start: Int
    /// The offset just past the chunk; records starting before it belong to this chunk.
    var end: Int
    /// An upper bound on the records in the chunk: its line feeds, plus one for a last line
    /// without a line end.
    var rowCapacity: Int
    /// The row index of the chunk's first record in the first pass's (padded) output.
    var rowBase: Int
}

/// Splits the data rows into chunks that start at record boundaries.
enum ChunkPlan {
    /// The chunk count chosen for `byteCount` bytes of rows: a few per processor, so that
    /// uneven chunks still balance, and none tiny.
    static func automaticCount(byteCount: Int) -> Int {
        guard byteCount >= 1 << 20 else { return 1 }
        let perProcessor = max(2, byteCount / (4 << 20) / max(Parallel.processorCount, 1))
        return min(max(Parallel.processorCount * perProcessor, 2), byteCount / (256 << 10))
    }

    /// Chunks covering `start..<end` of `data`, about `count` of them.
    ///
    /// One parallel scan over equal slices counts their line feeds and looks for quotes.
    /// Without any quote byte in the rows, any line feed ends a record, so each boundary
    /// moves to just past the first line feed at or after its slice's start. With quotes, a
    /// line feed ends a record only outside quotes, judged by the parity of the quotes before
    /// it; a stray quote inside an unquoted field can fool that, which the parser detects
    /// (chunks then fail to meet) and answers by parsing in one piece.
    ///
    /// - Complexity: O(*n*) in the bytes, spread over the processors.
    static func make(data: UnsafePointer<UInt8>, start: Int, end: Int, count requested: Int) -> [Chunk] {
        let length = end - start
        let count = max(1, min(requested, length / 64))
        let step = length / count
        let sliceStarts = (0...count).map { $0 == count ? end : start + $0 * step }
        let slices = Parallel.map(count) { slice in
            LineCounter.scan(data + sliceStarts[slice], count: sliceStarts[slice + 1] - sliceStarts[slice])
        }
        let hasQuotes = slices.contains { $0.hasQuote }

        // Each boundary, with the number of line feeds before it: those of the whole slices
        // before its slice, plus those between its slice's start and it.
        var boundaries = [(offset: start, lineFeedsBefore: 0)]
        var quoteScan = QuoteParity(data: data, position: start)
        var lineFeedsBeforeSlice = slices[0].lineFeeds
        for slice in 1..<max(count, 1) {
            defer { lineFeedsBeforeSlice += slices[slice].lineFeeds }
            let target = sliceStarts[slice]
            guard target >= boundaries.last!.offset else { continue }
            let boundary: Int
            if hasQuotes {
                boundary = quoteScan.recordStart(atOrAfter: target, end: end)
            } else if let found = memchr(data + target, Int32(ASCII.lineFeed), end - target) {
                boundary = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - data + 1
            } else {
                boundary = end
            }
            guard boundary > boundaries.last!.offset, boundary < end else { continue }
            let skipped = LineCounter.lineFeeds(in: data + target, count: boundary - target)
            boundaries.append((boundary, lineFeedsBeforeSlice + skipped))
        }
        let totalLineFeeds = slices.reduce(0) { $0 + $1.lineFeeds }
        boundaries.append((end, totalLineFeeds))

        var chunks: [Chunk] = []
        var rowBase = 0
        for index in 0..<(boundaries.count - 1) {
            let (chunkStart, before) = boundaries[index]
            let (chunkEnd, after) = boundaries[index + 1]
            var capacity = after - before
            if chunkEnd == end, chunkEnd > chunkStart, data[chunkEnd - 1] != ASCII.lineFeed { capacity += 1 }
            chunks.append(Chunk(start: chunkStart, end: chunkEnd, rowCapacity: capacity, rowBase: rowBase))
            rowBase += capacity
        }
        return chunks
    }
}

/// Walks forward through the data tracking whether it is inside quotes.
private struct QuoteParity {
    let data: UnsafePointer<UInt8>
    /// Every byte before `position` has been accounted for in `insideQuotes`.
    var position: Int
    var insideQuotes = false

    init(data: UnsafePointer<UInt8>, position: Int) {
        self.data = data
        self.position = position
    }

    /// The first record start at or after `target`: just past a line feed outside quotes.
    mutating func recordStart(atOrAfter target: Int, end: Int) -> Int {
        // Jump from quote to quote up to the target.
        while position < target {
            guard let found = memchr(data + position, Int32(ASCII.quote), target - position) else {
                position = target
                break
            }
            insideQuotes.toggle()
            position = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - data + 1
        }
        while position < end {
            let byte = data[position]
            position += 1
            if byte == ASCII.quote {
                insideQuotes.toggle()
            } else if byte == ASCII.lineFeed, !insideQuotes {
                return position
            }
        }
        return end
    }
}
