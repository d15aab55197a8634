import KGAnalysis
import KGLanguage
import KGStore

/// The demand (magic-set) transformation of a program for one query with bound arguments:
/// the rules rewritten so that evaluating them derives only the facts the query can reach
/// from its constants, as Soufflé's and Cozo's magic sets do.
///
/// The standard rewrite, with sideways information passing in written order, bound first:
/// - every derived predicate `p` a query or rule reads with some arguments bound gets an
///   *adorned* copy `p^bf` (one letter per argument: `b` bound, `f` free) and a *magic*
///   predicate `magic^p^bf` holding the bound arguments asked for;
/// - each rule of `p` becomes `p^bf(...) :- magic^p^bf(bound args), body'`, where `body'`
///   reads adorned copies; and for each derived atom `q(...)` of the body, a magic rule
///   `magic^q^a(args bound there) :- magic^p^bf(...), literals before it` passes the demand on;
/// - the query's constants seed the magic predicates (`magic^samegen^bb(4096, 8191)`).
///
/// Literals are taken in their written order, except that filters and built-ins go first once
/// their inputs are bound, and an atom with a bound argument before one with none (so
/// `samegen(X, 3)` follows `parent(Y, B)` from the bound Y first); a literal whose inputs are
/// not yet bound waits for the first place it can run, so every magic rule is safe. Only values
/// read from facts are passed on as demand, never computed ones (`X = Y + 1`), so demand
/// cannot grow without end where the program itself stops. Sound with negation and aggregates
/// in stratified programs: a predicate read under `not`, inside a body aggregate, or defined
/// with a head aggregate is evaluated in full (its original rules and everything they read),
/// never adorned, so the rewritten program only depends positively on adorned predicates and
/// stays stratified. Programs that read `triple/3` or `quad/4` (which see every binary
/// relation, the adorned ones too) are not transformed.
public enum MagicSets {
    /// The rewritten program and query.
    public struct Rewrite: Sendable {
        /// Adorned and magic rules, and the original rules of the predicates evaluated in full.
        public let rules: [Clause]
        /// Magic facts from the query's constants (predicate, arguments).
        public let seeds: [(predicate: String, arguments: [Term])]
        /// The query's branches, reading the adorned predicates.
        public let branches: [BodyBranch]
        /// The adorned predicates with at least one bound argument, as `samegen/2 as samegen^bb`,
        /// in the order first demanded.
        public let adorned: [String]
        /// The derived predicates evaluated in full (read under `not`, in aggregates...), sorted.
        public let full: [String]
        /// The arity of every predicate the rewritten rules define.
        public let arities: [String: Int]
        /// Every predicate the rewritten rules and query read or define (those whose stored
        /// facts the evaluation needs).
        public let reads: Set<String>
    }

    /// The name of `predicate`'s copy for adornment `adornment` (`samegen^bf`). `^` cannot
    /// occur in a name the user writes (nor after an IRI's `>`), so it never clashes.
    public static func adornedName(_ predicate: String, _ adornment: String) -> String { predicate + "^" + adornment }

    /// The name of the magic predicate of `predicate` under `adornment` (`magic^samegen^bf`).
    public static func magicName(_ predicate: String, _ adornment: String) -> String { "magic^" + predicate + "^" + adornment }

    /// The rewrite of `rules` (conjunctive clauses: a rule with `;` as its branches) for
    /// `query`; nil when demand does not apply: no derived atom gets a bound argument, or the
    /// relevant rules read `triple/3` or `quad/4`. `stated(p)` tells whether predicate `p`
    /// has stored facts (its adorned copy then also takes those that match the demand).
    public static func rewrite(query: Query, rules: [Clause], stated: @escaping (String) -> Bool) -> Rewrite? {
        var transform = Transform(rules: rules, stated: stated)
        return transform.run(query)
    }

    private struct Transform {
        let rules: [Clause]
        let stated: (String) -> Bool
        /// Rules by head predicate.
        var byHead: [String: [Int]] = [:]
        var full = Set<String>()
        var out: [Clause] = []
        var seeds: [(predicate: String, arguments: [Term])] = []
        var done = Set<String>()
        var queue: [(String, String)] = []
        var adorned: [String] = []
        var arities: [String: Int] = [:]
        var reads = Set<String>()

        init(rules: [Clause], stated: @escaping (String) -> Bool) {
            self.rules = rules
            self.stated = stated
            for (i, r) in rules.enumerated() { byHead[r.head.predicate, default: []].append(i) }
        }

        func isDerived(_ p: String) -> Bool { byHead[p] != nil && !BuiltinCatalog.isBuiltin(p) }

        /// Predicates the body depends on, and those it needs in full (under `not`, inside
        /// aggregates); sets `usesTriple` for triple/quad anywhere.
        static func dependencies(_ body: [Literal], into reads: inout Set<String>, full: inout Set<String>, usesTriple: inout Bool) {
            func visit(_ literals: [Literal], inFull: Bool) {
                for l in literals {
                    switch l {
                    case .atom(let a), .negated(let a, _):
                        if a.predicate == "triple" || a.predicate == "quad" { usesTriple = true }
                        reads.insert(a.predicate)
                        var negated = false
                        if case .negated = l { negated = true }
                        if inFull || negated { full.insert(a.predicate) }
                    case .comparison: break
                    case .disjunction(let alternatives, _): alternatives.forEach { visit($0, inFull: inFull) }
                    case .aggregate(let g):
                        visit(g.body, inFull: true)
                        for b in g.branches { visit(b.body, inFull: true) }
                    case .cited(let c): reads.insert(c.fact.predicate)   // stated rows only: no rule needed
                    }
                }
            }
            visit(body, inFull: false)
        }

        mutating func run(_ query: Query) -> Rewrite? {
            // The rules the query reaches, and which of their predicates must be evaluated in full.
            var relevant = Set<String>()
            var needFull = Set<String>()
            var usesTriple = false
            var direct = Set<String>()
            for b in query.branches { Transform.dependencies(b.body, into: &direct, full: &needFull, usesTriple: &usesTriple) }
            var pending = Array(direct)
            while let p = pending.popLast() {
                guard relevant.insert(p).inserted, let indexes = byHead[p] else { continue }
                for i in indexes {
                    var next = Set<String>()
                    Transform.dependencies(rules[i].body, into: &next, full: &needFull, usesTriple: &usesTriple)
                    if rules[i].head.arguments.contains(where: { if case .aggregate = $0 { return true } else { return false } }) {
                        needFull.insert(p)
                    }
                    pending += next.filter { !relevant.contains($0) }
                }
            }
            guard !usesTriple else { return nil }
            // Everything a fully evaluated predicate reads is evaluated in full too.
            pending = Array(needFull)
            while let p = pending.popLast() {
                guard full.insert(p).inserted, let indexes = byHead[p] else { continue }
                for i in indexes {
                    var next = Set<String>(), ignored = Set<String>(), t = false
                    Transform.dependencies(rules[i].body, into: &next, full: &ignored, usesTriple: &t)
                    pending += next.filter { !full.contains($0) }
                }
            }
            full = full.filter(isDerived)

            // The query: its derived atoms get adorned, its constants seed the demand.
            var branches: [BodyBranch] = []
            for b in query.branches {
                let body = adorn(b.body, bound: [], magic: nil, range: query.range, head: nil)
                branches.append(BodyBranch(body: body, branch: b.branch))
            }
            guard !adorned.isEmpty else { return nil }
            while !queue.isEmpty {
                let (p, a) = queue.removeFirst()
                adornRules(p, a)
            }
            for p in full.sorted() {
                for i in byHead[p] ?? [] { out.append(rules[i]); arities[p] = rules[i].head.arity }
            }
            for r in out {
                reads.insert(r.head.predicate)
                var ignored = Set<String>(), t = false
                Transform.dependencies(r.body, into: &reads, full: &ignored, usesTriple: &t)
            }
            for b in branches {
                var ignored = Set<String>(), t = false
                Transform.dependencies(b.body, into: &reads, full: &ignored, usesTriple: &t)
            }
            return Rewrite(rules: out, seeds: seeds, branches: branches, adorned: adorned, full: full.sorted(),
                           arities: arities, reads: reads)
        }

        /// The adorned atom for `atom` read with `bound` variables, queueing its rules. It
        /// keeps the predicate's spelling, so messages name the predicate as written.
        mutating func adornedAtom(_ atom: Atom, bound: Set<String>) -> (Atom, String) {
            let adornment = String(atom.arguments.map { arg -> Character in
                switch arg {
                case .constant: return "b"
                case .variable(let v, _): return bound.contains(v) ? "b" : "f"
                default: return "f"
                }
            })
            let name = MagicSets.adornedName(atom.predicate, adornment)
            if done.insert(name).inserted {
                queue.append((atom.predicate, adornment))
                arities[name] = atom.arity
                if adornment.contains("b") {
                    arities[MagicSets.magicName(atom.predicate, adornment)] = adornment.filter { $0 == "b" }.count
                    adorned.append("\(atom.signature) as \(atom.spelling)^\(adornment)")
                }
            }
            return (Atom(predicate: name, spelling: atom.spelling, predicateRange: atom.predicateRange,
                         arguments: atom.arguments, range: atom.range), adornment)
        }

        /// The magic atom of `atom` (adorned `adornment`): its bound arguments, in order; an
        /// argument that is neither a variable nor a constant (arithmetic, an aggregate) is `_`.
        static func magicAtom(_ atom: Atom, _ adornment: String, predicate: String) -> Atom {
            var args: [Expr] = []
            for (arg, letter) in zip(atom.arguments, adornment) where letter == "b" {
                switch arg {
                case .variable, .constant: args.append(arg)
                default: args.append(.anonymous(arg.range))
                }
            }
            return Atom(predicate: MagicSets.magicName(predicate, adornment), spelling: "magic^" + atom.spelling + "^" + adornment,
                        predicateRange: atom.predicateRange, arguments: args, range: atom.range)
        }

        /// Rewrites one conjunction (a rule's body after its magic atom, or a query branch):
        /// adorned atoms for derived predicates not evaluated in full, a magic rule (or, for
        /// the query's constants, a seed) for each. `magic`: the rule's own magic atom.
        mutating func adorn(_ body: [Literal], bound start: Set<String>, magic: Atom?, range: SourceRange, head: Clause?) -> [Literal] {
            var bound = start
            // The variables whose values come from stored or derived facts (or the head's bound
            // arguments): only these are passed on as demand. A value computed by arithmetic or
            // a built-in (`X = Y + 1`) is not, or demand could grow without end where the
            // program itself stops (a fact `p(X)` must exist for the rule to hold).
            var passable = start
            var placed: [Literal] = magic.map { [.atom($0)] } ?? []
            var waiting = body
            while !waiting.isEmpty {
                let i = next(waiting, bound: bound, passable: passable)
                let literal = waiting.remove(at: i)
                if case .atom(let atom) = literal, isDerived(atom.predicate), !full.contains(atom.predicate) {
                    let (adornedAtom, adornment) = adornedAtom(atom, bound: passable)
                    if adornment.contains("b") {
                        let magicHead = Transform.magicAtom(atom, adornment, predicate: atom.predicate)
                        if placed.isEmpty {
                            if let terms = constants(magicHead) { seeds.append((magicHead.predicate, terms)) }
                        } else {
                            out.append(Clause(head: magicHead, body: placed, source: nil, range: head?.range ?? range, branch: head?.branch))
                        }
                    }
                    placed.append(.atom(adornedAtom))
                } else {
                    placed.append(literal)
                }
                let binds = BindingRules.binds(literal, bound: bound)
                bound.formUnion(binds)
                switch literal {
                case .atom(let a) where !BuiltinCatalog.isBuiltin(a.predicate): passable.formUnion(binds)
                case .cited: passable.formUnion(binds)
                default: break
                }
            }
            return magic == nil ? placed : Array(placed.dropFirst())
        }

        /// The literal to take next: the first, in written order, of those that can run now
        /// (the body is safe, so one can), preferring filters and built-ins (they restrict),
        /// then atoms with a bound argument (they pass the demand on), then any.
        func next(_ waiting: [Literal], bound: Set<String>, passable: Set<String>) -> Int {
            func hasBound(_ a: Atom) -> Bool {
                a.arguments.contains { arg in
                    if case .constant = arg { return true }
                    if case .variable(let v, _) = arg { return passable.contains(v) }
                    return false
                }
            }
            var firstBound: Int?, firstRunnable: Int?
            for (i, l) in waiting.enumerated() where BindingRules.canRun(l, bound: bound) {
                if case .atom(let a) = l, !BuiltinCatalog.isBuiltin(a.predicate) {
                    if firstBound == nil && hasBound(a) { firstBound = i }
                    if firstRunnable == nil { firstRunnable = i }
                    continue
                }
                return i
            }
            return firstBound ?? firstRunnable ?? 0
        }

        func constants(_ atom: Atom) -> [Term]? {
            var terms: [Term] = []
            for a in atom.arguments {
                guard case .constant(let t, _) = a else { return nil }
                terms.append(t)
            }
            return terms
        }

        /// The adorned rules of `p` for `adornment`.
        mutating func adornRules(_ p: String, _ adornment: String) {
            let name = MagicSets.adornedName(p, adornment)
            let hasMagic = adornment.contains("b")
            for i in byHead[p] ?? [] {
                let rule = rules[i]
                var bound = Set<String>()
                for (arg, letter) in zip(rule.head.arguments, adornment) where letter == "b" {
                    if case .variable(let v, _) = arg { bound.insert(v) }
                }
                // A magic atom of `_` only (every bound head argument is computed, as in
                // `parent(K, K / 2)` asked with the second bound) restricts nothing; left out,
                // the rule derives all its facts once instead of once per demanded value.
                var magic = hasMagic ? Transform.magicAtom(rule.head, adornment, predicate: p) : nil
                if let m = magic, m.arguments.allSatisfy({ if case .anonymous = $0 { return true } else { return false } }) { magic = nil }
                let body = adorn(rule.body, bound: magic == nil ? [] : bound, magic: magic, range: rule.range, head: rule)
                let head = Atom(predicate: name, spelling: rule.head.spelling, predicateRange: rule.head.predicateRange,
                                arguments: rule.head.arguments, range: rule.head.range)
                out.append(Clause(head: head, body: (magic.map { [.atom($0)] } ?? []) + body, source: rule.source, range: rule.range, branch: rule.branch))
            }
            // Stated facts of p that match the demand.
            if stated(p), let first = byHead[p]?.first {
                let r = rules[first]
                let vars: [Expr] = (0..<r.head.arity).map { .variable("_S\($0)", r.head.range) }
                let copy = Atom(predicate: p, spelling: r.head.spelling, predicateRange: r.head.predicateRange, arguments: vars, range: r.head.range)
                let head = Atom(predicate: name, spelling: r.head.spelling, predicateRange: r.head.predicateRange,
                                arguments: vars, range: r.head.range)
                var body: [Literal] = [.atom(copy)]
                if hasMagic { body.insert(.atom(Transform.magicAtom(copy, adornment, predicate: p)), at: 0) }
                out.append(Clause(head: head, body: body, source: nil, range: r.head.range))
            }
        }
    }
}
