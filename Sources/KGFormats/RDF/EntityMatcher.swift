#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGStore

/// Turns IRI bytes into terms: an IRI made of the entity base followed by a kg entity name
/// (`[a-z][A-Za-z0-9_]*`) becomes `.entity(name)`, any other IRI `.iri`.
struct EntityMatcher {
    private let base: [UInt8]?

    init(entityBase: String?) {
        if let entityBase, !entityBase.isEmpty { base = Array(entityBase.utf8) } else { base = nil }
    }

    /// The term for the (valid UTF-8) IRI text `iri`.
    func term(_ iri: UnsafeBufferPointer<UInt8>) -> Term {
        if let name = entityName(iri) { return .entity(String(decoding: name, as: UTF8.self)) }
        return .iri(String(decoding: iri, as: UTF8.self))
    }

    /// The kg entity name `iri` spells after the entity base, or nil when it is another IRI.
    func entityName(_ iri: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard let base, iri.count > base.count, let start = iri.baseAddress else { return nil }
        let matches = base.withUnsafeBufferPointer { b in
            b.baseAddress.map { memcmpEqual(start, $0, b.count) } ?? false
        }
        guard matches else { return nil }
        let name = UnsafeBufferPointer(start: start + base.count, count: iri.count - base.count)
        return EntityMatcher.isEntityName(name) ? name : nil
    }

    /// The term for an IRI held as a String.
    func term(_ iri: String) -> Term {
        var iri = iri
        return iri.withUTF8 { term($0) }
    }

    /// `[a-z][A-Za-z0-9_]*`.
    static func isEntityName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = name.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        for b in name.dropFirst() {
            let ok = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
            if !ok { return false }
        }
        return true
    }

    /// True for a String that `isEntityName` accepts.
    static func isEntityName(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { isEntityName($0) }
    }
}

/// True when the `count` bytes at `a` and `b` are equal.
@inline(__always)
func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    memcmp(a, b, count) == 0
}
