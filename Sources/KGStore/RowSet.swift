/// The deduplication set of a relation: which rows it holds, for "is this tuple new?" and
/// "which row is it?".
///
/// The rows themselves stay in the relation's row buffer; the set holds only row numbers, in
/// groups of twelve that fill one 64-byte cache line: twelve one-byte tags (eight bits of the
/// row's hash; 0 marks an empty slot), a count of the rows that overflowed past this group,
/// and the twelve 32-bit row numbers. A probe reads its home group, compares the twelve tags
/// at once (SWAR), reads a row only when its tag agrees (1 in 255 for another row), and goes
/// on to the next group only if some row overflowed past this one (as folly's F14 does). That
/// is 5.3 bytes per slot, filled up to 7/8 before the set grows by half: 6.1 to 9.1 bytes per
/// row. Growing frees the old groups first and rebuilds from the row buffer, so the set is
/// never held twice.
///
/// A struct over storage it allocates, so the relation holding it pays no reference counting
/// per probe; the relation frees it (`deallocate`) and copies it explicitly (`copy`).
@usableFromInline
struct RowSet {
    @usableFromInline static let groupSize = 12
    @usableFromInline static let groupBytes = 64
    @usableFromInline let arity: Int
    /// `groupCount` groups of `groupBytes`, 64-byte aligned.
    @usableFromInline var groups: UnsafeMutableRawPointer
    @usableFromInline private(set) var groupCount: Int
    private(set) var count = 0
    /// What `rebuild`'s touches read, kept so the loads stay.
    private var touchSink: UInt64 = 0

    init(arity: Int, capacity: Int = 16) {
        self.arity = arity
        groupCount = RowSet.groups(for: capacity)
        groups = RowSet.allocateGroups(groupCount)
    }

    /// Groups for `rows` rows at about 60 % load.
    private static func groups(for rows: Int) -> Int { max(1, (rows * 10 + 71) / 72) }

    private static func allocateGroups(_ n: Int) -> UnsafeMutableRawPointer {
        LargeBlock.allocate(bytes: n * groupBytes, alignment: groupBytes)
    }

    /// Frees the storage; the set must not be used afterwards.
    func deallocate() { LargeBlock.free(groups, bytes: groupCount * RowSet.groupBytes) }

    func copy() -> RowSet {
        var other = RowSet(arity: arity, capacity: 1)
        other.deallocate()
        other.groupCount = groupCount
        other.groups = RowSet.allocateGroups(groupCount)
        other.groups.copyMemory(from: groups, byteCount: groupCount * RowSet.groupBytes)
        other.count = count
        return other
    }

    /// Bytes held.
    var memoryFootprint: Int { groupCount * RowSet.groupBytes }

    /// The number of groups some row overflowed past (for tests: rows spread over the groups).
    var overflowingGroups: Int {
        (0..<groupCount).filter { RowSet.overflowOf(groups + $0 * RowSet.groupBytes).pointee > 0 }.count
    }

    // MARK: - Hashing and matching

    /// The hash of the `arity` ids at `tuple` (murmur3's finaliser over the packed ids).
    @inlinable @inline(__always)
    static func hash(_ tuple: UnsafePointer<TermID>, arity: Int) -> UInt64 {
        switch arity {
        case 1: return mix(UInt64(tuple[0]))
        case 2: return mix(UInt64(tuple[0]) << 32 | UInt64(tuple[1]))
        default:
            var h = UInt64(tuple[0]) << 32 | UInt64(tuple[1])
            for i in 2..<arity { h = mix(h) ^ UInt64(tuple[i]) }
            return mix(h)
        }
    }

    @inlinable @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// The home group of hash `h` (its low 32 bits scaled to the group count).
    @inlinable @inline(__always)
    func home(_ h: UInt64) -> Int { Int(truncatingIfNeeded: ((h & 0xFFFF_FFFF) &* UInt64(groupCount)) >> 32) }

    /// The tag of hash `h`: its top byte, never 0 (the empty tag).
    @inlinable @inline(__always)
    static func tag(_ h: UInt64) -> UInt64 {
        let t = h >> 56
        return t == 0 ? 1 : t
    }

    /// A mask with the high bit of each byte of `word` that equals `tag` (exact: no carries
    /// between bytes).
    @inlinable @inline(__always)
    static func match(_ word: UInt64, _ tag: UInt64) -> UInt64 {
        let x = word ^ (tag &* 0x0101_0101_0101_0101)
        let t = ((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x
        return ~t & 0x8080_8080_8080_8080
    }

    @inlinable @inline(__always)
    static func rowsOf(_ group: UnsafeMutableRawPointer) -> UnsafeMutablePointer<UInt32> {
        (group + 16).assumingMemoryBound(to: UInt32.self)
    }

    @inlinable @inline(__always)
    static func overflowOf(_ group: UnsafeMutableRawPointer) -> UnsafeMutablePointer<UInt32> {
        (group + 12).assumingMemoryBound(to: UInt32.self)
    }

    @inlinable @inline(__always)
    func equal(_ rows: UnsafePointer<TermID>, _ row: Int, _ tuple: UnsafePointer<TermID>) -> Bool {
        let r = rows + row * arity
        switch arity {
        case 1: return r[0] == tuple[0]
        case 2: return r[0] == tuple[0] && r[1] == tuple[1]
        default:
            for c in 0..<arity where r[c] != tuple[c] { return false }
            return true
        }
    }

    // MARK: - Probing

    /// The row number holding `tuple`, or -1.
    @inlinable @inline(__always)
    func find(_ tuple: UnsafePointer<TermID>, rows: UnsafePointer<TermID>) -> Int {
        find(tuple, hash: RowSet.hash(tuple, arity: arity), rows: rows)
    }

    @inlinable @inline(__always)
    func find(_ tuple: UnsafePointer<TermID>, hash h: UInt64, rows: UnsafePointer<TermID>) -> Int {
        let tag = RowSet.tag(h)
        var g = home(h)
        while true {
            let group = groups + g &* RowSet.groupBytes
            let slots = RowSet.rowsOf(group)
            var m = RowSet.match(group.load(as: UInt64.self), tag)
            while m != 0 {
                let i = m.trailingZeroBitCount >> 3
                let row = Int(slots[i])
                if equal(rows, row, tuple) { return row }
                m &= m &- 1
            }
            m = RowSet.match((group + 8).load(as: UInt64.self), tag) & 0x8080_8080
            while m != 0 {
                let i = 8 + m.trailingZeroBitCount >> 3
                let row = Int(slots[i])
                if equal(rows, row, tuple) { return row }
                m &= m &- 1
            }
            if RowSet.overflowOf(group).pointee == 0 { return -1 }
            g += 1
            if g == groupCount { g = 0 }
        }
    }

    /// Reads the first word of `tuple`'s home group and returns it. A caller about to probe
    /// many tuples touches them all first: the loads do not depend on each other, so the
    /// processor overlaps their cache misses instead of waiting on each probe in turn.
    @inlinable @inline(__always)
    func touch(_ tuple: UnsafePointer<TermID>) -> UInt64 {
        (groups + home(RowSet.hash(tuple, arity: arity)) &* RowSet.groupBytes).load(as: UInt64.self)
    }

    /// True when `tuple` is in the set.
    @inlinable @inline(__always)
    func contains(_ tuple: UnsafePointer<TermID>, rows: UnsafePointer<TermID>) -> Bool {
        find(tuple, rows: rows) >= 0
    }

    /// Adds `tuple` as row `row` unless present; false when it was there already. `rows`
    /// holds rows `[0, row)` (the set rebuilds from them when it grows). (Finding and
    /// placing in one walk was tried: more instructions, not fewer.)
    @inline(__always)
    mutating func insert(_ tuple: UnsafePointer<TermID>, row: Int, rows: UnsafePointer<TermID>) -> Bool {
        let h = RowSet.hash(tuple, arity: arity)
        guard find(tuple, hash: h, rows: rows) < 0 else { return false }
        if (count + 1) * 8 > groupCount * RowSet.groupSize * 7 {
            rebuild(groups: max(groupCount + 1, groupCount * 3 / 2), rows: rows, count: row)
        }
        place(hash: h, row: row)
        count += 1
        return true
    }

    /// Puts row `row` with hash `h` in the first group from its home with a free slot,
    /// counting the overflow in every full group it passes.
    @inline(__always)
    private func place(hash h: UInt64, row: Int) {
        var g = home(h)
        while true {
            let group = groups + g &* RowSet.groupBytes
            var free = RowSet.match(group.load(as: UInt64.self), 0)
            var offset = 0
            if free == 0 {
                free = RowSet.match((group + 8).load(as: UInt64.self), 0) & 0x8080_8080
                offset = 8
            }
            if free != 0 {
                let i = offset + free.trailingZeroBitCount >> 3
                group.storeBytes(of: UInt8(truncatingIfNeeded: RowSet.tag(h)), toByteOffset: i, as: UInt8.self)
                RowSet.rowsOf(group)[i] = UInt32(truncatingIfNeeded: row)
                return
            }
            RowSet.overflowOf(group).pointee &+= 1
            g += 1
            if g == groupCount { g = 0 }
        }
    }

    /// Makes room for `additional` more rows without growing again.
    mutating func reserve(_ additional: Int, rows: UnsafePointer<TermID>) {
        let needed = count + additional
        if needed * 8 > groupCount * RowSet.groupSize * 7 { rebuild(groups: RowSet.groups(for: needed), rows: rows, count: count) }
    }

    /// Empties the set down to its smallest size (its rows are to be appended unchecked).
    mutating func clear() {
        deallocate()
        groupCount = 1
        groups = RowSet.allocateGroups(1)
        count = 0
    }

    /// Rebuilds the set over rows `[0, count)` of `rows`, sized for them.
    mutating func build(rows: UnsafePointer<TermID>, count: Int) {
        rebuild(groups: RowSet.groups(for: count), rows: rows, count: count)
        self.count = count
    }

    /// Replaces the groups with `n` fresh ones holding rows `[0, count)` of `rows`. The old
    /// groups go first, so the set is never in memory twice.
    private mutating func rebuild(groups n: Int, rows: UnsafePointer<TermID>, count: Int) {
        deallocate()
        groupCount = n
        groups = RowSet.allocateGroups(n)
        // Each row's group is touched a few rows ahead of placing it, so the misses overlap.
        let ahead = 8
        var touched: UInt64 = 0
        for row in 0..<min(ahead, count) { touched ^= touch(rows + row * arity) }
        for row in 0..<count {
            if row + ahead < count { touched ^= touch(rows + (row + ahead) * arity) }
            place(hash: RowSet.hash(rows + row * arity, arity: arity), row: row)
        }
        touchSink = touched
    }
}
