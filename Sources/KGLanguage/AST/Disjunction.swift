/// Which branch of a body with `;` a conjunction is: its number, how many there are, and the
/// alternative chosen at each disjunction on the way (for messages and `:why`).
public struct Branch: Sendable {
    /// 0-based.
    public let index: Int
    public let count: Int
    /// The alternative taken at each disjunction met, outermost first.
    public let alternatives: [SourceRange]

    public init(index: Int, count: Int, alternatives: [SourceRange]) {
        self.index = index
        self.count = count
        self.alternatives = alternatives
    }

    /// `branch 2 of 3: b(X)`: the number and the alternatives taken, as written (with
    /// nested disjunctions, the alternative taken at each, separated by `; `).
    public var label: String {
        let shown = alternatives.map { Branch.shorten($0.text) }.joined(separator: "; ")
        return "branch \(index + 1) of \(count)" + (shown.isEmpty ? "" : ": \(shown)")
    }

    /// The text on one line, cut at 60 characters.
    static func shorten(_ text: String) -> String {
        let flat = text.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
        return flat.count > 60 ? String(flat.prefix(59)) + "…" : flat
    }
}

/// One conjunction of a multiplied-out body, with which branch it is (nil when the body has no
/// `;`).
public struct BodyBranch: Sendable {
    public let body: [Literal]
    public let branch: Branch?

    public init(body: [Literal], branch: Branch?) {
        self.body = body
        self.branch = branch
    }
}

/// Multiplies disjunctions out (disjunctive normal form, as Soufflé does), so that every rule
/// the engine runs is a plain conjunction, and resolves the grouping keys of body aggregates.
///
/// `a, (b ; c), d` becomes the branches `a, b, d` and `a, c, d`, in that order; nested
/// disjunctions multiply. The parser bounds the number of branches (`Parser.maxBranches`).
public enum Disjunction {
    /// The branches of `body`. `outside` holds the variables used beyond the body (a rule's
    /// head), which count as occurring outside every aggregate of it.
    ///
    /// An aggregate's grouping keys are the variables of its body that also occur in the rest
    /// of the conjunction it stands in (or beyond it), not counting the bodies of other
    /// aggregates: a variable used only inside aggregates is local to each of them.
    public static func branches(of body: [Literal], outside: Set<String>) -> [BodyBranch] {
        guard body.contains(where: needsWork) else { return [BodyBranch(body: body, branch: nil)] }
        let expanded = expand(body)
        let hasDisjunction = expanded.count > 1 || !(expanded.first?.choices.isEmpty ?? true)
        return expanded.enumerated().map { i, e in
            BodyBranch(body: resolve(e.literals, outside: outside),
                       branch: hasDisjunction ? Branch(index: i, count: expanded.count, alternatives: e.choices) : nil)
        }
    }

    /// How many branches `body` multiplies out to (saturating at `Int.max`), counting only its
    /// own disjunctions (an aggregate's body is a body of its own).
    public static func count(of body: [Literal]) -> Int {
        var product = 1
        for literal in body {
            guard case .disjunction(let alternatives, _) = literal else { continue }
            var sum = 0
            for a in alternatives {
                let (s, overflow) = sum.addingReportingOverflow(count(of: a))
                sum = overflow ? Int.max : s
            }
            let (p, overflow) = product.multipliedReportingOverflow(by: sum)
            product = overflow ? Int.max : p
        }
        return product
    }

    /// A bound on how many conjunctions planning `body` takes: each branch, and in each the
    /// branches of its aggregates' bodies (nested ones multiply). Saturates at `Int.max`.
    public static func conjunctionCount(of body: [Literal]) -> Int {
        var inner = 0
        func visit(_ literals: [Literal]) {
            for literal in literals {
                switch literal {
                case .disjunction(let alternatives, _): alternatives.forEach(visit)
                case .aggregate(let g):
                    let (s, overflow) = inner.addingReportingOverflow(conjunctionCount(of: g.body))
                    inner = overflow ? Int.max : s
                default: break
                }
            }
        }
        visit(body)
        let (total, overflow) = count(of: body).multipliedReportingOverflow(by: inner == Int.max ? Int.max : 1 + inner)
        return overflow ? Int.max : total
    }

    private static func needsWork(_ literal: Literal) -> Bool {
        switch literal {
        case .disjunction, .aggregate: return true
        default: return false
        }
    }

    private static func expand(_ body: [Literal]) -> [(literals: [Literal], choices: [SourceRange])] {
        var partial: [(literals: [Literal], choices: [SourceRange])] = [([], [])]
        for literal in body {
            guard case .disjunction(let alternatives, _) = literal else {
                for i in partial.indices { partial[i].literals.append(literal) }
                continue
            }
            var next: [(literals: [Literal], choices: [SourceRange])] = []
            for p in partial {
                for alternative in alternatives {
                    guard let first = alternative.first, let last = alternative.last else { continue }
                    let chosen = first.range.through(last.range)
                    for e in expand(alternative) {
                        next.append((p.literals + e.literals, p.choices + [chosen] + e.choices))
                    }
                }
            }
            partial = next
        }
        return partial
    }

    /// Fills in the keys and inner branches of the aggregates of one conjunction.
    private static func resolve(_ literals: [Literal], outside: Set<String>) -> [Literal] {
        guard literals.contains(where: { if case .aggregate = $0 { return true } else { return false } }) else { return literals }
        return literals.enumerated().map { i, literal in
            guard case .aggregate(let aggregate) = literal else { return literal }
            // Outside = the rest of the rule, but not the bodies of other aggregates: a variable
            // used only inside aggregates is local to each (`min D : {...}, max D : {...}`).
            var around = outside
            for (j, other) in literals.enumerated() where j != i {
                var names: [String] = []
                collectOuterVariables([other], into: &names)
                around.formUnion(names)
            }
            around.formUnion(aggregate.other.variables)
            var inner: [String] = []
            aggregate.target.map { collectVariables($0, into: &inner) }
            for l in aggregate.body { collectVariables(l, into: &inner) }
            let keys = inner.filter { around.contains($0) }
            var nestedOutside = around
            nestedOutside.formUnion(aggregate.target?.variables ?? [])
            return .aggregate(aggregate.resolved(keys: keys, branches: branches(of: aggregate.body, outside: nestedOutside)))
        }
    }

    // MARK: - Variables

    /// Every named variable of `literal`, inside aggregates and alternatives too, in order of
    /// first appearance.
    public static func collectVariables(_ literal: Literal, into out: inout [String]) {
        switch literal {
        case .atom(let a), .negated(let a, _):
            for e in a.arguments { e.collectVariables(into: &out) }
        case .comparison(_, let l, let r, _):
            l.collectVariables(into: &out)
            r.collectVariables(into: &out)
        case .disjunction(let alternatives, _):
            for a in alternatives { for l in a { collectVariables(l, into: &out) } }
        case .aggregate(let g):
            if g.aggregateOnLeft {
                g.target?.collectVariables(into: &out)
                for l in g.body { collectVariables(l, into: &out) }
                g.other.collectVariables(into: &out)
            } else {
                g.other.collectVariables(into: &out)
                g.target?.collectVariables(into: &out)
                for l in g.body { collectVariables(l, into: &out) }
            }
        case .cited(let c):
            for e in c.fact.arguments { e.collectVariables(into: &out) }
            c.source.collectVariables(into: &out)
        }
    }

    static func collectVariables(_ e: Expr, into out: inout [String]) { e.collectVariables(into: &out) }

    /// The named variables of `body` outside every aggregate's inner body, in order of first
    /// appearance (an aggregate contributes the other side of its comparison).
    public static func collectOuterVariables(_ body: [Literal], into out: inout [String]) {
        for literal in body {
            switch literal {
            case .disjunction(let alternatives, _):
                for a in alternatives { collectOuterVariables(a, into: &out) }
            case .aggregate(let g):
                g.other.collectVariables(into: &out)
            default:
                collectVariables(literal, into: &out)
            }
        }
    }
}

extension Clause {
    /// The rule as the engine runs it: one conjunctive clause per branch of its body (each
    /// with the same range, and `branch` saying which it is), aggregates resolved. A clause
    /// without `;` or body aggregates is returned as it is.
    public func branches() -> [Clause] {
        guard body.contains(where: { if case .disjunction = $0 { return true }; if case .aggregate = $0 { return true }; return false }) else {
            return [self]
        }
        var headVariables: [String] = []
        for a in head.arguments { a.collectVariables(into: &headVariables) }
        return Disjunction.branches(of: body, outside: Set(headVariables)).map {
            Clause(head: head, body: $0.body, source: source, range: range, branch: $0.branch)
        }
    }
}

extension Array where Element == Literal {
    /// Every atom of the body: positive, negated, the fact pattern of `cited`, and those inside
    /// alternatives and aggregates.
    public var allAtoms: [Atom] {
        var out: [Atom] = []
        func visit(_ literals: [Literal]) {
            for l in literals {
                switch l {
                case .atom(let a), .negated(let a, _): out.append(a)
                case .comparison: break
                case .disjunction(let alternatives, _): alternatives.forEach(visit)
                case .aggregate(let g): visit(g.body)
                case .cited(let c): out.append(c.fact)
                }
            }
        }
        visit(self)
        return out
    }
}
