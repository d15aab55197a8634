import Glibc

/// A term's dictionary code. Facts, indexes and evaluation registers hold only these.
public typealias TermID = UInt32

/// Interns every distinct term once and hands out dense 32-bit ids.
///
/// `intern` grows the dictionary; `id(for:)` only looks up, so a query that names an unknown
/// term matches nothing and never grows the dictionary (oxrdf's `encoded_into`/`encoded_from`).
/// The lookup table is open addressing over ids with an FNV hash of the term's bytes, which
/// costs a fraction of `Dictionary`'s SipHash when a data file brings a million terms.
public final class TermDictionary: @unchecked Sendable {
    /// Terms by id; `terms[Int(id)]` decodes an id.
    public private(set) var terms: [Term] = []
    /// Per id: 1 when the term is a number (so comparisons of ids can skip decoding).
    private var numeric: [UInt8] = []
    private var hashes: [UInt64] = []
    private var table: [Int32] = [Int32](repeating: -1, count: 1024)

    public init() {}

    /// The number of distinct terms interned so far.
    public var count: Int { terms.count }

    /// The id of `term`, interning it if new.
    public func intern(_ term: Term) -> TermID {
        lookUpOrAdd(hash: TermDictionary.hash(term), matches: { $0 == term }, make: { term })
    }

    /// The id of the entity named by `bytes` (UTF-8), interning it if new: what a data file's
    /// loader calls, so a repeated name costs a hash of its bytes and one comparison.
    public func internEntity(_ bytes: UnsafeBufferPointer<UInt8>) -> TermID {
        lookUpOrAdd(hash: Self.textHash(kind: 1, bytes), matches: {
            if case .entity(let s) = $0 { return Self.spells(s, bytes) }
            return false
        }, make: { .entity(String(decoding: bytes, as: UTF8.self)) })
    }

    /// The id of the IRI whose UTF-8 is `bytes`, interning it if new.
    public func internIRI(_ bytes: UnsafeBufferPointer<UInt8>) -> TermID {
        lookUpOrAdd(hash: Self.textHash(kind: 2, bytes), matches: {
            if case .iri(let s) = $0 { return Self.spells(s, bytes) }
            return false
        }, make: { .iri(String(decoding: bytes, as: UTF8.self)) })
    }

    /// The id of the plain string (no language tag) whose UTF-8 is `bytes`, interning it if new.
    public func internString(_ bytes: UnsafeBufferPointer<UInt8>) -> TermID {
        // A string hashes its (empty) language tag after its text, as `hash(_:)` does.
        lookUpOrAdd(hash: Self.fnv(Self.textHash(kind: 4, bytes), 0xFF), matches: {
            if case .string(let s, nil) = $0 { return Self.spells(s, bytes) }
            return false
        }, make: { .string(String(decoding: bytes, as: UTF8.self), language: nil) })
    }

    /// The id of the integer `value`, interning it if new: `intern(.integer(value))` without
    /// building and hashing a `Term` (data files of numbered nodes hold millions).
    public func internInteger(_ value: Int64) -> TermID {
        var h = Self.fnv(Self.fnvOffset, 5)
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: UInt64(0), to: 64, by: 8) { h = Self.fnv(h, (bits >> shift) & 0xFF) }
        return lookUpOrAdd(hash: h, matches: {
            if case .integer(let v) = $0 { return v == value }
            return false
        }, make: { .integer(value) })
    }

    /// The one probe-and-add of every `intern`: finds the term with hash `h` that `matches`
    /// accepts, or appends the one `make` builds. `h` must be what `hash(_:)` gives that term.
    @inline(__always)
    private func lookUpOrAdd(hash h: UInt64, matches: (Term) -> Bool, make: () -> Term) -> TermID {
        let mask = table.count - 1
        var i = Self.position(h) & mask
        while true {
            let slot = table[i]
            if slot < 0 { break }
            let id = Int(slot)
            if hashes[id] == h && matches(terms[id]) { return TermID(id) }
            i = (i + 1) & mask
        }
        let term = make()
        let id = TermID(terms.count)
        terms.append(term)
        numeric.append(term.numericValue == nil ? 0 : 1)
        hashes.append(h)
        table[i] = Int32(bitPattern: id)
        if terms.count * 2 > table.count { grow() }
        return id
    }

    /// True when `s` is exactly `bytes` in UTF-8. Native strings are contiguous, so this is a
    /// length check and a `memcmp`; the generic element-by-element comparison it replaces
    /// was a third of the instructions of loading a large fact file.
    @inline(__always)
    private static func spells(_ s: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let fast = s.utf8.withContiguousStorageIfAvailable { stored -> Bool in
            guard stored.count == bytes.count else { return false }
            guard let a = stored.baseAddress, let b = bytes.baseAddress else { return true }
            return memcmp(a, b, bytes.count) == 0
        }
        return fast ?? s.utf8.elementsEqual(bytes)
    }

    /// The id of the term `term` if it was ever interned.
    public func id(for term: Term) -> TermID? { probe(term, TermDictionary.hash(term)) }

    /// The term behind `id`.
    @inline(__always)
    public subscript(id: TermID) -> Term { terms[Int(id)] }

    /// True when the term behind `id` is a number (integer, decimal, numeric literal).
    @inline(__always)
    public func isNumber(_ id: TermID) -> Bool { numeric[Int(id)] != 0 }

    /// Bytes held: per term its `Term` value, hash and numeric flag, the lookup table, and the
    /// heap storage of strings too long for Swift's inline small-string form (15 UTF-8 bytes).
    var memoryFootprint: Int {
        var bytes = terms.capacity * MemoryLayout<Term>.stride + hashes.capacity * 8 + numeric.capacity
            + table.capacity * 4
        for term in terms {
            let length = term.text.utf8.count
            if length > 15 { bytes += 32 + length }
        }
        return bytes
    }

    /// A copy sharing storage until either side interns a new term.
    public func copy() -> TermDictionary {
        let other = TermDictionary()
        other.terms = terms
        other.numeric = numeric
        other.hashes = hashes
        other.table = table
        return other
    }

    private func probe(_ term: Term, _ h: UInt64) -> TermID? {
        let mask = table.count - 1
        var i = Self.position(h) & mask
        while true {
            let slot = table[i]
            if slot < 0 { return nil }
            let id = Int(slot)
            if hashes[id] == h && terms[id] == term { return TermID(id) }
            i = (i + 1) & mask
        }
    }

    private func grow() {
        var fresh = [Int32](repeating: -1, count: table.count * 2)
        let mask = fresh.count - 1
        for (id, h) in hashes.enumerated() {
            var i = Self.position(h) & mask
            while fresh[i] >= 0 { i = (i + 1) & mask }
            fresh[i] = Int32(id)
        }
        table = fresh
    }

    static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325

    /// One FNV-1a step.
    @inline(__always)
    static func fnv(_ h: UInt64, _ byte: UInt64) -> UInt64 { (h ^ byte) &* 0x0000_0100_0000_01B3 }

    /// The table position of hash `h` (before masking): its high bits, well mixed.
    @inline(__always)
    static func position(_ h: UInt64) -> Int { Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 32) }

    /// `hash(_:)` of an entity, IRI or string whose text is `bytes`, up to its text's end.
    @inline(__always)
    static func textHash(kind: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = fnv(fnvOffset, kind)
        for b in bytes { h = fnv(h, UInt64(b)) }
        return fnv(h, 0xFF)
    }

    /// FNV-1a over the term's kind and text; numbers and dates hash by value, so equal terms
    /// hash alike.
    static func hash(_ term: Term) -> UInt64 {
        var h = fnvOffset
        @inline(__always) func byte(_ b: UInt8) { h = fnv(h, UInt64(b)) }
        func text(_ s: String) {
            var s = s
            s.withUTF8 { for b in $0 { byte(b) } }
            byte(0xFF)
        }
        func word(_ v: UInt64) { for shift in stride(from: 0, to: 64, by: 8) { byte(UInt8(truncatingIfNeeded: v >> UInt64(shift))) } }
        switch term {
        case .entity(let s): byte(1); text(s)
        case .iri(let s): byte(2); text(s)
        case .blankNode(let s): byte(3); text(s)
        case .string(let s, let language): byte(4); text(s); text(language ?? "")
        case .integer(let i): byte(5); word(UInt64(bitPattern: i))
        case .decimal(let d): byte(6); text(d.description)
        case .date(let d): byte(7); word(UInt64(UInt32(bitPattern: d.year)) << 16 | UInt64(d.month) << 8 | UInt64(d.day))
        case .typedLiteral(let lexical, let datatype): byte(8); text(lexical); text(datatype)
        }
        return h
    }
}
