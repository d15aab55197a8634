/// The deduplication set of a relation: which rows it holds, for "is this tuple new?" and
/// "which row is it?".
///
/// Open addressing with linear probing over 64-bit slots. For rows of one or two ids the
/// slot holds the row's values themselves (packed), so a probe touches one cache line and
/// never the rows; the row number then sits in a parallel array read only on a hit that
/// needs it. Wider rows store a 32-bit hash beside the row number, so a probe reads the row
/// only when the hashes agree.
///
/// A struct over storage it allocates, so the relation holding it pays no reference counting
/// per probe; the relation frees it (`deallocate`) and copies it explicitly (`copy`).
@usableFromInline
struct RowSet {
    @usableFromInline static let empty = UInt64.max
    @usableFromInline let arity: Int
    @usableFromInline let packed: Bool
    @usableFromInline var slots: UnsafeMutablePointer<UInt64>
    @usableFromInline var slotRows: UnsafeMutablePointer<Int32>?
    @usableFromInline private(set) var capacity: Int
    @usableFromInline var shift: UInt64
    private(set) var count = 0

    init(arity: Int, capacity: Int = 16) {
        self.arity = arity
        packed = arity == 1 || arity == 2
        var c = 16
        while c < capacity { c *= 2 }
        self.capacity = c
        shift = UInt64(64 - c.trailingZeroBitCount)
        slots = .allocate(capacity: c)
        slots.initialize(repeating: RowSet.empty, count: c)
        if packed {
            slotRows = .allocate(capacity: c)
            slotRows?.initialize(repeating: -1, count: c)
        }
    }

    /// Frees the storage; the set must not be used afterwards.
    func deallocate() {
        slots.deallocate()
        slotRows?.deallocate()
    }

    func copy() -> RowSet {
        var other = RowSet(arity: arity, capacity: capacity)
        other.slots.update(from: slots, count: capacity)
        if let mine = slotRows, let theirs = other.slotRows { theirs.update(from: mine, count: capacity) }
        other.count = count
        return other
    }

    /// Bytes held.
    var memoryFootprint: Int { capacity * (packed ? 12 : 8) }

    @inlinable @inline(__always)
    func pack(_ tuple: UnsafePointer<TermID>) -> UInt64 {
        arity == 1 ? UInt64(tuple[0]) : UInt64(tuple[0]) << 32 | UInt64(tuple[1])
    }

    @inlinable @inline(__always)
    func position(_ h: UInt64) -> Int { Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inlinable @inline(__always)
    func wideHash(_ tuple: UnsafePointer<TermID>) -> UInt64 {
        var h: UInt64 = 0x51_7cc1
        for i in 0..<arity { h = mixHash(h, tuple[i]) }
        return UInt64(truncatingIfNeeded: finishHash(h))
    }

    @inlinable @inline(__always)
    func equal(_ rows: UnsafePointer<TermID>, _ row: Int, _ tuple: UnsafePointer<TermID>) -> Bool {
        let r = rows + row * arity
        for c in 0..<arity where r[c] != tuple[c] { return false }
        return true
    }

    /// The slot holding `tuple`, or the empty slot where it would go (negative: -1 - index).
    @inlinable @inline(__always)
    func probe(_ tuple: UnsafePointer<TermID>, rows: UnsafePointer<TermID>) -> Int {
        let mask = capacity - 1
        if packed {
            let key = pack(tuple)
            var i = position(key)
            while true {
                let s = slots[i]
                if s == key { return i }
                if s == RowSet.empty { return -1 - i }
                i = (i + 1) & mask
            }
        }
        let h = wideHash(tuple)
        let tag = h >> 32
        var i = position(h)
        while true {
            let s = slots[i]
            if s == RowSet.empty { return -1 - i }
            if s >> 32 == tag && equal(rows, Int(s & 0xFFFF_FFFF), tuple) { return i }
            i = (i + 1) & mask
        }
    }

    /// The row number holding `tuple`, or -1.
    @inlinable @inline(__always)
    func find(_ tuple: UnsafePointer<TermID>, rows: UnsafePointer<TermID>) -> Int {
        let i = probe(tuple, rows: rows)
        guard i >= 0 else { return -1 }
        if let slotRows { return Int(slotRows[i]) }
        return Int(slots[i] & 0xFFFF_FFFF)
    }

    /// True when `tuple` is in the set (without fetching its row number).
    @inlinable @inline(__always)
    func contains(_ tuple: UnsafePointer<TermID>, rows: UnsafePointer<TermID>) -> Bool {
        probe(tuple, rows: rows) >= 0
    }

    /// Adds `tuple` as row `row` unless present; false when it was there already.
    @inline(__always)
    mutating func insert(_ tuple: UnsafePointer<TermID>, row: Int, rows: UnsafePointer<TermID>) -> Bool {
        if (count + 1) * 10 > capacity * 7 { grow(rows: rows) }
        let i = probe(tuple, rows: rows)
        guard i < 0 else { return false }
        place(tuple, row: row, at: -1 - i)
        return true
    }

    @inline(__always)
    private mutating func place(_ tuple: UnsafePointer<TermID>, row: Int, at i: Int) {
        if packed {
            slots[i] = pack(tuple)
            slotRows?[i] = Int32(truncatingIfNeeded: row)
        } else {
            slots[i] = (wideHash(tuple) >> 32) << 32 | UInt64(UInt32(truncatingIfNeeded: row))
        }
        count += 1
    }

    /// Makes room for `additional` more rows.
    mutating func reserve(_ additional: Int, rows: UnsafePointer<TermID>) {
        while (count + additional) * 10 > capacity * 7 { grow(rows: rows) }
    }

    private mutating func grow(rows: UnsafePointer<TermID>) {
        let oldSlots = slots, oldRows = slotRows, oldCapacity = capacity
        capacity *= 2
        shift -= 1
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: RowSet.empty, count: capacity)
        if packed {
            slotRows = .allocate(capacity: capacity)
            slotRows?.initialize(repeating: -1, count: capacity)
        }
        let mask = capacity - 1
        for j in 0..<oldCapacity where oldSlots[j] != RowSet.empty {
            let s = oldSlots[j]
            var i: Int
            if packed {
                i = position(s)
            } else {
                let row = Int(s & 0xFFFF_FFFF)
                i = position(wideHash(rows + row * arity))
            }
            while slots[i] != RowSet.empty { i = (i + 1) & mask }
            slots[i] = s
            if let oldRows { slotRows?[i] = oldRows[j] }
        }
        oldSlots.deallocate()
        oldRows?.deallocate()
    }
}
