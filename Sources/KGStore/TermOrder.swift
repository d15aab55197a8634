import Foundation

/// The total order kg sorts answers by, and the order `<` compares in.
///
/// Numbers (integers, decimals, numeric typed literals) compare by value; dates
/// chronologically; strings by Unicode scalar values; entities and IRIs by their text.
/// Across kinds the rank decides: numbers < dates < strings < entities < IRIs < blank nodes
/// < other typed literals. `<`, `<=`, `>`, `>=` in programs hold only between terms of the
/// same kind (see `comparable(_:_:)`); sorting uses the full order.
public enum TermOrder {
    /// The kind rank used to order terms of different kinds.
    public static func rank(_ term: Term) -> Int {
        if term.numericValue != nil { return 0 }
        if term.dateValue != nil { return 1 }
        switch term {
        case .string: return 2
        case .entity: return 3
        case .iri: return 4
        case .blankNode: return 5
        default: return 6
        }
    }

    /// True when `<` and friends are defined between `a` and `b` (same kind of value).
    public static func comparable(_ a: Term, _ b: Term) -> Bool {
        let ra = rank(a)
        return ra == rank(b) && ra != 6
    }

    /// Three-way comparison in the total order: negative, zero or positive.
    public static func compare(_ a: Term, _ b: Term) -> Int {
        let ra = rank(a), rb = rank(b)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch ra {
        case 0:
            if let x = a.numericValue, let y = b.numericValue {
                let c = compareNumbers(x, y)
                if c != 0 { return c }
            }
        case 1:
            if let x = a.dateValue, let y = b.dateValue, x != y { return x < y ? -1 : 1 }
        case 2:
            if case .string(let s, let l) = a, case .string(let t, let m) = b {
                let c = compareText(s, t)
                if c != 0 { return c }
                return compareText(l ?? "", m ?? "")
            }
        default: break
        }
        // Same value in different spellings (1 vs "01"^^xsd:integer) or same-rank text terms.
        let c = compareText(a.text, b.text)
        if c != 0 { return c }
        return compareText(String(describing: a), String(describing: b))
    }

    /// Compares two numbers exactly; integers without going through `Decimal`.
    public static func compareNumbers(_ x: Number, _ y: Number) -> Int {
        if case .integer(let i) = x, case .integer(let j) = y { return i == j ? 0 : (i < j ? -1 : 1) }
        let dx = x.decimalValue, dy = y.decimalValue
        return dx == dy ? 0 : (dx < dy ? -1 : 1)
    }

    /// Compares strings by Unicode scalar values: locale-independent and stable.
    public static func compareText(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        var ia = a.unicodeScalars.makeIterator(), ib = b.unicodeScalars.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?): if x != y { return x.value < y.value ? -1 : 1 }
            }
        }
    }
}
