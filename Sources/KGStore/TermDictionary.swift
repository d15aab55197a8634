/// A term's dictionary code. Facts, indexes and evaluation registers hold only these.
public typealias TermID = UInt32

/// Interns every distinct term once and hands out dense 32-bit ids.
///
/// `intern` grows the dictionary; `id(for:)` only looks up, so a query that names an unknown
/// term matches nothing and never grows the dictionary (oxrdf's `encoded_into`/`encoded_from`).
public final class TermDictionary: @unchecked Sendable {
    /// Terms by id; `terms[Int(id)]` decodes an id.
    public private(set) var terms: [Term] = []
    private var ids: [Term: TermID] = [:]

    public init() {}

    /// The number of distinct terms interned so far.
    public var count: Int { terms.count }

    /// The id of `term`, interning it if new.
    @inline(__always)
    public func intern(_ term: Term) -> TermID {
        if let id = ids[term] { return id }
        let id = TermID(terms.count)
        terms.append(term)
        ids[term] = id
        return id
    }

    /// The id of `term` if it was ever interned.
    public func id(for term: Term) -> TermID? { ids[term] }

    /// The term behind `id`.
    @inline(__always)
    public subscript(id: TermID) -> Term { terms[Int(id)] }

    /// A copy sharing storage until either side interns a new term.
    public func copy() -> TermDictionary {
        let other = TermDictionary()
        other.terms = terms
        other.ids = ids
        return other
    }
}
