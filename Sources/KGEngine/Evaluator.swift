import KGAnalysis
import KGLanguage
import KGStore

/// Evaluates a checked program over a database to its least fixpoint, stratum by stratum,
/// semi-naively: after a first naive round, each round runs only the delta variants of the
/// recursive rules, which join the facts new in the last round with everything known.
///
/// Derived facts are written into `model` itself; callers that need the stated facts
/// unchanged hand in a copy.
public final class Evaluator {
    public let model: Database
    let program: CheckedProgram
    let context: EvaluationContext
    private var derivedCount = 0
    /// What the head tuples' touches read (`Relation.touch`): kept so the loads stay.
    private var touchSink: UInt64 = 0
    /// For each relation, the row count after each round that added to it, with the round's
    /// number: rows appended in round k have rank k. Stated rows have rank 0. A proof uses
    /// only facts of lower rank than the fact it explains, so it is never circular.
    private var roundEnds: [String: [(rows: Int, round: Int)]] = [:]
    private var stated: [String: Int] = [:]
    /// Statistics of the last evaluation: rounds per stratum and facts derived.
    public private(set) var statistics = Statistics()
    /// When set, every plan run is counted and timed step by step (`kg explain`, `:plan`).
    public var profiler: EvaluationProfiler?

    /// Counts from one evaluation, for `:stats` and benchmarks.
    public struct Statistics: Sendable {
        public var rounds = 0
        public var derivedFacts = 0
        public var rulesRun = 0
    }

    public init(model: Database, program: CheckedProgram, limits: EvaluationLimits = EvaluationLimits()) {
        self.model = model
        self.program = program
        var stated: [String: Int] = [:]
        for (name, r) in model.relations { stated[name] = r.count }
        self.stated = stated
        context = EvaluationContext(dictionary: model.dictionary, limits: limits, statedCounts: stated)
        // Every derived predicate has its relation before any rule is planned, so a rule may
        // read (even through triple/3) a predicate whose rules come later.
        for rule in program.rules { _ = model.relation(rule.head.predicate, arity: rule.head.arity) }
    }

    /// Derives every fact of the program.
    public func evaluate() throws {
        for stratum in program.strata {
            try evaluate(stratum)
        }
        resetCursors()
    }

    private func resetCursors() {
        for r in model.relations.values {
            r.catchUpIndexes()
            r.deltaStart = 0
            r.frontier = r.count
        }
    }

    private func evaluate(_ stratum: Stratum) throws {
        guard let profiler else { return try evaluateStratum(stratum) }
        profiler.beginStratum(stratum)
        let (rounds, started) = (statistics.rounds, StepProbe.now())
        defer { profiler.endStratum(rounds: statistics.rounds - rounds, nanoseconds: StepProbe.now() &- started) }
        try evaluateStratum(stratum)
    }

    private func evaluateStratum(_ stratum: Stratum) throws {
        resetCursors()
        let members = Set(stratum.predicates)
        // Binary predicates of this stratum (read by triple/3), known from the rule heads even
        // before their relations exist.
        let binaryMembers = Set(stratum.rules.map { program.rules[$0].head }.filter { $0.arity == 2 }.map(\.predicate))
        let planner = Planner(model: model)
        // Round 0: every rule once over everything known.
        var plans = stratum.rules.map { planner.plan(program.rules[$0], ruleIndex: $0, deltaLiteral: nil) }
        guard stratum.isRecursive else {
            // No rule here reads a predicate of this stratum, so facts go straight in; a rule
            // whose solutions are distinct head tuples appends them unchecked into an empty
            // relation (its deduplication set is built only if something looks a row up).
            for plan in plans { try run(plan, distinct: plan.headIsDistinct && plan.headRelation.beginDistinctAppends()) }
            statistics.rounds += 1
            // Record the round, as endRound does, so `rank` (and `:why` above it) knows these
            // rows were derived before any stratum that reads them.
            for name in stratum.predicates {
                guard let r = model.existingRelation(name), r.count > (roundEnds[name]?.last?.rows ?? stated[name] ?? 0) else { continue }
                roundEnds[name, default: []].append((r.count, statistics.rounds))
            }
            return
        }
        // Rules here scan the relations they insert into: each round reads the rows that
        // existed when it began (`frontier`) and appends after them, so a derived fact costs
        // one probe of the relation's set, and a buffer that grows mid-scan is kept until the
        // round ends.
        let growing = stratum.predicates.compactMap { model.existingRelation($0) }
        for r in growing { r.keepsReplacedBuffers = true }
        defer {
            for r in growing {
                r.keepsReplacedBuffers = false
                r.releaseReplacedBuffers()
            }
        }
        for plan in plans { try run(plan) }
        var changed = endRound(stratum)
        plans = []
        for i in stratum.rules {
            let rule = program.rules[i]
            for (j, literal) in rule.body.enumerated() {
                guard case .atom(let atom) = literal else { continue }
                let recursive = members.contains(atom.predicate) || (atom.predicate == "triple" && !binaryMembers.isEmpty)
                if recursive {
                    plans.append(planner.plan(rule, ruleIndex: i, deltaLiteral: j, stratumBinary: binaryMembers))
                }
            }
        }
        while changed {
            try context.checkInterrupts()
            for plan in plans where hasDelta(plan) { try run(plan) }
            changed = endRound(stratum)
        }
    }

    /// True when the plan's delta atom has new facts to join.
    private func hasDelta(_ plan: RulePlan) -> Bool {
        for step in plan.steps where step.delta {
            if step.kind == .scan {
                let r = plan.relations[step.relation]
                return r.deltaStart < r.frontier
            }
            return plan.binaryRelations.contains { plan.deltaBinary.contains($0.2) && $0.1.deltaStart < $0.1.frontier }
        }
        return true
    }

    /// Ends a round of a recursive stratum: the rows its rules appended become the next delta
    /// (empty for a relation that gained nothing). True when any relation grew.
    private func endRound(_ stratum: Stratum) -> Bool {
        var changed = false
        statistics.rounds += 1
        for name in stratum.predicates {
            guard let r = model.existingRelation(name) else { continue }
            let before = r.frontier
            r.catchUpIndexes()
            r.releaseReplacedBuffers()
            r.deltaStart = before
            r.frontier = r.count
            if r.count > before {
                changed = true
                roundEnds[name, default: []].append((r.count, statistics.rounds))
            }
        }
        return changed
    }

    /// True when row `row` of `predicate` was stated rather than derived.
    public func isStated(_ predicate: String, row: Int) -> Bool { row < (stated[predicate] ?? 0) }

    /// The round in which a row was derived (0 for stated rows).
    public func rank(_ predicate: String, row: Int) -> Int {
        if isStated(predicate, row: row) { return 0 }
        for end in roundEnds[predicate] ?? [] where row < end.rows { return end.round }
        return Int.max
    }

    /// Runs one plan, inserting the derived head tuples into the head's relation (appending
    /// them unchecked when `distinct`).
    private func run(_ plan: RulePlan, distinct: Bool = false) throws {
        statistics.rulesRun += 1
        context.currentPredicate = plan.clause.head.signature
        context.currentRange = plan.clause.range
        if let profiler {
            let probe = profiler.probe(for: plan)
            let executor = Executor(plan: plan, context: context, probe: probe)
            let before = derivedCount
            probe.runs += 1
            defer { probe.produced += derivedCount - before }
            try run(plan, executor, distinct: distinct)
            return
        }
        try runBatched(plan, distinct: distinct)
    }

    /// Runs the plan a batch of bindings at a time (`BatchExecutor`).
    private func runBatched(_ plan: RulePlan, distinct: Bool) throws {
        let batch = BatchExecutor(plan: plan, context: context)
        let headRelation = plan.headRelation
        let arity = plan.clause.head.arity
        let tuple = UnsafeMutablePointer<TermID>.allocate(capacity: max(arity, 1))
        defer { tuple.deallocate() }
        let limit = context.limits.maxFacts
        let emit = emitter(plan, distinct: distinct)
        if plan.hasAggregate {
            try Aggregation.run(plan, batch: batch, context: context, emit: emit, tuple: tuple)
            return
        }
        let width = batch.width
        // Registers and constants only: the head is copied, never computed.
        let fromRegister = UnsafeMutablePointer<Bool>.allocate(capacity: max(arity, 1))
        let values = UnsafeMutablePointer<Int>.allocate(capacity: max(arity, 1))
        defer { fromRegister.deallocate(); values.deallocate() }
        if batch.headIsPlain {
            let sources = plan.head.map { op -> (Bool, Int) in
                if case .slot(let s) = op { return (true, s) }
                if case .constant(let id) = op { return (false, Int(id)) }
                return (false, 0)
            }
            for (i, source) in sources.enumerated() { fromRegister[i] = source.0; values[i] = source.1 }
            for i in 0..<arity where !fromRegister[i] { tuple[i] = TermID(truncatingIfNeeded: values[i]) }
            let row = UnsafeBufferPointer(start: tuple, count: arity)
            batch.sink = { [unowned(unsafe) self] bindings, n in
                if !distinct {
                    // Touch every head's slot group first: the misses overlap (see RowSet.touch).
                    var touched: UInt64 = 0
                    for b in 0..<n {
                        let registers = bindings + b * width
                        for i in 0..<arity where fromRegister[i] { tuple[i] = registers[values[i]] }
                        touched ^= headRelation.touch(tuple)
                    }
                    self.touchSink ^= touched
                }
                for b in 0..<n {
                    let registers = bindings + b * width
                    for i in 0..<arity where fromRegister[i] { tuple[i] = registers[values[i]] }
                    if distinct {
                        headRelation.appendDistinct(row)
                    } else if !headRelation.insert(row) {
                        continue
                    }
                    try self.counted(plan, limit: limit)
                }
            }
        } else {
            batch.sink = { [unowned(unsafe) batch] bindings, n in
                for b in 0..<n {
                    try batch.fillHead(tuple, from: bindings + b * width)
                    try emit(tuple)
                }
            }
        }
        try batch.run()
    }

    /// Runs the plan through `executor`, one solution at a time (with a profiler's probe).
    private func run(_ plan: RulePlan, _ executor: Executor, distinct: Bool) throws {
        let arity = plan.clause.head.arity
        let tuple = UnsafeMutablePointer<TermID>.allocate(capacity: max(arity, 1))
        defer { tuple.deallocate() }
        let emit = emitter(plan, distinct: distinct)
        if plan.hasAggregate {
            try Aggregation.run(plan, executor: executor, context: context, emit: emit, tuple: tuple)
            return
        }
        executor.onSolution = { [unowned(unsafe) executor] in
            try executor.fillHead(tuple)
            try emit(tuple)
        }
        try executor.run()
    }

    /// Stores one head tuple (appended unchecked when the rule's solutions are distinct)
    /// and counts it against the fact limit.
    private func emitter(_ plan: RulePlan, distinct: Bool) -> (UnsafeMutablePointer<TermID>) throws -> Void {
        let headRelation = plan.headRelation
        let arity = plan.clause.head.arity
        let limit = context.limits.maxFacts
        return { [unowned(unsafe) self] t in
            let tuple = UnsafeBufferPointer(start: t, count: arity)
            if distinct {
                headRelation.appendDistinct(tuple)
            } else if !headRelation.insert(tuple) {
                return
            }
            try self.counted(plan, limit: limit)
        }
    }

    /// Counts one derived fact, stopping the evaluation past the limit.
    @inline(__always)
    private func counted(_ plan: RulePlan, limit: Int) throws {
        derivedCount += 1
        statistics.derivedFacts += 1
        if derivedCount > limit {
            throw EvaluationError(.factLimit(predicate: plan.clause.head.spelling, limit: limit),
                "evaluation stopped: more than \(limit) derived facts; \(plan.clause.head.signature) is still growing (raise the limit with --max-facts, or check the rule for arithmetic in a recursive head)",
                at: plan.clause.head.range)
        }
    }
}
