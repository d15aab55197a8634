import Foundation
import KGStore
import KGLanguage

/// Prints parsed statements back as canonical text, fully parenthesising arithmetic, so a
/// test can state the exact tree it expects in one readable line.
enum ASTPrinter {
    static func term(_ t: Term) -> String {
        switch t {
        case .entity(let n): return n
        case .iri(let i): return "<\(i)>"
        case .blankNode(let b): return "_:\(b)"
        case .string(let s, let lang): return "\"\(s)\"" + (lang.map { "@\($0)" } ?? "")
        case .integer(let i): return String(i)
        case .decimal(let d): return Term.format(decimal: d)
        case .date(let d): return d.description
        case .typedLiteral(let l, let dt): return "\"\(l)\"^^<\(dt)>"
        }
    }

    static func expr(_ e: Expr) -> String {
        switch e {
        case .variable(let v, _): return v
        case .anonymous: return "_"
        case .constant(let t, _): return term(t)
        case .binary(let op, let a, let b, _):
            if op.isFunction { return "\(op.rawValue)(\(expr(a)), \(expr(b)))" }
            return "(\(expr(a)) \(op.rawValue) \(expr(b)))"
        case .negate(let a, _): return "-(\(expr(a)))"
        case .aggregate(let k, let vars, _): return "\(k.rawValue)<\(vars.joined(separator: ", "))>"
        }
    }

    static func atom(_ a: Atom) -> String {
        "\(a.predicate)(\(a.arguments.map(expr).joined(separator: ", ")))"
    }

    static func literal(_ l: Literal) -> String {
        switch l {
        case .atom(let a): return atom(a)
        case .negated(let a, _): return "not " + atom(a)
        case .comparison(let op, let a, let b, _): return "\(expr(a)) \(op.rawValue) \(expr(b))"
        case .disjunction(let alternatives, _): return "(" + alternatives.map(body).joined(separator: " ; ") + ")"
        case .aggregate(let g):
            let aggregate = "\(g.kind.rawValue)\(g.target.map { " " + expr($0) } ?? "") : { \(body(g.body)) }"
            return g.aggregateOnLeft ? "\(aggregate) \(g.op.rawValue) \(expr(g.other))" : "\(expr(g.other)) \(g.op.rawValue) \(aggregate)"
        case .cited(let c): return (c.negated ? "not " : "") + "cited(\(atom(c.fact)), \(expr(c.source)))"
        }
    }

    static func body(_ literals: [Literal]) -> String { literals.map(literal).joined(separator: ", ") }

    static func statement(_ s: Statement) -> String {
        switch s {
        case .clause(let c):
            let head = atom(c.head)
            return c.body.isEmpty ? "\(head)." : "\(head) :- \(c.body.map(literal).joined(separator: ", "))."
        case .query(let q):
            return "?- \(q.body.map(literal).joined(separator: ", "))."
        case .include(let path, _):
            return "@include \"\(path)\"."
        case .declaration(let d):
            return "@pred \(d.predicate)(\(d.argumentClasses.joined(separator: ", ")))" + (d.description.map { " \"\($0)\"" } ?? "") + "."
        }
    }
}
