/// The facts of one predicate: rows of term ids stored flat, deduplicated on insert, with hash
/// indexes built on demand for each combination of bound columns a lookup needs.
///
/// Rows are append-only, so a round of semi-naive evaluation reads the rows that existed when
/// it started (`[0, snapshot)`) while it appends new ones, and the rows added in a round form
/// the next round's delta `[snapshot, count)`.
public final class Relation: @unchecked Sendable {
    /// The number of arguments.
    public let arity: Int
    /// All rows, `arity` ids each, in insertion order, in storage this relation owns. The
    /// pointer stays valid until the next insert: evaluation never inserts into a relation
    /// it is reading in the same round (new facts go to a pending relation first).
    public private(set) var base: UnsafeMutablePointer<TermID>
    private var capacity: Int
    /// The number of rows.
    public private(set) var count = 0
    /// Open-addressing set of row numbers for deduplication (-1 = empty).
    private var slots: [Int32] = [Int32](repeating: -1, count: 16)
    private var indexes: [HashIndex] = []
    private var indexByColumns: [[Int]: Int] = [:]
    /// Evaluation cursor: rows `[0, frontier)` are visible to the current round, and
    /// `[deltaStart, frontier)` are the previous round's new facts (the semi-naive delta).
    public var frontier = 0
    public var deltaStart = 0
    /// Sources of stated rows (row number → source entity ids); rows not here have none.
    public private(set) var sources: [Int32: [TermID]] = [:]

    public init(arity: Int, capacity: Int = 8) {
        self.arity = arity
        self.capacity = max(capacity, 1) * max(arity, 1)
        base = UnsafeMutablePointer<TermID>.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// All rows as one flat buffer.
    public var rows: UnsafeBufferPointer<TermID> { UnsafeBufferPointer(start: base, count: count * arity) }

    /// An independent copy (rows copied; indexes and sets are copy-on-write arrays).
    public func copy() -> Relation {
        let other = Relation(arity: arity, capacity: count)
        other.base.update(from: base, count: count * arity)
        other.count = count
        other.slots = slots
        other.indexes = indexes
        other.indexByColumns = indexByColumns
        other.sources = sources
        return other
    }

    // MARK: - Reading

    /// The id in column `column` of row `row`.
    @inline(__always)
    public func value(row: Int, column: Int) -> TermID { base[row * arity + column] }

    /// Row `row` as an array (for callers outside the hot path).
    public func row(_ row: Int) -> [TermID] { Array(UnsafeBufferPointer(start: base + row * arity, count: arity)) }

    /// True when the relation holds `tuple`.
    public func contains(_ tuple: UnsafeBufferPointer<TermID>) -> Bool {
        find(tuple) >= 0
    }

    /// True when the relation holds `tuple`.
    public func contains(_ tuple: [TermID]) -> Bool {
        tuple.withUnsafeBufferPointer { contains($0) }
    }

    /// The row number holding `tuple`, or -1.
    public func find(_ tuple: UnsafeBufferPointer<TermID>) -> Int {
        let mask = slots.count - 1
        var i = Relation.hash(tuple) & mask
        return slots.withUnsafeBufferPointer { sp in
            while true {
                let r = Int(sp[i])
                if r < 0 { return -1 }
                if equalRow(r, tuple) { return r }
                i = (i + 1) & mask
            }
        }
    }

    // MARK: - Writing

    /// Adds `tuple` unless present; returns true when it was new.
    @discardableResult
    public func insert(_ tuple: UnsafeBufferPointer<TermID>) -> Bool {
        if (count + 1) * 4 > slots.count * 3 { growSlots() }
        let mask = slots.count - 1
        var i = Relation.hash(tuple) & mask
        let found: Bool = slots.withUnsafeBufferPointer { sp in
            while true {
                let r = Int(sp[i])
                if r < 0 { return false }
                if equalRow(r, tuple) { return true }
                i = (i + 1) & mask
            }
        }
        if found { return false }
        slots[i] = Int32(count)
        if (count + 1) * arity > capacity { grow() }
        if let source = tuple.baseAddress { (base + count * arity).update(from: source, count: arity) }
        count += 1
        return true
    }

    /// Appends a tuple the caller knows is absent (a pending fact checked against this
    /// relation): no equality probe, only a slot for the dedup set.
    public func insertNew(_ tuple: UnsafeBufferPointer<TermID>) {
        if (count + 1) * 4 > slots.count * 3 { growSlots() }
        let mask = slots.count - 1
        var i = Relation.hash(tuple) & mask
        slots.withUnsafeMutableBufferPointer { sp in
            while sp[i] >= 0 { i = (i + 1) & mask }
            sp[i] = Int32(count)
        }
        if (count + 1) * arity > capacity { grow() }
        if let source = tuple.baseAddress { (base + count * arity).update(from: source, count: arity) }
        count += 1
    }

    /// Makes room for `additional` more rows without further reallocation.
    public func reserve(_ additional: Int) {
        let rowsNeeded = (count + additional) * arity
        if rowsNeeded > capacity {
            // Geometric growth: a relation reserved for every round must not be copied every round.
            let newCapacity = max(rowsNeeded, capacity * 2)
            let fresh = UnsafeMutablePointer<TermID>.allocate(capacity: newCapacity)
            fresh.update(from: base, count: count * arity)
            base.deallocate()
            base = fresh
            capacity = newCapacity
        }
        while (count + additional) * 4 > slots.count * 3 { growSlots() }
    }

    private func grow() {
        let fresh = UnsafeMutablePointer<TermID>.allocate(capacity: capacity * 2)
        fresh.update(from: base, count: count * arity)
        base.deallocate()
        base = fresh
        capacity *= 2
    }

    /// Adds `tuple` unless present; returns true when it was new.
    @discardableResult
    public func insert(_ tuple: [TermID]) -> Bool {
        tuple.withUnsafeBufferPointer { insert($0) }
    }

    /// Records that `tuple` (inserted if absent) was stated under `source`.
    public func insert(_ tuple: [TermID], source: TermID?) {
        insert(tuple)
        guard let source else { return }
        let r = tuple.withUnsafeBufferPointer { find($0) }
        guard r >= 0 else { return }
        var list = sources[Int32(r), default: []]
        if !list.contains(source) {
            list.append(source)
            sources[Int32(r)] = list
        }
    }

    /// Removes the row equal to `tuple` (rebuilding storage); returns true when one was there.
    public func remove(_ tuple: [TermID]) -> Bool {
        let r = tuple.withUnsafeBufferPointer { find($0) }
        guard r >= 0 else { return false }
        let keptSources = sources
        let old = Array(rows), oldCount = count
        clearAll()
        var moved: [Int32: [TermID]] = [:]
        for i in 0..<oldCount where i != r {
            insert(Array(old[i * arity ..< i * arity + arity]))
            if let s = keptSources[Int32(i)] { moved[Int32(count - 1)] = s }
        }
        restoreSources(moved)
        return true
    }

    func clearAll() {
        count = 0
        slots = [Int32](repeating: -1, count: 16)
        indexes = []
        indexByColumns = [:]
        sources = [:]
        frontier = 0
        deltaStart = 0
    }

    func restoreSources(_ kept: [Int32: [TermID]]) { sources = kept }

    private func growSlots() {
        let capacity = slots.count * 2
        var fresh = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for r in 0..<count {
            let tuple = UnsafeBufferPointer(start: base + r * arity, count: arity)
            var i = Relation.hash(tuple) & mask
            while fresh[i] >= 0 { i = (i + 1) & mask }
            fresh[i] = Int32(r)
        }
        slots = fresh
    }

    @inline(__always)
    private func equalRow(_ r: Int, _ tuple: UnsafeBufferPointer<TermID>) -> Bool {
        let row = base + r * arity
        for c in 0..<arity where row[c] != tuple[c] { return false }
        return true
    }

    @inline(__always)
    static func hash(_ tuple: UnsafeBufferPointer<TermID>) -> Int {
        var h: UInt64 = 0x51_7cc1
        for x in tuple { h = mixHash(h, x) }
        return finishHash(h)
    }

    // MARK: - Indexes

    /// The number of the index on `columns` (ascending), building it over all current rows.
    public func index(on columns: [Int]) -> Int {
        if let i = indexByColumns[columns] {
            if indexes[i].indexedCount < count { indexes[i].catchUp(rows: base, count: count, arity: arity) }
            return i
        }
        var index = HashIndex(columns: columns)
        index.catchUp(rows: base, count: count, arity: arity)
        indexes.append(index)
        indexByColumns[columns] = indexes.count - 1
        return indexes.count - 1
    }

    /// Brings every index up to date with the rows appended since (between evaluation rounds).
    public func catchUpIndexes() {
        for i in indexes.indices where indexes[i].indexedCount < count {
            indexes[i].catchUp(rows: base, count: count, arity: arity)
        }
    }

    /// The first row whose key (the index's columns) has `keyHash`, or -1; callers verify the key.
    @inline(__always)
    public func firstRow(index: Int, keyHash: Int) -> Int32 { indexes[index].head(hash: keyHash) }

    /// The next row in the same bucket chain, or -1.
    @inline(__always)
    public func nextRow(index: Int, after row: Int32) -> Int32 { indexes[index].after(row) }

    /// The hash of a key given as the values of the index's columns, in order.
    @inline(__always)
    public static func keyHash(_ key: UnsafeBufferPointer<TermID>) -> Int {
        var h: UInt64 = 0
        for x in key { h = mixHash(h, x) }
        return finishHash(h)
    }

    /// Bytes held by rows, the dedup set and the indexes (not the dictionary).
    public var memoryFootprint: Int {
        capacity * 4 + slots.capacity * 4 + indexes.reduce(0) { $0 + $1.memoryFootprint }
    }
}

extension Relation {
    /// Drops every row from `count` on (undoing a failed load): rows, dedup set, indexes and
    /// sources of the dropped rows.
    public func truncate(to newCount: Int) {
        guard newCount < count else { return }
        let kept = Array(UnsafeBufferPointer(start: base, count: newCount * arity))
        let keptSources = sources.filter { Int($0.key) < newCount }
        clearAll()
        for i in 0..<newCount { insert(Array(kept[i * arity ..< (i + 1) * arity])) }
        restoreSources(keptSources)
    }
}
