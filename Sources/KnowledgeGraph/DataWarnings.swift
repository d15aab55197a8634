import KGAnalysis
import KGEngine
import KGFormats
import KGLanguage
import KGStore

/// Warnings about rules and queries that need the data to be found: the analyser sees only
/// the program, these look at the stated facts too. They run when a load ends (`kg run`,
/// `kg query`, `kg check` and each REPL input, once its facts are in), on the rules and
/// queries that load added:
///
/// - an entity constant that occurs in no fact and in no rule head, names no predicate and
///   is the source of no fact ("unknown entity 'cms'"), with the nearest known ids, matched
///   by id, label and acronym;
/// - a plain string where a predicate's stated values are all language-tagged
///   (`label(X, "Chile")`, or `label(X, L), L = "Chile"`), which can never match.
///
/// Built-in atoms are left alone (`quad(S, P, O, default)` names a source, `triple(S, p, O)` a
/// predicate). The facts looked at are the stated ones (plus, after an in-place evaluation,
/// the derived ones); a predicate with rules is not checked for tags, since rules may derive
/// untagged values.
struct DataWarnings {
    let database: Database
    let table: PredicateTable
    /// Every rule of the session (for constants in heads, which derived facts may hold).
    let rules: [Clause]

    /// Warnings for the bodies of `added` rules and of `queries`: every branch of a `;` and
    /// every body aggregate's inner body (each branch of it) is checked as a conjunction, in
    /// the context of the literals around it; a literal shared by several branches is
    /// reported once.
    func check(added: [Clause], queries: [Query]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen = Set<String>()
        var unknown = UnknownEntities(database: database, rules: rules, table: table)
        var tags = TaggedColumns(database: database, table: table)
        let bodies = added.map { Disjunction.branches(of: $0.body, outside: []) } + queries.map(\.branches)
        for conjunction in bodies.joined().flatMap({ DataWarnings.conjunctions($0.body, context: []) }) {
            for d in unknown.check(conjunction.literals) + tags.check(conjunction.literals, context: conjunction.context) {
                let key = "\(d.range?.location ?? "") \(d.message)"
                if seen.insert(key).inserted { out.append(d) }
            }
        }
        return out
    }

    /// A conjunction (one branch of a multiplied-out body) and the conjunctions inside it,
    /// each branch of each body aggregate's inner body, with the literals around each: those
    /// of the bodies enclosing it, which bind its grouping keys.
    static func conjunctions(_ body: [Literal], context: [Literal]) -> [(literals: [Literal], context: [Literal])] {
        var out = [(literals: body, context: context + body)]
        for case .aggregate(let g) in body {
            for branch in g.branches { out += conjunctions(branch.body, context: context + body) }
        }
        return out
    }
}

/// Entity constants of a body that occur nowhere in the graph.
struct UnknownEntities {
    let database: Database
    let rules: [Clause]
    /// Predicate names are entities too: `triple/3` and `quad/4` bind P to them, so rules
    /// over those (`stated_in(S, part_of, O, D)`) name predicates as arguments.
    let table: PredicateTable
    private var occurring: Set<TermID>?
    /// Ids already seen in a fact (without building `occurring`).
    private var found = Set<TermID>()
    private var headConstants: Set<Term>?
    /// Every source some fact is stated under (computed once, when a constant is in doubt).
    private var sourceIDs: Set<TermID>?

    init(database: Database, rules: [Clause], table: PredicateTable) {
        self.database = database
        self.rules = rules
        self.table = table
    }

    mutating func check(_ body: [Literal]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (term, range) in constants(of: body) where !occurs(term) {
            var message = "unknown entity '\(DatalogText.term(term))': it occurs in no fact of the graph"
            let near = suggestions(for: term)
            if !near.isEmpty { message += "; did you mean " + near.joined(separator: ", ") + "?" }
            out.append(.warning(message, at: range))
        }
        return out
    }

    /// Entity and IRI constants written as arguments of stored predicates, and compared with `=`.
    private func constants(of body: [Literal]) -> [(Term, SourceRange)] {
        var out: [(Term, SourceRange)] = []
        func add(_ e: Expr) {
            guard case .constant(let t, let r) = e else { return }
            switch t {
            case .entity, .iri: out.append((t, r))
            default: break
            }
        }
        for literal in body {
            switch literal {
            case .atom(let a), .negated(let a, _):
                guard !BuiltinCatalog.isBuiltin(a.predicate) else { continue }
                a.arguments.forEach(add)
            case .comparison(let op, let l, let r, _):
                guard op == .equal else { continue }
                add(l)
                add(r)
            case .cited(let c):
                // The cited fact's arguments, not its source (`default` names none).
                c.fact.arguments.forEach(add)
            case .disjunction, .aggregate:
                break   // the conjunctions inside are checked on their own
            }
        }
        return out
    }

    private mutating func occurs(_ term: Term) -> Bool {
        if headConstants == nil {
            var heads = Set<Term>()
            for rule in rules {
                for case .constant(let t, _) in rule.head.arguments { heads.insert(t) }
            }
            headConstants = heads
        }
        if headConstants?.contains(term) == true { return true }
        if term == Database.unsourcedTerm { return true }   // the source of facts stated under none
        if let name = Database.predicateName(term), table.isKnown(name) { return true }
        guard let id = database.dictionary.id(for: term) else { return false }
        if let occurring { return occurring.contains(id) }
        if found.contains(id) { return true }
        // A straight pass over the rows, stopping at the first hit: far cheaper than a set of
        // every id of a large graph, which only suggestions need.
        for relation in database.relations.values where relation.rows.contains(id) {
            found.insert(id)
            return true
        }
        // A source that facts are stated under (`cited(F, src_doc004)`, `G = src_doc004`).
        if sourceIDs == nil {
            var ids = Set<TermID>()
            for relation in database.relations.values {
                for list in relation.sources.values { ids.formUnion(list) }
            }
            sourceIDs = ids
        }
        return sourceIDs?.contains(id) == true
    }

    /// Every term id in a stated fact (computed once, when a constant is first in doubt).
    private mutating func occurringIDs() -> Set<TermID> {
        if let occurring { return occurring }
        var ids = Set<TermID>()
        for relation in database.relations.values {
            for id in relation.rows { ids.insert(id) }
        }
        occurring = ids
        return ids
    }

    /// Up to three known entities nearest to `term`, by id, label or acronym, each shown
    /// with its label.
    private mutating func suggestions(for term: Term) -> [String] {
        let written = TextFolding.fold(DatalogText.term(term))
        // Short ids are close to many others: at most a third of the letters may differ,
        // and never all of them (`z` suggests nothing, `cms` suggests `csm`).
        let limit = max(1, written.count / 3)
        var best: [TermID: Int] = [:]
        func consider(_ id: TermID, _ text: String, isName: Bool) {
            let folded = TextFolding.fold(text).replacingOccurrences(of: " ", with: "_")
            var d = Int.max
            if abs(folded.count - written.count) <= limit { d = NameSuggester.transpositionDistance(written, folded) }
            // A label that starts with what was written (`conferencia_suramericana`) is a
            // weaker match than a near spelling.
            if d > limit, !isName, written.count >= 4, folded.hasPrefix(written) { d = limit }
            guard d <= limit, d < written.count else { return }
            // An id spelt nearly so beats a label or acronym spelt nearly so.
            if !isName { d += 1 }
            if d < (best[id] ?? Int.max) { best[id] = d }
        }
        let dictionary = database.dictionary
        for id in occurringIDs().union(sourceIDs ?? []) {
            let t = dictionary[id]
            switch (t, term) {
            case (.entity(let n), .entity), (.iri(let n), .iri): consider(id, n, isName: true)
            default: break
            }
        }
        guard case .entity = term else { return rank(best) }
        for name in ["label", "acronym"] {
            guard let r = database.existingRelation(name), r.arity == 2 else { continue }
            for row in 0..<r.count {
                let subject = r.value(row: row, column: 0)
                guard case .entity = dictionary[subject], case .string(let s, _) = dictionary[r.value(row: row, column: 1)] else { continue }
                consider(subject, s, isName: false)
            }
        }
        return rank(best)
    }

    /// The nearest of the matches (those at the least distance), at most three, by id.
    private func rank(_ best: [TermID: Int]) -> [String] {
        let dictionary = database.dictionary
        guard let nearest = best.values.min() else { return [] }
        let ordered = best.filter { $0.value == nearest }.map { dictionary[$0.key] }.sorted { TermOrder.compare($0, $1) < 0 }
        return ordered.prefix(3).map { term in
            let entry = (term: term, distance: nearest)
            let name = DatalogText.term(entry.term)
            guard let label = preferredLabel(entry.term) else { return name }
            return "\(name) (\(label))"
        }
    }

    /// The English label of an entity, else any label.
    private func preferredLabel(_ term: Term) -> String? {
        guard let id = database.dictionary.id(for: term), let r = database.existingRelation("label"), r.arity == 2 else { return nil }
        var any: String?
        for row in 0..<r.count where r.value(row: row, column: 0) == id {
            guard case .string(let s, let lang) = database.dictionary[r.value(row: row, column: 1)] else { continue }
            if lang == "en" { return s }
            any = any ?? s
        }
        return any
    }
}

/// Plain strings compared with a predicate's column whose stated values are all tagged.
struct TaggedColumns {
    let database: Database
    let table: PredicateTable
    /// For (predicate, column): the tags of its values when every one is a tagged string.
    private var cache: [String: [String]?] = [:]

    init(database: Database, table: PredicateTable) {
        self.database = database
        self.table = table
    }

    /// Warnings for the literals of `body`; `context` (which includes `body`) holds the
    /// literals whose atoms say where a compared variable's values come from.
    mutating func check(_ body: [Literal], context: [Literal]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Where each variable sits in the positive atoms (and cited facts) around.
        var places: [String: [(Atom, Int)]] = [:]
        for literal in context {
            let atom: Atom
            switch literal {
            case .atom(let a): atom = a
            case .cited(let c) where !c.negated: atom = c.fact
            default: continue
            }
            guard !BuiltinCatalog.isBuiltin(atom.predicate) else { continue }
            for (k, e) in atom.arguments.enumerated() {
                if case .variable(let v, _) = e { places[v, default: []].append((atom, k)) }
            }
        }
        for literal in body {
            switch literal {
            case .atom(let a), .negated(let a, _):
                guard !BuiltinCatalog.isBuiltin(a.predicate) else { continue }
                out += plainStrings(in: a)
            case .cited(let c):
                out += plainStrings(in: c.fact)
            case .comparison(.equal, let l, let r, _):
                for (v, c) in [(l, r), (r, l)] {
                    guard case .variable(let name, _) = v, case .constant(.string(let s, nil), let range) = c,
                          let at = places[name], !at.isEmpty, at.allSatisfy({ tagged($0.0, $0.1) != nil }) else { continue }
                    out.append(warning(s, at[0].0, at[0].1, at: range))
                }
            default:
                break
            }
        }
        return out
    }

    /// A warning for each plain string written where `atom`'s values are all tagged.
    private mutating func plainStrings(in atom: Atom) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (k, e) in atom.arguments.enumerated() {
            guard case .constant(.string(let s, nil), let r) = e, tagged(atom, k) != nil else { continue }
            out.append(warning(s, atom, k, at: r))
        }
        return out
    }

    private mutating func warning(_ text: String, _ atom: Atom, _ column: Int, at range: SourceRange) -> Diagnostic {
        let shown = DatalogText.quoted(text)
        let existing = tagsHolding(text, atom.predicate, column)
        let fix = existing.isEmpty
            ? "add a tag (\(tagged(atom, column)?.prefix(3).joined(separator: ", ") ?? ""))"
            : "write " + existing.map { "\(shown)@\($0)" }.joined(separator: " or ")
        let subject = atom.predicate == "label" ? "labels are" : "the values of \(atom.signature) are"
        return .warning("\(subject) language-tagged, so the plain string \(shown) matches none: \(fix), or use like/2", at: range)
    }

    /// The tags of the column's values, most used first, if every value is a tagged string.
    private mutating func tagged(_ atom: Atom, _ column: Int) -> [String]? {
        let key = "\(atom.predicate)/\(column)"
        if let known = cache[key] { return known }
        var result: [String]?
        if let r = database.existingRelation(atom.predicate), r.arity == atom.arity, r.count > 0,
           table[atom.predicate]?.hasRules != true {
            var counts: [String: Int] = [:]
            var allTagged = true
            for row in 0..<r.count {
                guard case .string(_, let lang?) = database.dictionary[r.value(row: row, column: column)], !lang.isEmpty else {
                    allTagged = false
                    break
                }
                counts[lang, default: 0] += 1
            }
            if allTagged { result = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key) }
        }
        cache[key] = result
        return result
    }

    /// The tags under which `text` itself is a value of the column, alphabetically.
    private func tagsHolding(_ text: String, _ predicate: String, _ column: Int) -> [String] {
        guard let r = database.existingRelation(predicate) else { return [] }
        var tags = Set<String>()
        for row in 0..<r.count {
            if case .string(let s, let lang?) = database.dictionary[r.value(row: row, column: column)], s == text { tags.insert(lang) }
        }
        return tags.sorted()
    }
}
