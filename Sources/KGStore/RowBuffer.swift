import Glibc

/// The memory a relation's rows live in: a heap block while small, then a reserved range of
/// address space that grows in place.
///
/// A heap block grows by doubling and copying, which holds the rows twice while it copies
/// (and, in a recursive round, until the round ends: readers may still hold the old block).
/// Past `reserveThreshold` the rows move once into an anonymous mapping of `reservedBytes`
/// that the kernel backs with pages only as rows are written, so growing is free and the rows
/// never move again. If the system refuses the reservation (strict overcommit, say), or a
/// relation outgrows it, the buffer goes back to doubling heap blocks.
///
/// A block the rows left is retired, not freed: `releaseRetired()` frees it once no reader
/// can hold it.
struct RowBuffer {
    /// Rows go to a reservation once they need this many bytes.
    static let reserveThreshold = 1 << 20
    /// Address space reserved per large relation: 16 GiB, four billion ids.
    static let reservedBytes = 1 << 34

    private(set) var base: UnsafeMutablePointer<TermID>
    /// Ids the buffer holds without moving.
    private(set) var capacity: Int
    /// Bytes of the reservation, or 0 for a heap block.
    private var mapped = 0
    /// Blocks the rows moved out of, with their mapped size (0: a heap block).
    private var retired: [(UnsafeMutablePointer<TermID>, Int)] = []

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    /// Frees all memory; the buffer must not be used afterwards.
    mutating func deallocate() {
        releaseRetired()
        RowBuffer.free(base, mapped)
    }

    /// Frees the blocks the rows moved out of (no reader may still hold them).
    mutating func releaseRetired() {
        for (block, size) in retired { RowBuffer.free(block, size) }
        retired.removeAll()
    }

    /// True when a block waits in `retired`.
    var hasRetired: Bool { !retired.isEmpty }

    private static func free(_ block: UnsafeMutablePointer<TermID>, _ size: Int) {
        if size > 0 { munmap(block, size) } else { block.deallocate() }
    }

    /// Makes room for `needed` ids, of which the first `count` are in use.
    mutating func grow(to needed: Int, count: Int) {
        guard needed > capacity else { return }
        let stride = MemoryLayout<TermID>.stride
        if mapped > 0 && needed * stride <= mapped {
            capacity = max(needed, min(capacity * 2, mapped / stride))
            return
        }
        if mapped == 0, needed * stride >= RowBuffer.reserveThreshold, needed * stride <= RowBuffer.reservedBytes,
           let region = mmap(nil, RowBuffer.reservedBytes, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
           region != MAP_FAILED {
            move(to: region.bindMemory(to: TermID.self, capacity: RowBuffer.reservedBytes / stride),
                 capacity: max(needed, capacity * 2), mapped: RowBuffer.reservedBytes, count: count)
            return
        }
        let newCapacity = max(needed, capacity * 2)
        move(to: .allocate(capacity: newCapacity), capacity: newCapacity, mapped: 0, count: count)
    }

    private mutating func move(to fresh: UnsafeMutablePointer<TermID>, capacity newCapacity: Int, mapped newMapped: Int, count: Int) {
        fresh.update(from: base, count: count)
        retired.append((base, mapped))
        base = fresh
        capacity = newCapacity
        mapped = newMapped
    }

    /// Bytes the rows occupy: a heap block's capacity, or the pages written of a reservation.
    func bytes(count: Int) -> Int {
        let stride = MemoryLayout<TermID>.stride
        return mapped > 0 ? (count * stride + 4095) / 4096 * 4096 : capacity * stride
    }
}

/// Zeroed memory for the relations' large tables, straight from the kernel: a block freed
/// goes back at once, where the heap might keep it (after a large free, glibc raises its
/// threshold for mapping blocks, and tables rebuilt at growing sizes then leave holes).
enum LargeBlock {
    /// Blocks this big or bigger are mapped; smaller ones come from the heap.
    static let threshold = 1 << 18

    static func allocate(bytes: Int, alignment: Int) -> UnsafeMutableRawPointer {
        if bytes >= threshold,
           let region = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
           region != MAP_FAILED {
            return region   // page-aligned, and already zero
        }
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: alignment)
        p.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        return p
    }

    /// Frees a block from `allocate(bytes:alignment:)` of the same size.
    static func free(_ p: UnsafeMutableRawPointer, bytes: Int) {
        if bytes >= threshold { munmap(p, bytes) } else { p.deallocate() }
    }
}
