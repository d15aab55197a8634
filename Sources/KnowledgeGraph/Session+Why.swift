import Foundation
import KGAnalysis
import KGEngine
import KGFormats
import KGLanguage
import KGStore

/// `:why`: explains a fact by searching, after evaluation, for a rule instance whose body
/// facts all hold and were derived earlier (lower rank) than the fact itself, so a proof is
/// never circular; stated facts are leaves citing their sources (Mangle's post-hoc explain,
/// with Soufflé's height condition).
extension Session {
    /// Explains the fact written in `text` (e.g. `presented(ecuador, v_plenary_session_4)`).
    public func why(_ text: String, maxDepth: Int = 12) throws -> Result<ProofNode, WhyError> {
        var source = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if source.hasPrefix("?-") { source = String(source.dropFirst(2)) }
        if source.hasSuffix(".") { source = String(source.dropLast()) }
        let file = SourceFile(name: "<input>", text: "?- \(source).")
        var parser = Parser(file: file, prefixes: prefixes)
        let statement = parser.nextStatement()
        if let error = parser.diagnostics.first(where: \.isError) { return .failure(.syntax(error)) }
        guard case .query(let query)? = statement, query.body.count == 1, case .atom(let atom) = query.body[0] else {
            return .failure(.notAFact("`:why` takes one fact, such as :why presented(ecuador, v_plenary_session_4)"))
        }
        var terms: [Term] = []
        for argument in atom.arguments {
            guard case .constant(let t, _) = argument else {
                return .failure(.notAFact("`:why` needs constant arguments; find candidates first with ?- \(atom.range.text)."))
            }
            terms.append(t)
        }
        let evaluator = try evaluate()
        let explainer = Explainer(session: self, evaluator: evaluator, maxDepth: maxDepth)
        return .success(try explainer.explain(atom.predicate, terms, spelling: atom.spelling, depth: 0))
    }
}

/// Why `:why` could not start.
public enum WhyError: Error, Sendable {
    case syntax(Diagnostic)
    case notAFact(String)
}

/// Builds proof trees over an evaluated model.
struct Explainer {
    let session: Session
    let evaluator: Evaluator
    let maxDepth: Int
    var model: Database { evaluator.model }

    func factText(_ spelling: String, _ terms: [Term]) -> String { DatalogText.fact(spelling, terms) }

    func explain(_ predicate: String, _ terms: [Term], spelling: String, depth: Int) throws -> ProofNode {
        let text = factText(spelling, terms)
        guard let relation = model.existingRelation(predicate), relation.arity == terms.count else {
            return .doesNotHold(fact: text, reasons: ["there are no facts or rules for \(spelling)/\(terms.count)"])
        }
        let ids = terms.map { model.dictionary.id(for: $0) }
        let row: Int
        if ids.contains(where: { $0 == nil }) {
            row = -1
        } else {
            let tuple = ids.map { $0 ?? 0 }
            row = tuple.withUnsafeBufferPointer { relation.find($0) }
        }
        guard row >= 0 else { return .doesNotHold(fact: text, reasons: try failureReasons(predicate, terms, spelling: spelling)) }
        if evaluator.isStated(predicate, row: row) {
            let sources = (relation.sources[Int32(row)] ?? []).map { model.dictionary[$0].text }
            return .stated(fact: text, sources: sources)
        }
        if depth >= maxDepth { return .elided(fact: text) }
        let rank = evaluator.rank(predicate, row: row)
        // The first rule that proves the fact is shown; the others' proofs are counted.
        var shown: ProofNode?
        var others = 0
        for rule in session.rules where rule.head.predicate == predicate {
            guard let (node, count) = try explain(rule: rule, terms, text: text, rank: rank, depth: depth, expand: shown == nil) else { continue }
            if shown == nil {
                shown = node
                others += count - 1
            } else {
                others += count
            }
        }
        if case .derived(let fact, let rule, let location, let premises, _)? = shown {
            return .derived(fact: fact, rule: rule, location: location, premises: premises, otherDerivations: others)
        }
        if let shown { return shown }
        return .doesNotHold(fact: text, reasons: ["it is in the model, but no rule instance re-derives it (please report this)"])
    }

    /// The rule's body with the head unified against the fact; nil if the head cannot match.
    private func instantiate(_ rule: Clause, _ terms: [Term]) -> [Literal]? {
        var bindings: [String: Term] = [:]
        var extra: [Literal] = []
        for (argument, value) in zip(rule.head.arguments, terms) {
            switch argument {
            case .variable(let v, _):
                if let b = bindings[v], b != value { return nil }
                bindings[v] = value
            case .constant(let c, _):
                if c != value { return nil }
            case .aggregate:
                continue
            default:
                extra.append(.comparison(.equal, .constant(value, argument.range), argument, argument.range))
            }
        }
        let body = (rule.body + extra).map { substitute($0, bindings) }
        // An aggregate's solutions are listed as its body binds them: no invented columns.
        let aggregate = rule.head.arguments.contains { if case .aggregate = $0 { return true } else { return false } }
        return aggregate ? body : Self.namingHiddenVariables(body)
    }

    /// The body with `_` (in positive atoms) and `_X` variables given names an answer keeps
    /// (`$1`, `$_X`: no user can write them), so each premise is grounded to the fact that
    /// held and cited, rather than shown as `presented(chile, _)`. `_` in a negated atom
    /// stays anonymous: there it means "no value at all".
    static func namingHiddenVariables(_ body: [Literal]) -> [Literal] {
        var counter = 0
        func rename(_ e: Expr, anonymous: Bool) -> Expr {
            switch e {
            case .anonymous(let r) where anonymous:
                counter += 1
                return .variable("$\(counter)", r)
            case .variable(let v, let r) where v.hasPrefix("_"): return .variable("$" + v, r)
            case .binary(let op, let a, let b, let r): return .binary(op, rename(a, anonymous: anonymous), rename(b, anonymous: anonymous), r)
            case .negate(let a, let r): return .negate(rename(a, anonymous: anonymous), r)
            default: return e
            }
        }
        func rename(_ a: Atom, anonymous: Bool) -> Atom {
            Atom(predicate: a.predicate, spelling: a.spelling, predicateRange: a.predicateRange,
                 arguments: a.arguments.map { rename($0, anonymous: anonymous) }, range: a.range)
        }
        return body.map { literal in
            switch literal {
            case .atom(let a): return .atom(rename(a, anonymous: true))
            case .negated(let a, let r): return .negated(rename(a, anonymous: false), r)
            case .comparison(let op, let l, let r, let range): return .comparison(op, rename(l, anonymous: false), rename(r, anonymous: false), range)
            // An aggregate's or a citation's variables are its own (a `_` there counts nothing);
            // disjunctions are multiplied out before rules run.
            case .aggregate, .cited, .disjunction: return literal
            }
        }
    }

    /// The proof of the fact by `rule` (expanded only when `expand`), with how many instances
    /// of the rule prove it; nil when none does.
    private func explain(rule: Clause, _ terms: [Term], text: String, rank: Int, depth: Int, expand: Bool) throws -> (ProofNode, Int)? {
        guard let body = instantiate(rule, terms) else { return nil }
        let location = rule.range.location
        // A rule with `;` is explained by the branch that held.
        let ruleText = rule.range.text.replacingOccurrences(of: "\n", with: " ") + (rule.branch.map { "  (\($0.label))" } ?? "")
        let answer = try evaluator.answer(Query(body: body, text: "", range: rule.range))
        if rule.head.arguments.contains(where: { if case .aggregate = $0 { return true } else { return false } }) {
            let shown = answer.rows.prefix(5).map { row in
                zip(answer.columns, row).map { "\($0) = \(DatalogText.term($1))" }.joined(separator: ", ")
            }
            guard !answer.rows.isEmpty else { return nil }
            return (.aggregate(fact: text, rule: ruleText, location: location, counted: shown, total: answer.rows.count), 1)
        }
        // Instances whose positive body facts are all older than the fact explained.
        var instances: [[Literal]] = []
        for row in answer.rows {
            let bindings = Dictionary(uniqueKeysWithValues: zip(answer.columns, row))
            let grounded = body.map { substitute($0, bindings) }
            var older = true
            for case .atom(let atom) in grounded {
                if let (p, args) = factOf(atom), !(try lowerRank(p, args, than: rank)) { older = false; break }
            }
            if older { instances.append(grounded) }
        }
        guard let chosen = instances.first else { return nil }
        guard expand else { return (.elided(fact: text), instances.count) }
        var premises: [ProofNode] = []
        for literal in chosen {
            switch literal {
            case .atom(let atom):
                if let (p, args) = factOf(atom) {
                    premises.append(try explain(p, args, spelling: spelling(of: p, atom), depth: depth + 1))
                } else {
                    premises.append(.condition(describeAtom(atom)))
                }
            case .negated(let atom, _):
                premises.append(.absent(fact: describeAtom(atom)))
            case .comparison:
                premises.append(.condition(describeComparison(literal)))
            case .aggregate, .cited:
                premises.append(.condition(LiteralText.literal(literal)))
            case .disjunction:
                break   // rules run multiplied out
            }
        }
        return (.derived(fact: text, rule: ruleText, location: location, premises: premises, otherDerivations: instances.count - 1), instances.count)
    }

    private func spelling(of predicate: String, _ atom: Atom) -> String {
        atom.predicate == "triple" ? (session.table[predicate]?.spelling ?? predicate) : atom.spelling
    }

    /// The stored fact a grounded positive atom stands for (triple/3 names its predicate).
    private func factOf(_ atom: Atom) -> (String, [Term])? {
        let values = atom.arguments.compactMap { arg -> Term? in
            if case .constant(let t, _) = arg { return t } else { return nil }
        }
        guard values.count == atom.arity else { return nil }
        if atom.predicate == "triple", let p = Database.predicateName(values[1]) { return (p, [values[0], values[2]]) }
        if BuiltinCatalog.isBuiltin(atom.predicate) { return nil }
        return (atom.predicate, values)
    }

    private func lowerRank(_ predicate: String, _ terms: [Term], than rank: Int) throws -> Bool {
        guard let r = model.existingRelation(predicate) else { return false }
        let ids = terms.compactMap { model.dictionary.id(for: $0) }
        guard ids.count == terms.count else { return false }
        let row = ids.withUnsafeBufferPointer { r.find($0) }
        return row >= 0 && evaluator.rank(predicate, row: row) < rank
    }

    private func describeAtom(_ atom: Atom) -> String {
        let args = atom.arguments.map { arg -> String in
            if case .constant(let t, _) = arg { return DatalogText.term(t) }
            return arg.range.text
        }
        return args.isEmpty ? atom.spelling : "\(atom.spelling)(\(args.joined(separator: ", ")))"
    }

    private func describeComparison(_ literal: Literal) -> String {
        guard case .comparison(let op, let l, let r, _) = literal else { return "" }
        func show(_ e: Expr) -> String {
            if case .constant(let t, _) = e { return DatalogText.term(t) }
            return e.range.text
        }
        return "\(show(l)) \(op.rawValue) \(show(r))"
    }

    /// Cheap reasons a fact does not hold: no rules; or, per rule, the first body literal
    /// (in written order) after which no instance remains.
    private func failureReasons(_ predicate: String, _ terms: [Term], spelling: String) throws -> [String] {
        let rules = session.rules.filter { $0.head.predicate == predicate }
        var reasons: [String] = []
        if rules.isEmpty {
            reasons.append("it is not a stated fact, and \(spelling)/\(terms.count) has no rules")
            return reasons
        }
        reasons.append("it is not a stated fact")
        for rule in rules {
            if let value = aggregateValues(rule, terms) {
                reasons.append("rule at \(rule.range.location) is an aggregate: " + value)
                continue
            }
            let place = "rule at \(rule.range.location)" + (rule.branch.map { " (\($0.label))" } ?? "")
            guard let body = instantiate(rule, terms) else {
                reasons.append("\(place) does not match: its head has other constants")
                continue
            }
            var prefix: [Literal] = []
            var failed: Literal?
            for literal in body {
                prefix.append(literal)
                let query = Query(body: prefix, text: "", range: rule.range)
                guard SafetyChecker.check(branches: query.branches.map { ($0.body, $0.branch) }, demand: .nothing).isEmpty else { continue }
                if try evaluator.answer(query).rows.isEmpty {
                    failed = literal
                    break
                }
            }
            if let failed {
                let what: String
                switch failed {
                case .atom(let a): what = "no match for \(describeAtom(a))"
                case .negated(let a, _): what = "not \(describeAtom(a)) fails: such a fact exists"
                case .comparison: what = "\(describeComparison(failed)) does not hold"
                case .aggregate, .cited, .disjunction: what = "\(LiteralText.literal(failed)) does not hold"
                }
                reasons.append("\(place): \(what)")
            } else {
                reasons.append("\(place): no instance satisfies its whole body")
            }
        }
        return reasons
    }

    /// For an aggregate rule: what it does give for the fact's group (`degree(a, 7)`), or that
    /// the group has no solutions; nil for other rules.
    private func aggregateValues(_ rule: Clause, _ terms: [Term]) -> String? {
        let positions = rule.head.arguments.indices.filter { if case .aggregate = rule.head.arguments[$0] { return true } else { return false } }
        guard !positions.isEmpty, let relation = model.existingRelation(rule.head.predicate) else { return nil }
        var found: [String] = []
        for row in 0..<relation.count {
            let values = relation.row(row).map { model.dictionary[$0] }
            if values.indices.allSatisfy({ positions.contains($0) || values[$0] == terms[$0] }) {
                found.append(factText(rule.head.spelling, values))
            }
        }
        return found.isEmpty ? "its body has no solution for this group" : "for this group it gives " + found.joined(separator: ", ")
    }

    private func substitute(_ literal: Literal, _ bindings: [String: Term]) -> Literal {
        switch literal {
        case .atom(let a): return .atom(substitute(a, bindings))
        case .negated(let a, let r): return .negated(substitute(a, bindings), r)
        case .comparison(let op, let l, let r, let range): return .comparison(op, substitute(l, bindings), substitute(r, bindings), range)
        case .disjunction(let alternatives, let range):
            return .disjunction(alternatives.map { $0.map { substitute($0, bindings) } }, range)
        case .aggregate(let g):
            // Only the variables outside it are bound; its keys are found again when the body
            // is wrapped in a Query (those replaced by constants are keys no longer).
            return .aggregate(BodyAggregate(kind: g.kind, target: g.target.map { substitute($0, bindings) }, body: g.body.map { substitute($0, bindings) }, branches: [],
                                            keys: [], op: g.op, other: substitute(g.other, bindings), aggregateOnLeft: g.aggregateOnLeft,
                                            aggregateRange: g.aggregateRange, range: g.range))
        case .cited(let c):
            return .cited(Citation(fact: substitute(c.fact, bindings), source: substitute(c.source, bindings), negated: c.negated, range: c.range))
        }
    }

    private func substitute(_ atom: Atom, _ bindings: [String: Term]) -> Atom {
        Atom(predicate: atom.predicate, spelling: atom.spelling, predicateRange: atom.predicateRange,
             arguments: atom.arguments.map { substitute($0, bindings) }, range: atom.range)
    }

    private func substitute(_ e: Expr, _ bindings: [String: Term]) -> Expr {
        switch e {
        case .variable(let v, let r): return bindings[v].map { .constant($0, r) } ?? e
        case .binary(let op, let a, let b, let r): return .binary(op, substitute(a, bindings), substitute(b, bindings), r)
        case .negate(let a, let r): return .negate(substitute(a, bindings), r)
        default: return e
        }
    }
}
