/// Interns entity names, strings and integers straight from the bytes of a data file: a
/// repeated term costs one hash of its bytes and one comparison, with no `String` built.
/// Misses go through the dictionary, so ids always agree with `TermDictionary.intern`.
public final class ByteInterner {
    public enum Kind: UInt8 { case entity = 1, string = 2, integer = 3 }

    private let dictionary: TermDictionary
    private var hashes: UnsafeMutablePointer<UInt64>
    private var ids: UnsafeMutablePointer<TermID>
    private var offsets: UnsafeMutablePointer<Int>
    private var lengths: UnsafeMutablePointer<Int32>
    private var capacity = 1024
    private var count = 0
    private var arena: [UInt8] = []

    public init(dictionary: TermDictionary) {
        self.dictionary = dictionary
        hashes = .allocate(capacity: capacity)
        hashes.initialize(repeating: 0, count: capacity)
        ids = .allocate(capacity: capacity)
        offsets = .allocate(capacity: capacity)
        lengths = .allocate(capacity: capacity)
    }

    deinit {
        hashes.deallocate()
        ids.deallocate()
        offsets.deallocate()
        lengths.deallocate()
    }

    /// The id of the entity, string or integer whose bytes are `bytes[range]` (for an integer,
    /// pass its value instead; `bytes` are then ignored).
    public func intern(_ kind: Kind, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, integer: Int64 = 0) -> TermID {
        var key = integer
        return withUnsafeBytes(of: &key) { raw in
            let slice: UnsafeBufferPointer<UInt8>
            if kind == .integer {
                slice = raw.bindMemory(to: UInt8.self)
            } else {
                slice = UnsafeBufferPointer(rebasing: bytes[range])
            }
            return lookup(kind, slice, integer: integer)
        }
    }

    private func lookup(_ kind: Kind, _ slice: UnsafeBufferPointer<UInt8>, integer: Int64) -> TermID {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(kind.rawValue)
        for b in slice { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        h |= 1   // 0 marks an empty slot
        let mask = capacity - 1
        var i = Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while hashes[i] != 0 {
            if hashes[i] == h, Int(lengths[i]) == slice.count, equalBytes(offsets[i], slice) { return ids[i] }
            i = (i + 1) & mask
        }
        let term: Term
        switch kind {
        case .entity: term = .entity(String(decoding: slice, as: UTF8.self))
        case .string: term = .string(String(decoding: slice, as: UTF8.self), language: nil)
        case .integer: term = .integer(integer)
        }
        let id = dictionary.intern(term)
        hashes[i] = h
        ids[i] = id
        offsets[i] = arena.count
        lengths[i] = Int32(slice.count)
        arena.append(contentsOf: slice)
        count += 1
        if count * 2 > capacity { grow() }
        return id
    }

    private func equalBytes(_ offset: Int, _ slice: UnsafeBufferPointer<UInt8>) -> Bool {
        arena.withUnsafeBufferPointer { a in
            for j in 0..<slice.count where a[offset + j] != slice[j] { return false }
            return true
        }
    }

    private func grow() {
        let old = (hashes, ids, offsets, lengths, capacity)
        capacity *= 2
        hashes = .allocate(capacity: capacity)
        hashes.initialize(repeating: 0, count: capacity)
        ids = .allocate(capacity: capacity)
        offsets = .allocate(capacity: capacity)
        lengths = .allocate(capacity: capacity)
        let mask = capacity - 1
        for j in 0..<old.4 where old.0[j] != 0 {
            var i = Int(truncatingIfNeeded: (old.0[j] &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while hashes[i] != 0 { i = (i + 1) & mask }
            hashes[i] = old.0[j]
            ids[i] = old.1[j]
            offsets[i] = old.2[j]
            lengths[i] = old.3[j]
        }
        old.0.deallocate()
        old.1.deallocate()
        old.2.deallocate()
        old.3.deallocate()
    }
}
