/// A hash index of a relation on a set of bound columns: bucket heads plus a `next` chain
/// per row, newest row first.
///
/// Rows of different keys may share a bucket, so readers check the key columns of each row
/// they visit. The index covers rows `[0, indexedCount)`; rows appended since are added by
/// `catchUp`, which the evaluator calls between rounds so that no chain changes while it is
/// being walked.
@usableFromInline
struct HashIndex {
    /// The columns whose values form the key, in ascending order.
    let columns: [Int]
    @usableFromInline private(set) var buckets: [Int32] = []
    @usableFromInline private(set) var next: [Int32] = []
    @usableFromInline private(set) var indexedCount = 0

    init(columns: [Int]) { self.columns = columns }

    /// Adds rows `[indexedCount, count)` of `rows`, growing the table when it is full.
    mutating func catchUp(rows: UnsafeMutablePointer<TermID>, count: Int, arity: Int) {
        if count <= indexedCount { return }
        if count > buckets.count {
            var capacity = max(16, buckets.count)
            while capacity < count { capacity *= 2 }
            buckets = [Int32](repeating: -1, count: capacity)
            next = [Int32](repeating: -1, count: count)
            indexedCount = 0
        } else {
            next.append(contentsOf: repeatElement(-1, count: count - next.count))
        }
        let mask = buckets.count - 1
        let columns = self.columns, from = indexedCount
        var heads = buckets, chain = next
        buckets = []
        next = []
        heads.withUnsafeMutableBufferPointer { bp in
            chain.withUnsafeMutableBufferPointer { np in
                for row in from..<count {
                    var h: UInt64 = 0
                    for c in columns { h = mixHash(h, rows[row * arity + c]) }
                    let b = finishHash(h) & mask
                    np[row] = bp[b]
                    bp[b] = Int32(row)
                }
            }
        }
        buckets = heads
        next = chain
        indexedCount = count
    }

    /// The first row of the chain for a key with this hash (or -1).
    @inlinable @inline(__always)
    func head(hash: Int) -> Int32 {
        buckets.isEmpty ? -1 : buckets[hash & (buckets.count - 1)]
    }

    /// Calls `body` with the bucket heads, the mask that maps a key hash to its bucket, and
    /// the chain links by row (a bucket of an empty index holds -1).
    @inlinable @inline(__always)
    func withChains<R>(_ body: (UnsafePointer<Int32>, Int, UnsafePointer<Int32>) throws -> R) rethrows -> R {
        try buckets.withUnsafeBufferPointer { heads in
            try next.withUnsafeBufferPointer { links in
                guard heads.count > 0, links.count > 0, let h = heads.baseAddress, let l = links.baseAddress else {
                    var empty: Int32 = -1
                    return try withUnsafePointer(to: &empty) { try body($0, 0, $0) }
                }
                return try body(h, heads.count - 1, l)
            }
        }
    }

    /// The row after `row` in its chain (or -1).
    @inlinable @inline(__always)
    func after(_ row: Int32) -> Int32 { next[Int(row)] }

    /// Bytes held by the index.
    var memoryFootprint: Int { (buckets.capacity + next.capacity) * 4 }
}
