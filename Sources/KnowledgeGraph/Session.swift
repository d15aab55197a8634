import Foundation
import KGAnalysis
import KGEngine
import KGLanguage
import KGStore

/// One user's knowledge graph: the stated facts, the rules, the declarations and prefixes,
/// and the evaluated model, kept up to date as files and inputs are loaded. The command
/// line and the REPL are thin layers over this.
public final class Session {
    /// Options that shape loading and evaluation.
    public struct Options: Sendable {
        public var limits = EvaluationLimits()
        /// Evaluate into the stored database itself rather than a copy (one-shot runs: saves
        /// the copy; the REPL needs the copy so facts can be retracted and rules added).
        public var evaluateInPlace = false
        /// Keep each stated fact's source location (for `kg check`'s class checks).
        public var recordFactLocations = false
        /// Evaluate after each load, and withdraw a load whose evaluation fails (the REPL).
        public var evaluateOnLoad = false
        /// Return the accepted clauses in `LoadResult.clauses` (the REPL's `:save` needs
        /// them; a bulk load must not keep a syntax tree per fact).
        public var recordClauses = false
        /// The base IRI for relative IRIs in RDF input.
        public var baseIRI: String?
        public init() {}
    }

    public let database: Database
    public let table = PredicateTable()
    public private(set) var rules: [Clause] = []
    public private(set) var prefixes: [String: String] = Parser.standardPrefixes
    /// Prefixes declared by the user (for export), in order.
    public private(set) var declaredPrefixes: [(String, String)] = []
    public var options: Options
    /// Stated facts with their locations, when `options.recordFactLocations` is on.
    public private(set) var factLocations: [(predicate: String, arguments: [Term], range: SourceRange)] = []
    private var evaluator: Evaluator?

    public init(options: Options = Options(), database: Database = Database()) {
        self.options = options
        self.database = database
    }

    // MARK: - Loading

    /// Loads program or data files from disk as one unit (`.dl` as kg statements,
    /// `.nt`/`.nq`/`.ttl` as RDF): analysed together, so a rule may use a predicate a later
    /// file defines; on any error nothing of them is kept.
    public func load(paths: [String]) -> LoadResult {
        var result = LoadResult()
        for path in paths {
            var stack: [String] = []
            loadFile(path, from: nil, stack: &stack, into: &result)
        }
        finish(&result)
        return result
    }

    /// Loads one file from disk.
    public func load(path: String) -> LoadResult { load(paths: [path]) }

    /// Loads statements from texts as one unit (REPL input, `kg query`, embedded seed files).
    public func load(texts: [(name: String, text: String)]) -> LoadResult {
        var result = LoadResult()
        // Each text is its own file, except in an interactive session, where `@source` typed in
        // one input stays in force for the next.
        var source = options.recordClauses ? interactiveSource : nil
        for (name, text) in texts {
            var stack: [String] = []
            let last = loadSource(SourceFile(name: name, text: text), directory: FileManager.default.currentDirectoryPath,
                                  stack: &stack, into: &result, source: options.recordClauses ? source : nil)
            source = last
        }
        finish(&result)
        if options.recordClauses && !result.hasErrors { interactiveSource = source }
        return result
    }

    /// Loads statements from one text.
    public func load(text: String, name: String) -> LoadResult { load(texts: [(name, text)]) }

    private var addedRules: [Clause] = []
    /// Rules as written in this load (a rule with `;` is several `addedRules`).
    private var addedClauses = 0
    private var checkpoint: [String: Int] = [:]

    /// Analyses what a load added; on any error the load is undone, so a bad input never
    /// leaves half its facts or rules behind.
    private func finish(_ result: inout LoadResult) {
        let analysis = Analyzer.analyze(existing: rules, added: addedRules, queries: result.queries, table: table)
        result.diagnostics += analysis.diagnostics
        // Warnings that need the data; after an error the data is not what the files say.
        if !result.hasErrors && !analysis.hasErrors {
            result.diagnostics += DataWarnings(database: database, table: table, rules: rules + addedRules)
                .check(added: addedRules, queries: result.queries)
        }
        // Report in reading order: by file (in the order loaded), then by position.
        var fileOrder: [ObjectIdentifier: Int] = [:]
        for d in result.diagnostics {
            if let f = d.range?.file, fileOrder[ObjectIdentifier(f)] == nil { fileOrder[ObjectIdentifier(f)] = fileOrder.count }
        }
        func key(_ d: Diagnostic) -> (Int, Int) {
            guard let r = d.range else { return (-1, 0) }
            return (fileOrder[ObjectIdentifier(r.file)] ?? 0, r.start)
        }
        result.diagnostics = result.diagnostics.enumerated().sorted { a, b in
            let (ka, kb) = (key(a.element), key(b.element))
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
        if !result.hasErrors {
            let previousRules = rules
            result.rulesAdded = addedClauses
            rules = analysis.program.rules
            if result.factsAdded > 0 || !addedRules.isEmpty { evaluator = nil }
            if options.evaluateOnLoad {
                do {
                    _ = try evaluate()
                } catch let error as EvaluationError {
                    // The input made evaluation fail (a runaway rule, a division by zero):
                    // withdraw it whole so the session stays as it was and usable.
                    result.diagnostics.append(Diagnostic.error(error.message + "; the input was not kept", at: error.range))
                    rules = previousRules
                    evaluator = nil
                } catch {
                    result.diagnostics.append(.error("\(error); the input was not kept", at: nil))
                    rules = previousRules
                    evaluator = nil
                }
            }
        }
        if result.hasErrors {
            rollback()
            result.queries = []
            result.clauses = []
            result.declarations = []
        }
        addedRules = []
        addedClauses = 0
        checkpoint = [:]
        createdRelations = []
        tableBeforeLoad = nil
        lastPredicate = nil
    }

    private var tableBeforeLoad: PredicateTable?
    private var createdRelations = Set<String>()
    /// The `@source` in force between interactive inputs.
    private var interactiveSource: Term?
    /// After an in-place evaluation: how many rows of each relation were stated. A later
    /// load first drops the derived rows, so they never pass for stated facts.
    private var statedBeforeInPlace: [String: Int]?
    private var lastPredicate: String?
    private var lastArity = -1

    private func noteCheckpoint() {
        if let stated = statedBeforeInPlace {
            for (name, relation) in database.relations {
                if let n = stated[name] { relation.truncate(to: n) } else { database.removeRelation(name) }
            }
            statedBeforeInPlace = nil
            evaluator = nil
        }
        if tableBeforeLoad == nil { tableBeforeLoad = table.copy() }
    }

    /// Remembers how many rows `predicate` had before this load touched it (for rollback).
    func noteRelation(_ predicate: String) {
        guard checkpoint[predicate] == nil else { return }
        if let existing = database.existingRelation(predicate) {
            checkpoint[predicate] = existing.count
        } else {
            checkpoint[predicate] = 0
            createdRelations.insert(predicate)
        }
    }

    private func rollback() {
        for (name, count) in checkpoint { database.existingRelation(name)?.truncate(to: count) }
        // A relation this load created goes entirely, arity and all.
        for name in createdRelations { database.removeRelation(name) }
        if let saved = tableBeforeLoad { table.restore(from: saved) }
    }

    private func loadFile(_ path: String, from include: SourceRange?, stack: inout [String], into result: inout LoadResult) {
        let url = URL(fileURLWithPath: path)
        let canonical = url.standardizedFileURL.resolvingSymlinksInPath().path
        if stack.contains(canonical) {
            let chain = (stack + [canonical]).map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " -> ")
            result.diagnostics.append(.error("@include cycle: \(chain)", at: include))
            return
        }
        let ext = url.pathExtension.lowercased()
        if ["nt", "nq"].contains(ext) {
            // Line-based: read in pieces, never the whole file at once.
            loadLineRDF(path: path, extension: ext, at: include, into: &result)
            return
        }
        let bytes: [UInt8]
        switch FileReader.contents(of: path) {
        case .success(let b): bytes = b
        case .failure(let error):
            result.diagnostics.append(.error("cannot read '\(path)': \(error.reason)", at: include))
            return
        }
        result.filesRead += 1
        if ext == "ttl" {
            loadRDF(bytes, path: path, extension: ext, at: include, into: &result)
            return
        }
        stack.append(canonical)
        defer { stack.removeLast() }
        // Included paths stay as the user wrote them (relative to the including file's
        // folder as given), so messages name them the way the user knows them.
        loadSource(SourceFile(name: path, bytes: bytes), directory: (path as NSString).deletingLastPathComponent, stack: &stack, into: &result)
    }

    /// Loads one source; returns the `@source` in force at its end.
    @discardableResult
    private func loadSource(_ file: SourceFile, directory: String, stack: inout [String], into result: inout LoadResult,
                            source: Term? = nil) -> Term? {
        noteCheckpoint()
        var parser = Parser(file: file, prefixes: prefixes, source: source)
        // Plain ground facts skip the parser (FactLoader); not when each fact's syntax tree
        // or location is wanted.
        let fast = !options.recordFactLocations && !options.recordClauses
        let loader = fast ? FactLoader(session: self, file: file) : nil
        // The fast path borrows the file's bytes for the whole load (no per-fact retain).
        file.bytes.withUnsafeBufferPointer { bytes in
            while true {
                if let loader, let start = parser.nextStatementStart,
                   let end = loader.load(bytes, at: start, source: parser.currentSource, into: &result) {
                    parser.resume(at: end)
                    continue
                }
                guard let statement = parser.nextStatement() else { break }
                switch statement {
                case .clause(let clause):
                    add(clause, into: &result)
                case .query(let query):
                    for atom in atoms(of: query.body) { use(atom, into: &result) }
                    result.queries.append(query)
                case .include(let path, let range):
                    let resolved = path.hasPrefix("/") || directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path)
                    prefixes = parser.prefixes
                    loadFile(resolved, from: range, stack: &stack, into: &result)
                case .declaration(let declaration):
                    if let problem = table.declare(declaration) {
                        result.diagnostics.append(problem)
                    } else {
                        result.declarations.append(declaration)
                    }
                }
            }
        }
        result.diagnostics += parser.diagnostics
        for (name, iri) in parser.declaredPrefixes where !declaredPrefixes.contains(where: { $0 == (name, iri) }) {
            declaredPrefixes.append((name, iri))
        }
        prefixes = parser.prefixes
        return parser.currentSource
    }

    /// Every atom of a body, inside alternatives, aggregates and `cited` too.
    private func atoms(of body: [Literal]) -> [Atom] { body.allAtoms }

    private func use(_ atom: Atom, into result: inout LoadResult) {
        if let problem = table.use(atom.predicate, spelling: atom.spelling, arity: atom.arity, at: atom.predicateRange) {
            result.diagnostics.append(problem)
        }
    }

    private func add(_ clause: Clause, into result: inout LoadResult) {
        let head = clause.head
        // Fact files repeat one predicate line after line: check it once per run of facts.
        if head.predicate != lastPredicate || head.arity != lastArity {
            if let problem = table.use(head.predicate, spelling: head.spelling, arity: head.arity, at: head.predicateRange) {
                result.diagnostics.append(problem)
                lastPredicate = nil
                return
            }
            lastPredicate = head.predicate
            lastArity = head.arity
        }
        if options.recordClauses { result.clauses.append(clause) }
        for atom in atoms(of: clause.body) { use(atom, into: &result) }
        // A ground fact goes straight into the store; anything else is a rule.
        if clause.body.isEmpty, !BuiltinCatalog.isBuiltin(head.predicate) {
            var terms: [Term] = []
            for argument in head.arguments {
                guard case .constant(let t, _) = argument else { break }
                terms.append(t)
            }
            if terms.count == head.arity {
                noteRelation(head.predicate)
                database.add(predicate: head.predicate, terms, source: clause.source)
                table.markFacts(head.predicate)
                if options.recordFactLocations { factLocations.append((head.predicate, terms, head.range)) }
                result.factsAdded += 1
                return
            }
        }
        table.markRules(head.predicate)
        // A rule with `;` runs as one conjunctive rule per branch (and body aggregates get
        // their grouping keys): the engine never sees a disjunction.
        addedRules.append(contentsOf: clause.branches())
        addedClauses += 1
    }

    // MARK: - Evaluation and answers

    /// The evaluated model: every stated and derived fact. Evaluated on first use after a change.
    public func evaluate() throws -> Evaluator {
        if let evaluator { return evaluator }
        if options.evaluateInPlace { statedBeforeInPlace = database.relations.mapValues(\.count) }
        let model = options.evaluateInPlace ? database : database.copy()
        let (strata, _) = Stratifier.stratify(rules: rules) { self.table[$0]?.arity }
        let e = Evaluator(model: model, program: CheckedProgram(rules: rules, strata: strata), limits: options.limits)
        try e.evaluate()
        evaluator = e
        return e
    }

    /// Evaluates, into a copy, only the rules that `predicates` depend on (for checks that
    /// need a few derived relations, not the whole program).
    /// With a `profiler`, the evaluation is counted step by step into it (`:plan`).
    public func evaluate(onlyFor predicates: Set<String>, profiler: EvaluationProfiler? = nil) throws -> Evaluator {
        var needed = predicates
        var changed = true
        while changed {
            changed = false
            for rule in rules where needed.contains(rule.head.predicate) {
                for a in rule.body.allAtoms where !needed.contains(a.predicate) {
                    if a.predicate == "triple" {
                        // triple/3 reads every binary predicate.
                        for r in rules where r.head.arity == 2 && needed.insert(r.head.predicate).inserted { changed = true }
                    } else if needed.insert(a.predicate).inserted {
                        changed = true
                    }
                }
            }
        }
        let subset = rules.filter { needed.contains($0.head.predicate) }
        let (strata, _) = Stratifier.stratify(rules: subset) { self.table[$0]?.arity }
        let e = Evaluator(model: database.copy(), program: CheckedProgram(rules: subset, strata: strata), limits: options.limits)
        e.profiler = profiler
        try e.evaluate()
        return e
    }

    /// Answers one query: from the evaluated model when there is one, else, for a question
    /// with bound arguments, by the demand transformation (`answersOnDemand`), else from
    /// the model, evaluated first. `demand`: `.always` uses the transformation whenever it
    /// applies, `.never` never (tests compare the two).
    public func answer(_ query: Query, demand: DemandChoice = .automatic) throws -> QueryAnswer {
        if demand != .never, demand == .always || answersOnDemand(query), let rewrite = demandRewrite(query) {
            return try evaluateOnDemand(rewrite).answer(query, branches: rewrite.branches)
        }
        return try evaluate().answer(query)
    }

    /// True when `answer(query)` will evaluate only what the query demands (magic sets), on a
    /// scratch copy, instead of the whole program: no evaluated model is at hand, the data
    /// holds no derived rows of an earlier evaluation in place, and the query has bound
    /// arguments the transformation can use.
    public func answersOnDemand(_ query: Query) -> Bool {
        evaluator == nil && statedBeforeInPlace == nil && demandRewrite(query) != nil
    }

    /// Removes a stated fact (given as text, e.g. `member_of(peru, csm)`); false when it was
    /// not stated. Derived facts cannot be retracted: retract what they are derived from.
    public func retract(_ text: String) -> Result<Bool, Diagnostic> {
        var source = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !source.hasSuffix(".") { source += "." }
        let file = SourceFile(name: "<input>", text: source)
        var parser = Parser(file: file, prefixes: prefixes)
        let statement = parser.nextStatement()
        if let error = parser.diagnostics.first(where: \.isError) { return .failure(error) }
        guard case .clause(let clause)? = statement, clause.body.isEmpty else {
            return .failure(.error("`:retract` takes one fact, such as :retract member_of(peru, csm)", at: SourceRange(file: file, start: 0, end: 0)))
        }
        var ids: [TermID] = []
        for argument in clause.head.arguments {
            guard case .constant(let t, _) = argument else {
                return .failure(.error("`:retract` needs constant arguments", at: argument.range))
            }
            guard let id = database.dictionary.id(for: t) else { return .success(false) }
            ids.append(id)
        }
        guard let relation = database.existingRelation(clause.head.predicate), relation.arity == ids.count,
              relation.remove(ids) else { return .success(false) }
        evaluator = nil
        return .success(true)
    }

    /// Forgets the evaluated model (after a change made behind the session's back).
    public func invalidate() { evaluator = nil }
}
