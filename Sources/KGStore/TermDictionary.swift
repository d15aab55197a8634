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
    /// Per id: 1 when the term is a number (so comparisons of ids can skip decoding).
    private var numeric: [UInt8] = []

    public init() {}

    /// The number of distinct terms interned so far.
    public var count: Int { terms.count }

    /// The id of `term`, interning it if new.
    @inline(__always)
    public func intern(_ term: Term) -> TermID {
        if let id = ids[term] { return id }
        let id = TermID(terms.count)
        terms.append(term)
        numeric.append(term.numericValue == nil ? 0 : 1)
        ids[term] = id
        return id
    }

    /// The id of `term` if it was ever interned.
    public func id(for term: Term) -> TermID? { ids[term] }

    /// The term behind `id`.
    @inline(__always)
    public subscript(id: TermID) -> Term { terms[Int(id)] }

    /// True when the term behind `id` is a number (integer, decimal, numeric literal).
    @inline(__always)
    public func isNumber(_ id: TermID) -> Bool { numeric[Int(id)] != 0 }

    /// A copy sharing storage until either side interns a new term.
    public func copy() -> TermDictionary {
        let other = TermDictionary()
        other.terms = terms
        other.ids = ids
        other.numeric = numeric
        return other
    }
}
