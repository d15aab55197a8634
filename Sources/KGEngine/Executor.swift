import KGAnalysis
import KGLanguage
import KGStore

/// Runs one `RulePlan`: a nested-loop join over its steps, depth first, calling `onSolution`
/// with the registers filled for every solution of the body.
///
/// The plan's steps and ops are copied into buffers this executor owns, and relations are not
/// written while it runs (derived facts go to pending relations), so the loops read raw
/// storage with no reference counting per tuple.
final class Executor {
    let plan: RulePlan
    let context: EvaluationContext
    let registers: UnsafeMutablePointer<TermID>
    /// False for the executor of a body aggregate's branch, which runs over the registers of
    /// the rule's executor.
    private let ownsRegisters: Bool
    let steps: UnsafeMutableBufferPointer<Step>
    let ops: UnsafeMutableBufferPointer<ArgOp>
    let keyColumns: UnsafeMutableBufferPointer<Int>
    let scratch: UnsafeMutablePointer<TermID>
    /// The plan's relations, unretained: the plan keeps them alive, and a retain/release per
    /// step shows in profiles.
    let relations: UnsafeMutablePointer<Unmanaged<Relation>>
    /// One runner per body aggregate of the plan (`Step.target` of its step).
    var aggregateRunners: [BodyAggregateRunner] = []
    /// The head as flat ops: bound (register), constant (id) or computed (expression);
    /// aggregate positions are `ignore` (filled by `Aggregation`).
    let headOps: UnsafeMutablePointer<ArgOp>
    let headCount: Int
    var found = false
    var stopAtFirst = false
    var onSolution: () throws -> Void = {}
    /// Per-step counters for explanations (`kg explain`, `:plan`, the REPL's hint for an
    /// empty answer), given at init; nil, the default, outside them. With a probe, the steps
    /// run with a `.count` step before each plan step k (and one before the head), which
    /// counts the bindings reaching step k and, if the probe asks, times it; probes made by
    /// `exists` for a negation jump to the head and are not counted. Without one the steps
    /// are the plan's own, so the join loop pays nothing. Executor rewrites must keep feeding
    /// it (see `StepProbe` for what the counts mean).
    let probe: StepProbe?
    /// The step at which a binding is a solution: the plan's end, or the step after the one
    /// a `BatchExecutor` runs through this executor.
    var end: Int

    /// `registers`: those of the enclosing rule's executor, for a body aggregate's branch;
    /// nil to allocate the plan's own. `probe`: see `probe`.
    init(plan: RulePlan, context: EvaluationContext, registers shared: UnsafeMutablePointer<TermID>? = nil,
         probe: StepProbe? = nil) {
        self.plan = plan
        self.context = context
        self.probe = probe
        if let shared {
            registers = shared
            ownsRegisters = false
        } else {
            registers = .allocate(capacity: max(plan.slotCount, 1))
            registers.initialize(repeating: 0, count: max(plan.slotCount, 1))
            ownsRegisters = true
        }
        let planned = probe == nil ? plan.steps : Executor.counted(plan.steps)
        steps = .allocate(capacity: planned.count)
        _ = steps.initialize(from: planned)
        end = planned.count
        ops = .allocate(capacity: plan.ops.count)
        _ = ops.initialize(from: plan.ops)
        keyColumns = .allocate(capacity: plan.keyColumns.count)
        _ = keyColumns.initialize(from: plan.keyColumns)
        scratch = .allocate(capacity: max(8, plan.ops.count))
        headCount = plan.head.count
        headOps = .allocate(capacity: max(1, plan.head.count))
        for (i, op) in plan.head.enumerated() {
            let flat: ArgOp
            switch op {
            case .slot(let s): flat = ArgOp(kind: .bound, value: s)
            case .constant(let id): flat = ArgOp(kind: .constant, value: Int(id))
            case .expr(let e): flat = ArgOp(kind: .computed, value: e)
            case .aggregate: flat = ArgOp(kind: .ignore, value: 0)
            }
            (headOps + i).initialize(to: flat)
        }
        relations = .allocate(capacity: max(1, plan.relations.count))
        for (i, r) in plan.relations.enumerated() { (relations + i).initialize(to: Unmanaged.passUnretained(r)) }
        aggregateRunners = plan.bodyAggregates.enumerated().map { a, aggregate in
            BodyAggregateRunner(plan: aggregate, context: context, registers: registers, probes: probe?.aggregates[a])
        }
    }

    deinit {
        if ownsRegisters { registers.deallocate() }
        steps.deallocate()
        ops.deallocate()
        keyColumns.deallocate()
        scratch.deallocate()
        relations.deallocate()
        headOps.deallocate()
    }

    /// Writes the head tuple of the current solution into `tuple`.
    @inline(__always)
    func fillHead(_ tuple: UnsafeMutablePointer<TermID>) throws {
        for i in 0..<headCount {
            let op = headOps[i]
            switch op.kind {
            case .bound: tuple[i] = registers[op.value]
            case .constant: tuple[i] = TermID(op.value)
            case .computed:
                tuple[i] = context.dictionary.intern(try plan.exprs[op.value].evaluate(registers, context.dictionary))
            default: tuple[i] = 0
            }
        }
    }

    /// Enumerates every solution of the body.
    func run() throws { try run(0) }

    /// The plan's steps with a counting step before each one and before the head.
    private static func counted(_ steps: [Step]) -> [Step] {
        var out: [Step] = []
        for (k, step) in steps.enumerated() {
            var count = Step(kind: .count)
            count.target = k
            out.append(count)
            out.append(step)
        }
        var head = Step(kind: .count)
        head.target = steps.count
        out.append(head)
        return out
    }

    /// A `.count` step: counts the binding reaching plan step `k`, timing the step (deeper
    /// steps excluded) when the probe asks.
    private func count(_ k: Int, next: Int) throws {
        guard let probe else { return try run(next) }
        probe.entries[k] += 1
        guard probe.timed else { return try run(next) }
        let started = StepProbe.now()
        let outer = probe.nestedNanoseconds
        probe.nestedNanoseconds = 0
        defer {
            let total = StepProbe.now() &- started
            probe.selfNanoseconds[k] &+= total &- min(total, probe.nestedNanoseconds)
            probe.nestedNanoseconds = outer &+ total
        }
        try run(next)
    }

    func run(_ i: Int) throws {
        if i >= end {
            if stopAtFirst { found = true; return }
            try onSolution()
            return
        }
        let step = steps[i]
        switch step.kind {
        case .scan:
            unowned(unsafe) let r = relations[step.relation].takeUnretainedValue()
            try scan(r, step, next: i + 1, lo: step.delta ? r.deltaStart : 0, hi: r.frontier,
                     args: step.args, keys: step.keys, index: step.index)
        case .negation:
            unowned(unsafe) let r = relations[step.relation].takeUnretainedValue()
            if try !exists(r, step) { try run(i + 1) }
        case .compare:
            if try compare(step) { try run(i + 1) }
        case .assign:
            let value = try plan.exprs[step.left].evaluate(registers, context.dictionary)
            registers[step.target] = context.dictionary.intern(value)
            try run(i + 1)
        case .builtin:
            if try builtin(step, bindOutputs: true) { try run(i + 1) }
        case .triple, .quad:
            try generator(step, next: i + 1)
        case .negatedSpecial:
            if !(try holdsNegated(step, at: i)) { try run(i + 1) }
        case .fail:
            return
        case .bodyAggregate:
            try runBodyAggregate(step, next: i + 1)
        case .cited:
            try runCitation(step, next: i + 1)
        case .negatedCited:
            if !(try citationExists(step)) { try run(i + 1) }
        case .range:
            try runRange(step, next: i + 1)
        case .count:
            try count(step.target, next: i + 1)
        }
        if stopAtFirst && found { return }
    }

    // MARK: - Scans

    /// The value an op must match, or nil when it binds or ignores (or a computed value the
    /// data has never seen, reported through `unknown`).
    @inline(__always)
    func keyValue(_ op: ArgOp, _ unknown: inout Bool) throws -> TermID {
        switch op.kind {
        case .constant: return TermID(op.value)
        case .bound: return registers[op.value]
        case .computed:
            let t = try plan.exprs[op.value].evaluate(registers, context.dictionary)
            guard let id = context.dictionary.id(for: t) else { unknown = true; return 0 }
            return id
        default: return 0
        }
    }

    /// Binds a row's free arguments, checking repeated variables; false when it doesn't match.
    @inline(__always)
    func bindRow(_ row: UnsafeMutablePointer<TermID>, _ args: Range<Int>, keysVerified: Bool) -> Bool {
        let key = scratch + args.lowerBound
        var column = 0
        for k in args {
            let op = ops[k]
            switch op.kind {
            case .bind: registers[op.value] = row[column]
            case .check: if registers[op.value] != row[column] { return false }
            case .ignore: break
            case .constant, .bound, .computed:
                if !keysVerified && key[column] != row[column] { return false }
            }
            column += 1
        }
        return true
    }

    private func scan(_ r: Relation, _ step: Step, next: Int, lo: Int, hi: Int, args: Range<Int>, keys: Range<Int>, index: Int) throws {
        guard lo < hi else { return }
        let arity = r.arity
        // Key values go to this step's own region of scratch (by column), so rows can be
        // compared against them while deeper steps use their own regions.
        let key = scratch + args.lowerBound
        var unknown = false
        for (column, k) in args.enumerated() where ops[k].isKey {
            key[column] = try keyValue(ops[k], &unknown)
        }
        if unknown { return }
        let base = r.base
        try context.tick()
        if keys.isEmpty {
            for row in lo..<hi {
                // Within the scan, not only per scan: a long scan whose rows all fail later
                // filters must still notice the time limit and Ctrl-C. Testing the row number
                // costs nothing measurable; a counter here cost 15-30 %.
                if row & 0xFFFF == 0 { try context.checkInterrupts() }
                if bindRow(base + row * arity, args, keysVerified: true) {
                    try run(next)
                    if stopAtFirst && found { return }
                }
            }
            return
        }
        if keys.count == arity {
            // A probe over the whole relation needs no row number (one cache miss fewer).
            if lo == 0 && hi == r.count {
                if r.contains(key) { try run(next) }
                return
            }
            let row = r.find(UnsafeBufferPointer(start: key, count: arity))
            if row >= lo && row < hi && bindRow(base + row * arity, args, keysVerified: true) { try run(next) }
            return
        }
        var h: UInt64 = 0
        for k in keys { h = mixHash(h, key[keyColumns[k]]) }
        var row = r.firstRow(index: index, keyHash: finishHash(h))
        while row >= 0 {
            if row & 0xFFFF == 0 { try context.checkInterrupts() }
            let ri = Int(row)
            if ri < lo { break }   // chains run newest first
            if ri < hi && bindRow(base + ri * arity, args, keysVerified: false) {
                try run(next)
                if stopAtFirst && found { return }
            }
            row = r.nextRow(index: index, after: row)
        }
    }

    private func exists(_ r: Relation, _ step: Step) throws -> Bool {
        let saved = (found, stopAtFirst)
        found = false
        stopAtFirst = true
        defer { (found, stopAtFirst) = saved }
        try scan(r, step, next: steps.count, lo: 0, hi: r.frontier, args: step.args, keys: step.keys, index: step.index)
        return found
    }

    // MARK: - triple/3 and quad/4

    private func generator(_ step: Step, next: Int) throws {
        let a = step.args.lowerBound
        let s = ops[a], p = ops[a + 1], o = ops[a + 2]
        let isQuad = step.kind == .quad
        var unknown = false
        let pValue = p.isKey ? try keyValue(p, &unknown) : 0
        if unknown { return }
        // quad(S, P, O, G) with G known and S and O free reads the rows cited under G.
        var boundSource: TermID? = nil
        if isQuad && !s.isKey && !o.isKey {
            let g = ops[a + 3]
            switch g.kind {
            case .bound: boundSource = registers[g.value]
            case .constant: boundSource = TermID(truncatingIfNeeded: g.value)
            default: break
            }
            // Rows cited under no source have no entry to look up: scan those.
            if boundSource == context.defaultSource { boundSource = nil }
        }
        for (predicateID, relation, name) in plan.binaryRelations {
            if p.isKey && predicateID != pValue { continue }
            if step.delta && !plan.deltaBinary.contains(name) { continue }
            switch p.kind {
            case .bind: registers[p.value] = predicateID
            case .check: if registers[p.value] != predicateID { continue }
            default: break
            }
            let lo = step.delta ? relation.deltaStart : 0
            let hi = isQuad ? min(relation.frontier, context.statedCount(name)) : relation.frontier
            if let source = boundSource {
                try scanCited(relation, s, o, rows: context.statedRows(of: relation, citedBy: source, stated: hi),
                              lo: lo, hi: hi, sourceOp: ops[a + 3], next: next)
                if stopAtFirst && found { return }
                continue
            }
            try scanBinary(relation, s, o, lo: lo, hi: hi) { row in
                if isQuad { try self.bindSource(relation, row: row, op: self.ops[a + 3], next: next) } else { try self.run(next) }
            }
            if stopAtFirst && found { return }
        }
    }

    /// Enumerates rows of a binary relation matching the S and O ops, through an index on the
    /// bound one when there is one.
    private func scanBinary(_ r: Relation, _ s: ArgOp, _ o: ArgOp, lo: Int, hi: Int, _ body: (Int) throws -> Void) throws {
        guard lo < hi else { return }
        var unknown = false
        let sv = s.isKey ? try keyValue(s, &unknown) : 0
        let ov = o.isKey ? try keyValue(o, &unknown) : 0
        if unknown { return }
        let base = r.base
        func visit(_ row: Int) throws {
            let sValue = base[row * 2], oValue = base[row * 2 + 1]
            if s.isKey && sValue != sv { return }
            if o.isKey && oValue != ov { return }
            switch s.kind {
            case .bind: registers[s.value] = sValue
            case .check: if registers[s.value] != sValue { return }
            default: break
            }
            switch o.kind {
            case .bind: registers[o.value] = oValue
            case .check: if registers[o.value] != oValue { return }
            default: break
            }
            try body(row)
        }
        if !s.isKey && !o.isKey {
            for row in lo..<hi {
                if row & 0xFFFF == 0 { try context.checkInterrupts() }
                try visit(row)
                if stopAtFirst && found { return }
            }
            return
        }
        let column = s.isKey ? 0 : 1
        let index = context.binaryIndex(r, column: column)
        var h: UInt64 = 0
        h = mixHash(h, column == 0 ? sv : ov)
        var row = r.firstRow(index: index, keyHash: finishHash(h))
        while row >= 0 {
            let ri = Int(row)
            if ri < lo { break }
            if ri < hi { try visit(ri); if stopAtFirst && found { return } }
            row = r.nextRow(index: index, after: row)
        }
    }

    /// Runs the rows of `r` in `rows` (ascending, stated, cited under the bound source) that
    /// lie in `[lo, hi)`, binding or checking S and O (neither is a key here).
    private func scanCited(_ r: Relation, _ s: ArgOp, _ o: ArgOp, rows: [Int32], lo: Int, hi: Int,
                           sourceOp: ArgOp, next: Int) throws {
        let base = r.base
        for row in rows {
            let ri = Int(row)
            if ri < lo { continue }
            if ri >= hi { break }
            let sValue = base[ri * 2], oValue = base[ri * 2 + 1]
            switch s.kind {
            case .bind: registers[s.value] = sValue
            case .check: if registers[s.value] != sValue { continue }
            default: break
            }
            switch o.kind {
            case .bind: registers[o.value] = oValue
            case .check: if registers[o.value] != oValue { continue }
            default: break
            }
            try bindSource(r, row: ri, op: sourceOp, next: next)
            if stopAtFirst && found { return }
        }
    }

    /// Binds G of quad/4 to each source the stated row was cited under (`default` if none).
    func bindSource(_ r: Relation, row: Int, op: ArgOp, next: Int) throws {
        let sources = r.sources[Int32(row)] ?? [context.defaultSource]
        for g in sources {
            switch op.kind {
            case .bind: registers[op.value] = g
            case .check, .bound: if registers[op.value] != g { continue }
            case .constant: if TermID(op.value) != g { continue }
            case .computed:
                var unknown = false
                if try keyValue(op, &unknown) != g || unknown { continue }
            case .ignore: break
            }
            try run(next)
        }
    }

    // MARK: - Comparisons and built-ins

    private func compare(_ step: Step) throws -> Bool {
        if step.leftSlot >= 0 {
            let a = registers[step.leftSlot], b = registers[step.rightSlot]
            if a == b {
                return step.comparison == .equal || step.comparison == .lessOrEqual || step.comparison == .greaterOrEqual
            }
            // Distinct ids are distinct values unless both are numbers (1 = 1.0).
            if step.comparison == .notEqual || step.comparison == .equal,
               !(context.dictionary.isNumber(a) && context.dictionary.isNumber(b)) {
                return step.comparison == .notEqual
            }
        }
        let left = plan.exprs[step.left], right = plan.exprs[step.right]
        let x = try left.evaluate(registers, context.dictionary)
        let y = try right.evaluate(registers, context.dictionary)
        return Comparison.holds(step.comparison, x, y)
    }

    private func builtin(_ step: Step, bindOutputs: Bool) throws -> Bool {
        let atom: Atom
        switch plan.literals[step.literal] {
        case .atom(let a), .negated(let a, _): atom = a
        default: return false
        }
        guard let signature = BuiltinCatalog.signature(atom.predicate) else { return false }
        var inputs: [Term] = []
        for i in signature.inputs {
            let op = ops[step.args.lowerBound + i]
            switch op.kind {
            case .constant: inputs.append(context.dictionary[TermID(op.value)])
            case .bound, .check: inputs.append(context.dictionary[registers[op.value]])
            case .computed: inputs.append(try plan.exprs[op.value].evaluate(registers, context.dictionary))
            default: return false
            }
        }
        guard let outputs = try Builtins.evaluate(signature.name, inputs, context: context, at: atom.range) else { return false }
        var o = 0
        for i in 0..<signature.arity where !signature.inputs.contains(i) {
            guard o < outputs.count else { break }
            let op = ops[step.args.lowerBound + i]
            let value = outputs[o]
            o += 1
            switch op.kind {
            case .bind:
                if bindOutputs { registers[op.value] = context.dictionary.intern(value) }
            case .ignore: break
            case .constant: if !Comparison.holds(.equal, context.dictionary[TermID(op.value)], value) { return false }
            case .bound, .check: if !Comparison.holds(.equal, context.dictionary[registers[op.value]], value) { return false }
            case .computed:
                if !Comparison.holds(.equal, try plan.exprs[op.value].evaluate(registers, context.dictionary), value) { return false }
            }
        }
        return true
    }

    private func holdsNegated(_ step: Step, at i: Int) throws -> Bool {
        guard case .negated(let atom, _) = plan.literals[step.literal] else { return false }
        if atom.predicate == "range" {
            let saved = (found, stopAtFirst)
            found = false
            stopAtFirst = true
            defer { (found, stopAtFirst) = saved }
            try runRange(step, next: steps.count)
            return found
        }
        if atom.predicate == "triple" || atom.predicate == "quad" {
            let saved = (found, stopAtFirst)
            found = false
            stopAtFirst = true
            defer { (found, stopAtFirst) = saved }
            var probe = step
            probe.kind = atom.predicate == "triple" ? .triple : .quad
            try generator(probe, next: steps.count)
            return found
        }
        return try builtin(step, bindOutputs: false)
    }
}

