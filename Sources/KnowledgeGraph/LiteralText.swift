import KGFormats
import KGLanguage

/// Literals as `:why` shows them once instantiated: constants in kg's syntax, variables by
/// name, the rest as written.
enum LiteralText {
    static func expr(_ e: Expr) -> String {
        switch e {
        case .constant(let t, _): return DatalogText.term(t)
        case .variable(let v, _): return v
        case .anonymous: return "_"
        case .binary(let op, let a, let b, _):
            if op.isFunction { return "\(op.rawValue)(\(expr(a)), \(expr(b)))" }
            return "\(operand(a)) \(op.rawValue) \(operand(b))"
        case .negate(let a, _): return "-\(operand(a))"
        case .aggregate: return e.range.text
        }
    }

    private static func operand(_ e: Expr) -> String {
        if case .binary(let op, _, _, _) = e, !op.isFunction { return "(\(expr(e)))" }
        return expr(e)
    }

    static func atom(_ a: Atom) -> String {
        a.arguments.isEmpty ? a.spelling : "\(a.spelling)(\(a.arguments.map(expr).joined(separator: ", ")))"
    }

    static func literal(_ l: Literal) -> String {
        switch l {
        case .atom(let a): return atom(a)
        case .negated(let a, _): return "not \(atom(a))"
        case .comparison(let op, let a, let b, _): return "\(expr(a)) \(op.rawValue) \(expr(b))"
        case .disjunction(let alternatives, _): return "(" + alternatives.map(body).joined(separator: " ; ") + ")"
        case .aggregate(let g):
            let aggregate = "\(g.kind.rawValue)\(g.target.map { " " + expr($0) } ?? "") : { \(body(g.body)) }"
            return g.aggregateOnLeft ? "\(aggregate) \(g.op.rawValue) \(expr(g.other))" : "\(expr(g.other)) \(g.op.rawValue) \(aggregate)"
        case .cited(let c): return "\(c.negated ? "not " : "")cited(\(atom(c.fact)), \(expr(c.source)))"
        }
    }

    static func body(_ literals: [Literal]) -> String { literals.map(literal).joined(separator: ", ") }
}
