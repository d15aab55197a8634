import Foundation
import Glibc

/// A term's dictionary code. Facts, indexes and evaluation registers hold only these.
public typealias TermID = UInt32

/// Interns every distinct term once and hands out dense 32-bit ids.
///
/// `intern` grows the dictionary; `id(for:)` only looks up, so a query that names an unknown
/// term matches nothing and never grows the dictionary (oxrdf's `encoded_into`/`encoded_from`).
///
/// Storage is flat: per id a kind byte and a 64-bit payload, and the text of every textual
/// term in one byte arena. An integer's payload is its value and a date's its fields; a
/// textual term's payload is the offset of its record in the arena (`TermRecord`). A `Term`
/// is built only when asked for (`dictionary[id]`). The lookup table is open addressing over
/// 64-bit slots holding the term's hash beside its id, so a probe compares text only when
/// the hashes agree; the hash is FNV over the term's kind and bytes, which costs a fraction
/// of `Dictionary`'s SipHash when a data file brings a million terms.
public final class TermDictionary: @unchecked Sendable {
    /// Per id: `TermKind` in the low bits, `numericFlag` when the term is a number.
    private var kinds: [UInt8] = []
    /// Per id: the integer, the packed date, the index into `decimals`, or the arena offset.
    private var payloads: [UInt64] = []
    /// The records of textual terms, back to back.
    private var arena: [UInt8] = []
    /// Decimals by payload (they are rare; `Decimal` is 20 bytes).
    private var decimals: [Decimal] = []
    /// Slots: 0 when empty, else `hash << 32 | (id + 1)` with the hash's high 32 bits.
    private var table = [UInt64](repeating: 0, count: 1024)

    static let numericFlag: UInt8 = 0x80

    public init() {}

    /// The number of distinct terms interned so far.
    public var count: Int { kinds.count }

    /// Every term, by id, decoded as it is read.
    public var terms: Terms { Terms(dictionary: self) }

    /// The terms of a dictionary in id order (a view: each is decoded when read).
    public struct Terms: RandomAccessCollection {
        let dictionary: TermDictionary
        public var startIndex: Int { 0 }
        public var endIndex: Int { dictionary.count }
        public subscript(position: Int) -> Term { dictionary[TermID(position)] }
    }

    // MARK: - Interning

    /// The id of `term`, interning it if new.
    public func intern(_ term: Term) -> TermID {
        let h = TermDictionary.hash(term)
        switch TermEncoding(term) {
        case .inline(let kind, let payload):
            return lookUpOrAdd(hash: h, matches: { id in self.kinds[id] & 0x7F == kind.rawValue && self.payloads[id] == payload },
                               add: { self.append(kind, payload: payload, numeric: kind == .integer) })
        case .decimal(let d):
            return lookUpOrAdd(hash: h, matches: { id in self.kinds[id] & 0x7F == TermKind.decimal.rawValue && self.decimals[Int(self.payloads[id])] == d },
                               add: {
                                   self.decimals.append(d)
                                   return self.append(.decimal, payload: UInt64(self.decimals.count - 1), numeric: true)
                               })
        case .text(let kind, let first, let second):
            var record = TermRecord.encode(first, second)
            return record.withUnsafeMutableBufferPointer { bytes in
                let bytes = UnsafeBufferPointer(bytes)
                return lookUpOrAdd(hash: h, matches: { id in self.kinds[id] & 0x7F == kind.rawValue && self.recordEquals(id, bytes) },
                                   add: { self.appendText(kind, record: bytes, numeric: term.numericValue != nil) })
            }
        }
    }

    /// The id of the entity named by `bytes` (UTF-8), interning it if new: what a data file's
    /// loader calls, so a repeated name costs a hash of its bytes and one comparison.
    public func internEntity(_ bytes: UnsafeBufferPointer<UInt8>) -> TermID {
        internText(.entity, hash: Self.textHash(kind: 1, bytes), bytes)
    }

    /// The id of the IRI whose UTF-8 is `bytes`, interning it if new.
    public func internIRI(_ bytes: UnsafeBufferPointer<UInt8>) -> TermID {
        internText(.iri, hash: Self.textHash(kind: 2, bytes), bytes)
    }

    /// The id of the plain string (no language tag) whose UTF-8 is `bytes`, interning it if new.
    public func internString(_ bytes: UnsafeBufferPointer<UInt8>) -> TermID {
        // A string hashes its (empty) language tag after its text, as `hash(_:)` does.
        internText(.string, hash: Self.fnv(Self.textHash(kind: 4, bytes), 0xFF), bytes)
    }

    /// The id of the integer `value`, interning it if new: `intern(.integer(value))` without
    /// building and hashing a `Term` (data files of numbered nodes hold millions).
    public func internInteger(_ value: Int64) -> TermID {
        var h = Self.fnv(Self.fnvOffset, 5)
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: UInt64(0), to: 64, by: 8) { h = Self.fnv(h, (bits >> shift) & 0xFF) }
        return lookUpOrAdd(hash: h, matches: { id in self.kinds[id] & 0x7F == TermKind.integer.rawValue && self.payloads[id] == bits },
                           add: { self.append(.integer, payload: bits, numeric: true) })
    }

    /// A one-part textual term (entity, IRI, blank node, plain string) from its bytes.
    @inline(__always)
    private func internText(_ kind: TermKind, hash h: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> TermID {
        lookUpOrAdd(hash: h, matches: { id in self.kinds[id] == kind.rawValue && self.textEquals(id, bytes) },
                    add: { self.appendText(kind, text: bytes) })
    }

    /// The one probe-and-add of every `intern`: finds the id with hash `h` that `matches`
    /// accepts, or appends the term `add` stores (returning its id). `h` must be what
    /// `hash(_:)` gives that term.
    @inline(__always)
    private func lookUpOrAdd(hash h: UInt64, matches: (Int) -> Bool, add: () -> TermID) -> TermID {
        let tag = h & 0xFFFF_FFFF_0000_0000
        let mask = table.count - 1
        var i = Self.position(h) & mask
        while true {
            let slot = table[i]
            if slot == 0 { break }
            if slot & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int(slot & 0xFFFF_FFFF) - 1
                if matches(id) { return TermID(id) }
            }
            i = (i + 1) & mask
        }
        let id = add()
        table[i] = tag | (UInt64(id) + 1)
        if count * 4 > table.count * 3 { grow() }
        return id
    }

    private func append(_ kind: TermKind, payload: UInt64, numeric: Bool) -> TermID {
        let id = TermID(kinds.count)
        kinds.append(kind.rawValue | (numeric ? Self.numericFlag : 0))
        payloads.append(payload)
        return id
    }

    private func appendText(_ kind: TermKind, text: UnsafeBufferPointer<UInt8>) -> TermID {
        let id = append(kind, payload: UInt64(arena.count), numeric: false)
        TermRecord.appendLength(text.count, to: &arena)
        arena.append(contentsOf: text)
        return id
    }

    private func appendText(_ kind: TermKind, record: UnsafeBufferPointer<UInt8>, numeric: Bool) -> TermID {
        let id = append(kind, payload: UInt64(arena.count), numeric: numeric)
        arena.append(contentsOf: record)
        return id
    }

    // MARK: - Looking up and decoding

    /// The id of the term `term` if it was ever interned.
    public func id(for term: Term) -> TermID? {
        let h = TermDictionary.hash(term)
        let encoding = TermEncoding(term)
        var record: [UInt8] = []
        if case .text(_, let first, let second) = encoding { record = TermRecord.encode(first, second) }
        return record.withUnsafeBufferPointer { bytes in
            probe(hash: h) { id in
                switch encoding {
                case .inline(let kind, let payload): return kinds[id] & 0x7F == kind.rawValue && payloads[id] == payload
                case .decimal(let d): return kinds[id] & 0x7F == TermKind.decimal.rawValue && decimals[Int(payloads[id])] == d
                case .text(let kind, _, _): return kinds[id] & 0x7F == kind.rawValue && recordEquals(id, bytes)
                }
            }
        }
    }

    private func probe(hash h: UInt64, _ matches: (Int) -> Bool) -> TermID? {
        let tag = h & 0xFFFF_FFFF_0000_0000
        let mask = table.count - 1
        var i = Self.position(h) & mask
        while true {
            let slot = table[i]
            if slot == 0 { return nil }
            if slot & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int(slot & 0xFFFF_FFFF) - 1
                if matches(id) { return TermID(id) }
            }
            i = (i + 1) & mask
        }
    }

    /// The term behind `id`, decoded.
    public subscript(id: TermID) -> Term {
        let i = Int(id)
        let payload = payloads[i]
        guard let kind = TermKind(rawValue: kinds[i] & 0x7F) else { return .integer(0) }
        switch kind {
        case .integer: return .integer(Int64(bitPattern: payload))
        case .decimal: return .decimal(decimals[Int(payload)])
        case .date:
            return .date(KGDate(year: Int32(truncatingIfNeeded: Int64(bitPattern: payload) >> 16),
                                month: UInt8(truncatingIfNeeded: payload >> 8), day: UInt8(truncatingIfNeeded: payload)))
        case .entity: return .entity(text(at: Int(payload)))
        case .iri: return .iri(text(at: Int(payload)))
        case .blankNode: return .blankNode(text(at: Int(payload)))
        case .string: return .string(text(at: Int(payload)), language: nil)
        case .languageString:
            let (s, l) = texts(at: Int(payload))
            return .string(s, language: l)
        case .typedLiteral:
            let (lexical, datatype) = texts(at: Int(payload))
            return .typedLiteral(lexical: lexical, datatype: datatype)
        }
    }

    /// True when the term behind `id` is a number (integer, decimal, numeric literal).
    @inline(__always)
    public func isNumber(_ id: TermID) -> Bool { kinds[Int(id)] & Self.numericFlag != 0 }

    /// The text of the one-part record at `offset`.
    private func text(at offset: Int) -> String {
        arena.withUnsafeBufferPointer { a in
            var p = offset
            return TermRecord.readText(a, &p)
        }
    }

    /// The two texts of the two-part record at `offset` (a language string, a typed literal).
    private func texts(at offset: Int) -> (String, String) {
        arena.withUnsafeBufferPointer { a in
            var p = offset
            let first = TermRecord.readText(a, &p)
            return (first, TermRecord.readText(a, &p))
        }
    }

    /// True when the record of `id` is exactly `record` (length included).
    private func recordEquals(_ id: Int, _ record: UnsafeBufferPointer<UInt8>) -> Bool {
        let offset = Int(payloads[id])
        return arena.withUnsafeBufferPointer { a in
            guard offset + record.count <= a.count, let base = a.baseAddress, let r = record.baseAddress else { return false }
            return memcmp(base + offset, r, record.count) == 0
        }
    }

    /// True when the one-part record of `id` spells `text`: a length check and a `memcmp`.
    @inline(__always)
    private func textEquals(_ id: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var p = Int(payloads[id])
        return arena.withUnsafeBufferPointer { a in
            let length = TermRecord.readLength(a, &p)
            guard length == text.count else { return false }
            guard let base = a.baseAddress, let t = text.baseAddress else { return true }
            return memcmp(base + p, t, length) == 0
        }
    }

    /// Bytes held: the kinds, payloads, arena, decimals and lookup table, by capacity.
    var memoryFootprint: Int {
        kinds.capacity + payloads.capacity * 8 + arena.capacity + decimals.capacity * MemoryLayout<Decimal>.stride
            + table.capacity * 8
    }

    /// A copy sharing storage until either side interns a new term.
    public func copy() -> TermDictionary {
        let other = TermDictionary()
        other.kinds = kinds
        other.payloads = payloads
        other.arena = arena
        other.decimals = decimals
        other.table = table
        return other
    }

    private func grow() {
        var fresh = [UInt64](repeating: 0, count: table.count * 2)
        let mask = fresh.count - 1
        for slot in table where slot != 0 {
            // The slot keeps the hash's high half; positions come from it alone.
            var i = Self.position(slot & 0xFFFF_FFFF_0000_0000) & mask
            while fresh[i] != 0 { i = (i + 1) & mask }
            fresh[i] = slot
        }
        table = fresh
    }

    // MARK: - Hashing

    static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325

    /// One FNV-1a step.
    @inline(__always)
    static func fnv(_ h: UInt64, _ byte: UInt64) -> UInt64 { (h ^ byte) &* 0x0000_0100_0000_01B3 }

    /// The table position of hash `h` (before masking): from its high 32 bits only (the slot
    /// keeps those, so the table can grow without the terms), well mixed.
    @inline(__always)
    static func position(_ h: UInt64) -> Int { Int(truncatingIfNeeded: ((h >> 32) &* 0x9E37_79B9_7F4A_7C15) >> 32) }

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
