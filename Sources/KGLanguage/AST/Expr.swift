import KGStore

/// A term or arithmetic expression as written, with its place in the source.
public indirect enum Expr: Sendable {
    /// A named variable (`S`, `_tmp`), spelled as the user wrote it.
    case variable(String, SourceRange)
    /// A lone `_`: every occurrence is a distinct, unnamed variable.
    case anonymous(SourceRange)
    /// A constant term.
    case constant(Term, SourceRange)
    /// `a op b` over integers and decimals.
    case binary(ArithmeticOperator, Expr, Expr, SourceRange)
    /// `-a`.
    case negate(Expr, SourceRange)
    /// A head aggregate `count<V>`, `count<V1, V2>`, `sum<V>`, `min<V>`, `max<V>`, `mean<V>`.
    case aggregate(AggregateKind, [String], SourceRange)

    public var range: SourceRange {
        switch self {
        case .variable(_, let r), .anonymous(let r), .constant(_, let r), .binary(_, _, _, let r),
             .negate(_, let r), .aggregate(_, _, let r):
            return r
        }
    }

    /// Named variables in order of first appearance (anonymous ones excluded).
    public var variables: [String] {
        var out: [String] = []
        collectVariables(into: &out)
        return out
    }

    func collectVariables(into out: inout [String]) {
        switch self {
        case .variable(let name, _): if !out.contains(name) { out.append(name) }
        case .binary(_, let a, let b, _): a.collectVariables(into: &out); b.collectVariables(into: &out)
        case .negate(let a, _): a.collectVariables(into: &out)
        case .aggregate(_, let names, _): for n in names where !out.contains(n) { out.append(n) }
        case .anonymous, .constant: break
        }
    }

    /// True for a plain variable, anonymous variable or constant (no arithmetic).
    public var isSimple: Bool {
        switch self {
        case .variable, .anonymous, .constant: return true
        default: return false
        }
    }
}

/// `+ - * / % ^`, and the two-argument functions `min(A, B)` and `max(A, B)`.
public enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "^"
    case minimum = "min", maximum = "max"

    /// True for `min(A, B)` and `max(A, B)`, written as calls rather than between operands.
    public var isFunction: Bool { self == .minimum || self == .maximum }
}

/// The aggregates, in heads (`count<V>`) and in bodies (`N = count : { ... }`).
public enum AggregateKind: String, Sendable, CaseIterable {
    case count, sum, min, max, mean
}

/// `= != < <= > >=`.
public enum ComparisonOperator: String, Sendable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}
