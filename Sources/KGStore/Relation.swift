/// The facts of one predicate: rows of term ids stored flat, deduplicated on insert, with hash
/// indexes built on demand for each combination of bound columns a lookup needs.
///
/// Rows are append-only, so a round of semi-naive evaluation reads the rows that existed when
/// it started (`[0, frontier)`) while it appends new facts after them, and the rows appended
/// in one round form the next round's delta `[deltaStart, frontier)`.
public final class Relation: @unchecked Sendable {
    /// The number of arguments.
    public let arity: Int
    /// All rows, `arity` ids each, in insertion order, in storage this relation owns. An
    /// insert may move them (when the buffer grows); see `keepsReplacedBuffers`.
    public var base: UnsafeMutablePointer<TermID> { buffer.base }
    private var buffer: RowBuffer
    /// While true, a buffer the rows outgrow is kept until `releaseReplacedBuffers`, so a
    /// reader that took `base` before an insert still reads valid memory: rows are never
    /// changed once written, only appended. Recursive evaluation sets it for the relations it
    /// both scans and inserts into within one round. (Large relations live in a reservation
    /// that grows in place, so they rarely move at all.)
    public var keepsReplacedBuffers = false
    /// The number of rows.
    public private(set) var count = 0
    /// Which rows the relation holds, for deduplication.
    @usableFromInline var set: RowSet
    /// False after rows were appended unchecked (`appendDistinct`): the set is rebuilt from
    /// the rows when a lookup or insert first needs it.
    @usableFromInline var setIsCurrent = true
    @usableFromInline var indexes: [HashIndex] = []
    private var indexByColumns: [[Int]: Int] = [:]
    /// Evaluation cursor: rows `[0, frontier)` are visible to the current round, and
    /// `[deltaStart, frontier)` are the previous round's new facts (the semi-naive delta).
    public var frontier = 0
    public var deltaStart = 0
    /// Sources of stated rows (row number → source entity ids); rows not here have none.
    public private(set) var sources: [Int32: [TermID]] = [:]

    public init(arity: Int, capacity: Int = 8) {
        self.arity = arity
        buffer = RowBuffer(capacity: max(capacity, 1) * max(arity, 1))
        set = RowSet(arity: arity, capacity: capacity)
    }

    deinit {
        buffer.deallocate()
        set.deallocate()
    }

    /// Frees the buffers kept by `keepsReplacedBuffers` (no reader may still hold them).
    public func releaseReplacedBuffers() { buffer.releaseRetired() }

    /// All rows as one flat buffer.
    public var rows: UnsafeBufferPointer<TermID> { UnsafeBufferPointer(start: base, count: count * arity) }

    /// An independent copy (rows and set copied; indexes are copy-on-write arrays).
    public func copy() -> Relation {
        let other = Relation(arity: arity, capacity: count)
        other.base.update(from: base, count: count * arity)
        other.count = count
        other.set.deallocate()
        other.set = set.copy()
        other.setIsCurrent = setIsCurrent
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

    /// The row number holding `tuple`, or -1.
    @inlinable @inline(__always)
    public func find(_ tuple: UnsafeBufferPointer<TermID>) -> Int {
        guard let t = tuple.baseAddress, arity > 0 else { return count > 0 ? 0 : -1 }
        if !setIsCurrent { bringSetUpToDate() }
        return set.find(t, rows: base)
    }

    /// True when the relation holds the `arity` ids at `tuple`.
    @inlinable @inline(__always)
    public func contains(_ tuple: UnsafePointer<TermID>) -> Bool {
        if arity == 0 { return count > 0 }
        if !setIsCurrent { bringSetUpToDate() }
        return set.contains(tuple, rows: base)
    }

    /// Touches the slot group where `tuple` would be found (see `RowSet.touch`), to be probed
    /// soon by `insert`, `contains` or `find`; returns what it read, for the caller to fold
    /// into a value it keeps, so the load is not optimised away.
    @inlinable @inline(__always)
    public func touch(_ tuple: UnsafePointer<TermID>) -> UInt64 {
        guard arity > 0, setIsCurrent else { return 0 }
        return set.touch(tuple)
    }

    /// Rebuilds the deduplication set over every row (after unchecked appends).
    @usableFromInline func bringSetUpToDate() {
        set.build(rows: base, count: count)
        setIsCurrent = true
    }

    /// True when the relation holds `tuple`.
    public func contains(_ tuple: [TermID]) -> Bool {
        tuple.withUnsafeBufferPointer { find($0) >= 0 }
    }

    // MARK: - Writing

    /// Adds `tuple` unless present; returns true when it was new.
    @discardableResult
    @inline(__always)
    public func insert(_ tuple: UnsafeBufferPointer<TermID>) -> Bool {
        guard let t = tuple.baseAddress, arity > 0 else {
            // Arity 0: at most the one empty row.
            guard count == 0 else { return false }
            count = 1
            return true
        }
        if (count + 1) * arity > buffer.capacity { grow(to: (count + 1) * arity) }
        if !setIsCurrent { bringSetUpToDate() }
        guard set.insert(t, row: count, rows: base) else { return false }
        (base + count * arity).update(from: t, count: arity)
        count += 1
        return true
    }

    /// Starts a run of `appendDistinct` calls; false (and nothing changes) unless the relation
    /// is empty. While the run lasts the deduplication set is not kept, so a relation only
    /// ever scanned never builds one.
    public func beginDistinctAppends() -> Bool {
        guard count == 0, arity > 0 else { return false }
        set.clear()
        setIsCurrent = false
        return true
    }

    /// Appends `tuple`, which the caller knows is not in the relation (after
    /// `beginDistinctAppends`: a rule whose solutions are distinct and whose head keeps all
    /// of each).
    @inline(__always)
    public func appendDistinct(_ tuple: UnsafeBufferPointer<TermID>) {
        guard let t = tuple.baseAddress else { return }
        if (count + 1) * arity > buffer.capacity { grow(to: (count + 1) * arity) }
        (base + count * arity).update(from: t, count: arity)
        count += 1
    }

    /// Adds `tuple` unless present; returns true when it was new.
    @discardableResult
    public func insert(_ tuple: [TermID]) -> Bool {
        tuple.withUnsafeBufferPointer { insert($0) }
    }

    /// Makes room for `additional` more rows without further reallocation.
    public func reserve(_ additional: Int) {
        // Growth is geometric: a relation reserved for every round is not copied every round.
        grow(to: (count + additional) * arity)
        if setIsCurrent { set.reserve(additional, rows: base) }
    }

    private func grow(to needed: Int) {
        buffer.grow(to: needed, count: count * arity)
        if !keepsReplacedBuffers && buffer.hasRetired { buffer.releaseRetired() }
    }

    /// Records that `tuple` (inserted if absent) was stated under `source`, or under no source
    /// when `source` is nil. A fact stated both ways lists `unsourced` (the `default` entity)
    /// among its sources, so `quad/4` and N-Quads export show every way it was stated.
    public func insert(_ tuple: UnsafeBufferPointer<TermID>, source: TermID?, unsourced: @autoclosure () -> TermID) {
        let isNew = insert(tuple)
        // The common cases cost nothing more: a new unsourced fact, or a repeat of one in a
        // relation where nothing has a source.
        if source == nil && (isNew || sources.isEmpty) { return }
        let r = Int32(find(tuple))
        guard r >= 0 else { return }
        // A row that was there with no sources was stated under no source.
        let unsourced = unsourced()
        var list = sources[r] ?? (isNew ? [] : [unsourced])
        let cited = source ?? unsourced
        if !list.contains(cited) { list.append(cited) }
        if list != [unsourced] || sources[r] != nil { sources[r] = list }
    }

    /// `insert(_:source:unsourced:)` for a tuple held in an array.
    public func insert(_ tuple: [TermID], source: TermID?, unsourced: @autoclosure () -> TermID) {
        tuple.withUnsafeBufferPointer { insert($0, source: source, unsourced: unsourced()) }
    }

    /// Removes the row equal to `tuple` (rebuilding storage); returns true when one was there.
    public func remove(_ tuple: [TermID]) -> Bool {
        let r = tuple.withUnsafeBufferPointer { find($0) }
        guard r >= 0 else { return false }
        rebuild(keeping: (0..<count).filter { $0 != r })
        return true
    }

    /// Drops every row from `newCount` on (undoing a failed load).
    public func truncate(to newCount: Int) {
        guard newCount < count else { return }
        rebuild(keeping: Array(0..<newCount))
    }

    /// Keeps only the listed rows (in order), with their sources; indexes are rebuilt on demand.
    private func rebuild(keeping kept: [Int]) {
        let old = Array(rows), oldSources = sources
        count = 0
        set.deallocate()
        set = RowSet(arity: arity, capacity: kept.count)
        setIsCurrent = true
        indexes = []
        indexByColumns = [:]
        sources = [:]
        frontier = 0
        deltaStart = 0
        for i in kept {
            insert(Array(old[i * arity ..< (i + 1) * arity]))
            if let s = oldSources[Int32(i)] { sources[Int32(count - 1)] = s }
        }
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
    @inlinable @inline(__always)
    public func firstRow(index: Int, keyHash: Int) -> Int32 { indexes[index].head(hash: keyHash) }

    /// Calls `body` with index `index`'s chains: the bucket heads, the mask that maps a key's
    /// hash (`finishHash`) to its bucket, and the next row of each row's chain (newest first,
    /// -1 at the end). Valid only inside `body`, during which the index must not change.
    @inlinable @inline(__always)
    public func withIndexChains<R>(_ index: Int, _ body: (UnsafePointer<Int32>, Int, UnsafePointer<Int32>) throws -> R) rethrows -> R {
        try indexes[index].withChains(body)
    }

    /// The next row in the same bucket chain, or -1.
    @inlinable @inline(__always)
    public func nextRow(index: Int, after row: Int32) -> Int32 { indexes[index].after(row) }

    /// Bytes held by the row buffer.
    var rowBytes: Int { buffer.bytes(count: count * arity) }
}
