import KGLanguage
import KGStore

/// Runs a `RulePlan` a batch of bindings at a time: each step takes every binding the steps
/// before it produced (up to `batchSize` at once) and runs over all of them in one loop, so
/// the per-row work is the join itself, not the interpreter's dispatch.
///
/// A binding is a row of `width` registers. A scan writes its output bindings into a buffer of
/// its own; filters (probes, negations, comparisons) compact their input in place and
/// assignments write into it. A scan whose output buffer fills stops, hands the batch down,
/// and resumes where it was (`Cursor`), so memory stays at one buffer per scan whatever a
/// step's fan-out. The bindings that pass the last step go to `sink` in batches.
///
/// Steps with no kernel of their own (built-ins, `triple`/`quad`, body aggregates, `cited`,
/// `range`) run through an `Executor` positioned at that step, one input binding at a time.
///
/// Like `Executor`, it reads relations' storage unretained and never writes them: derived
/// facts go to the sink, which runs between a scan's batches. A scan re-reads a relation's
/// rows pointer each time it resumes, so a sink that appends to a relation being scanned
/// (recursive rules) is safe.
final class BatchExecutor {
    /// Bindings per batch: large enough to make the per-batch work negligible, small enough
    /// for the buffers to stay in cache.
    static let batchSize = 256

    let plan: RulePlan
    let context: EvaluationContext
    /// Registers per binding.
    let width: Int
    private let kernels: UnsafeMutablePointer<BatchKernel>
    /// The number of kernels (one per plan step; a body of constants only has none).
    private let kernelCount: Int
    private let operands: UnsafeMutablePointer<Operand>
    private let relations: UnsafeMutablePointer<Unmanaged<Relation>>
    /// One output buffer per step (allocated for the scans and fallbacks).
    private let buffers: UnsafeMutablePointer<UnsafeMutablePointer<TermID>?>
    /// Per step: key values of the binding being joined.
    private let keyValues: UnsafeMutablePointer<TermID>
    /// Executors positioned at the fallback steps (one each: a fallback's executor holds its
    /// state in its registers while later steps run).
    private var fallbacks: [Int: Executor] = [:]
    /// What the probes' touches read (`Relation.touch`), kept so the loads stay.
    private var touchSink: UInt64 = 0
    /// The head as (kind, value) ops: a register, a term id, or an expression (aggregate
    /// positions hold 0; `Aggregation` fills them).
    private let headOps: [ArgOp]
    /// True when every head argument is a register or a constant.
    let headIsPlain: Bool
    /// Receives the bindings that satisfy the whole body, `count` rows of `width` registers.
    var sink: (_ bindings: UnsafeMutablePointer<TermID>, _ count: Int) throws -> Void = { _, _ in }

    struct Operand {
        var column: Int
        var value: Int
        var source: KeySource.Kind
    }

    /// Where a scan stopped when its output filled: the input binding, and the next row (a
    /// row number for `scanAll`, a chain position for `scanIndex`, -1 to start the binding).
    private struct Cursor {
        var input = 0
        var row = -1
    }

    init(plan: RulePlan, context: EvaluationContext) {
        self.plan = plan
        self.context = context
        width = max(plan.slotCount, 1)
        headOps = plan.head.map { op in
            switch op {
            case .slot(let s): return ArgOp(kind: .bound, value: s)
            case .constant(let id): return ArgOp(kind: .constant, value: Int(id))
            case .expr(let e): return ArgOp(kind: .computed, value: e)
            case .aggregate: return ArgOp(kind: .ignore, value: 0)
            }
        }
        headIsPlain = headOps.allSatisfy { $0.kind == .bound || $0.kind == .constant }
        var built: [BatchKernel] = []
        var pool: [Operand] = []
        for (k, step) in plan.steps.enumerated() {
            built.append(BatchExecutor.kernel(for: step, at: k, plan: plan, pool: &pool))
        }
        kernelCount = built.count
        kernels = .allocate(capacity: max(built.count, 1))
        kernels.initialize(from: built, count: built.count)
        operands = .allocate(capacity: max(pool.count, 1))
        operands.initialize(from: pool, count: pool.count)
        relations = .allocate(capacity: max(1, plan.relations.count))
        for (i, r) in plan.relations.enumerated() { (relations + i).initialize(to: Unmanaged.passUnretained(r)) }
        buffers = .allocate(capacity: max(built.count, 1))
        buffers.initialize(repeating: nil, count: max(built.count, 1))
        // The key values of each step, then room for one more key (the index scan's look-ahead).
        keyValues = .allocate(capacity: 2 * max(plan.ops.count, 1))
        keyValues.initialize(repeating: 0, count: 2 * max(plan.ops.count, 1))
        for (k, kernel) in built.enumerated() {
            switch kernel.kind {
            case .scanAll, .scanIndex, .fallback:
                let buffer = UnsafeMutablePointer<TermID>.allocate(capacity: BatchExecutor.batchSize * width)
                buffer.initialize(repeating: 0, count: BatchExecutor.batchSize * width)
                buffers[k] = buffer
            default: break
            }
            if kernel.kind == .fallback {
                let executor = Executor(plan: plan, context: context)
                executor.end = k + 1
                fallbacks[k] = executor
            }
        }
    }

    deinit {
        for k in 0..<kernelCount { buffers[k]?.deallocate() }
        buffers.deallocate()
        kernels.deallocate()
        operands.deallocate()
        relations.deallocate()
        keyValues.deallocate()
    }

    /// Writes the head tuple of the binding at `registers` into `tuple`.
    @inline(__always)
    func fillHead(_ tuple: UnsafeMutablePointer<TermID>, from registers: UnsafeMutablePointer<TermID>) throws {
        for (i, op) in headOps.enumerated() {
            switch op.kind {
            case .bound: tuple[i] = registers[op.value]
            case .constant: tuple[i] = TermID(truncatingIfNeeded: op.value)
            case .computed: tuple[i] = context.dictionary.intern(try plan.exprs[op.value].evaluate(registers, context.dictionary))
            default: tuple[i] = 0
            }
        }
    }

    // MARK: - Preparing

    /// The kernel of `step`, its operands appended to `pool`.
    private static func kernel(for step: Step, at k: Int, plan: RulePlan, pool: inout [Operand]) -> BatchKernel {
        var kernel = BatchKernel(kind: .fallback, step: k)
        func operandsOf(_ args: Range<Int>) {
            var keys: [Operand] = [], binds: [Operand] = [], checks: [Operand] = []
            for (column, i) in args.enumerated() {
                let op = plan.ops[i]
                switch op.kind {
                case .constant: keys.append(Operand(column: column, value: op.value, source: .constant))
                case .bound: keys.append(Operand(column: column, value: op.value, source: .register))
                case .computed:
                    keys.append(Operand(column: column, value: op.value, source: .computed))
                    kernel.hasComputedKey = true
                case .bind: binds.append(Operand(column: column, value: op.value, source: .register))
                case .check:
                    // Compared with the column of the same atom that binds the register: the
                    // register itself is written only when the binding is extended.
                    let bound = binds.first { $0.value == op.value }?.column ?? column
                    checks.append(Operand(column: column, value: bound, source: .register))
                case .ignore: break
                }
            }
            kernel.keys = pool.count..<(pool.count + keys.count)
            pool += keys
            kernel.binds = pool.count..<(pool.count + binds.count)
            pool += binds
            kernel.checks = pool.count..<(pool.count + checks.count)
            pool += checks
        }
        switch step.kind {
        case .scan, .negation:
            kernel.relation = step.relation
            kernel.arity = plan.relations[step.relation].arity
            kernel.index = step.index
            kernel.delta = step.delta
            operandsOf(step.args)
            if step.kind == .negation {
                kernel.kind = .negation
            } else if kernel.keys.count == kernel.arity && kernel.arity > 0 {
                kernel.kind = .probe
            } else if kernel.keys.isEmpty || step.index < 0 {
                kernel.kind = .scanAll
            } else {
                kernel.kind = .scanIndex
            }
        case .compare:
            kernel.kind = step.leftSlot >= 0 ? .compareSlots : .compare
        case .assign:
            kernel.kind = .assign
        case .fail:
            kernel.kind = .fail
        default:
            kernel.kind = .fallback
        }
        return kernel
    }

    // MARK: - Running

    /// Runs the body from the empty binding; every solution reaches `sink`.
    func run() throws {
        let start = UnsafeMutablePointer<TermID>.allocate(capacity: width)
        defer { start.deallocate() }
        start.initialize(repeating: 0, count: width)
        try drive(0, start, 1)
    }

    /// Runs steps `k...` over the `n` bindings at `batch`.
    private func drive(_ first: Int, _ batch: UnsafeMutablePointer<TermID>, _ count: Int) throws {
        var k = first, n = count
        // Filters and assignments work in place.
        while k < kernelCount {
            switch kernels[k].kind {
            case .probe: n = try probe(k, batch, n)
            case .negation: n = try negation(k, batch, n)
            case .compareSlots: n = compareSlots(k, batch, n)
            case .compare: n = try compare(k, batch, n)
            case .assign: try assign(k, batch, n)
            case .fail: n = 0
            case .scanAll, .scanIndex, .fallback:
                return try generate(k, batch, n)
            }
            if n == 0 { return }
            k += 1
        }
        try sink(batch, n)
    }

    /// Runs generating step `k` over the input batch, handing each full output batch down.
    private func generate(_ k: Int, _ batch: UnsafeMutablePointer<TermID>, _ n: Int) throws {
        guard let out = buffers[k] else { return }
        if kernels[k].kind == .fallback { return try fallback(k, batch, n, out) }
        try context.tick()
        var cursor = Cursor()
        while true {
            let m = kernels[k].kind == .scanAll
                ? try scanAll(k, batch, n, out, &cursor)
                : try scanIndex(k, batch, n, out, &cursor)
            if m > 0 { try drive(k + 1, out, m) }
            if cursor.input >= n { return }
        }
    }

    // MARK: - Keys

    /// Fills the step's key values for the binding at `registers`; false when a computed key
    /// is a term the dictionary has never seen (nothing can match it).
    @inline(__always)
    private func loadKeys(_ kernel: BatchKernel, _ registers: UnsafeMutablePointer<TermID>, into key: UnsafeMutablePointer<TermID>) throws -> Bool {
        var j = 0
        for i in kernel.keys {
            let o = operands[i]
            switch o.source {
            case .constant: key[j] = TermID(truncatingIfNeeded: o.value)
            case .register: key[j] = registers[o.value]
            case .computed:
                let t = try plan.exprs[o.value].evaluate(registers, context.dictionary)
                guard let id = context.dictionary.id(for: t) else { return false }
                key[j] = id
            }
            j += 1
        }
        return true
    }

    /// True when the row agrees with the key values and the repeated variables.
    @inline(__always)
    private func matches(_ kernel: BatchKernel, _ row: UnsafeMutablePointer<TermID>, _ key: UnsafeMutablePointer<TermID>,
                         _ registers: UnsafeMutablePointer<TermID>, keysVerified: Bool) -> Bool {
        if !keysVerified {
            var j = 0
            for i in kernel.keys {
                if row[operands[i].column] != key[j] { return false }
                j += 1
            }
        }
        for i in kernel.checks {
            let o = operands[i]
            if row[o.column] != row[o.value] { return false }
        }
        return true
    }

    /// Writes the input binding extended by the row's bound columns to `target`.
    @inline(__always)
    private func extend(_ kernel: BatchKernel, _ source: UnsafeMutablePointer<TermID>, _ row: UnsafeMutablePointer<TermID>,
                        _ target: UnsafeMutablePointer<TermID>) {
        for r in 0..<width { target[r] = source[r] }
        for i in kernel.binds {
            let o = operands[i]
            target[o.value] = row[o.column]
        }
    }

    // MARK: - Scans

    private func bounds(_ kernel: BatchKernel, _ r: Relation) -> (Int, Int) {
        (kernel.delta ? r.deltaStart : 0, r.frontier)
    }

    /// Rows in `[lo, hi)` with no index: every input binding against every row.
    private func scanAll(_ k: Int, _ batch: UnsafeMutablePointer<TermID>, _ n: Int, _ out: UnsafeMutablePointer<TermID>,
                         _ cursor: inout Cursor) throws -> Int {
        let kernel = kernels[k]
        unowned(unsafe) let r = relations[kernel.relation].takeUnretainedValue()
        let (lo, hi) = bounds(kernel, r)
        let arity = kernel.arity, base = r.base, w = width
        let key = keyValues + kernel.keys.lowerBound
        var m = 0
        while cursor.input < n {
            let source = batch + cursor.input * w
            if cursor.row < 0 {
                cursor.row = lo
                if !kernel.keys.isEmpty, try !loadKeys(kernel, source, into: key) { cursor.row = hi }
            }
            var row = cursor.row
            while row < hi {
                if row & 0xFFFF == 0 { try context.checkInterrupts() }
                let tuple = base + row * arity
                row += 1
                if matches(kernel, tuple, key, source, keysVerified: kernel.keys.isEmpty) {
                    extend(kernel, source, tuple, out + m * w)
                    m += 1
                    if m == BatchExecutor.batchSize {
                        cursor.row = row
                        if row >= hi { cursor.input += 1; cursor.row = -1 }
                        return m
                    }
                }
            }
            cursor.input += 1
            cursor.row = -1
        }
        return m
    }

    /// Rows reached through the hash index on the key columns.
    private func scanIndex(_ k: Int, _ batch: UnsafeMutablePointer<TermID>, _ n: Int, _ out: UnsafeMutablePointer<TermID>,
                           _ cursor: inout Cursor) throws -> Int {
        let kernel = kernels[k]
        unowned(unsafe) let r = relations[kernel.relation].takeUnretainedValue()
        let (lo, hi) = bounds(kernel, r)
        let arity = kernel.arity, base = r.base, w = width
        let key = keyValues + kernel.keys.lowerBound
        let keyCount = kernel.keys.count
        let ahead = kernel.hasComputedKey ? n : 8   // touch the bucket of the input 8 ahead
        let aheadKey = keyValues + plan.ops.count
        return try r.withIndexChains(kernel.index) { heads, mask, next in
            var m = 0
            var touched: Int32 = 0
            defer { touchSink ^= UInt64(UInt32(bitPattern: touched)) }
            while cursor.input < n {
                let source = batch + cursor.input * w
                var row: Int32
                if cursor.row < 0 {
                    if cursor.input + ahead < n, try loadKeys(kernel, batch + (cursor.input + ahead) * w, into: aheadKey) {
                        var h: UInt64 = 0
                        for j in 0..<keyCount { h = mixHash(h, aheadKey[j]) }
                        touched ^= heads[finishHash(h) & mask]
                    }
                    guard try loadKeys(kernel, source, into: key) else {
                        cursor.input += 1
                        continue
                    }
                    var h: UInt64 = 0
                    for j in 0..<keyCount { h = mixHash(h, key[j]) }
                    row = heads[finishHash(h) & mask]
                } else {
                    row = Int32(truncatingIfNeeded: cursor.row)
                }
                while row >= 0 {
                    let ri = Int(row)
                    if ri < lo { break }   // chains run newest first
                    let tuple = base + ri * arity
                    row = next[ri]
                    if ri < hi && matches(kernel, tuple, key, source, keysVerified: false) {
                        extend(kernel, source, tuple, out + m * w)
                        m += 1
                        if m == BatchExecutor.batchSize {
                            if row >= 0 && Int(row) >= lo {
                                cursor.row = Int(row)
                            } else {
                                cursor.input += 1
                                cursor.row = -1
                            }
                            return m
                        }
                    }
                }
                cursor.input += 1
                cursor.row = -1
            }
            return m
        }
    }

    // MARK: - Filters

    /// Keeps the bindings whose whole tuple is a row in `[lo, hi)`.
    private func probe(_ k: Int, _ batch: UnsafeMutablePointer<TermID>, _ n: Int) throws -> Int {
        let kernel = kernels[k]
        unowned(unsafe) let r = relations[kernel.relation].takeUnretainedValue()
        let (lo, hi) = bounds(kernel, r)
        guard lo < hi else { return 0 }
        let whole = lo == 0 && hi == r.count
        let key = keyValues + kernel.keys.lowerBound
        let tuple = UnsafeMutablePointer<TermID>.allocate(capacity: kernel.arity)
        defer { tuple.deallocate() }
        let w = width
        var kept = 0
        for b in 0..<n {
            let binding = batch + b * w
            guard try loadKeys(kernel, binding, into: key) else { continue }
            // Keys are in column order and cover every column.
            var j = 0
            for i in kernel.keys {
                tuple[operands[i].column] = key[j]
                j += 1
            }
            let found: Bool
            if whole {
                found = r.contains(tuple)
            } else {
                let row = r.find(UnsafeBufferPointer(start: tuple, count: kernel.arity))
                found = row >= lo && row < hi
            }
            if found {
                if kept != b { (batch + kept * w).update(from: binding, count: w) }
                kept += 1
            }
        }
        return kept
    }

    /// Keeps the bindings for which no row in `[0, frontier)` matches.
    private func negation(_ k: Int, _ batch: UnsafeMutablePointer<TermID>, _ n: Int) throws -> Int {
        let kernel = kernels[k]
        unowned(unsafe) let r = relations[kernel.relation].takeUnretainedValue()
        let hi = r.frontier
        guard hi > 0 else { return n }   // nothing to match: every binding stays
        let w = width
        let key = keyValues + kernel.keys.lowerBound
        if kernel.keys.isEmpty { return 0 }   // some row matches anything
        if kernel.keys.count == kernel.arity {
            let tuple = UnsafeMutablePointer<TermID>.allocate(capacity: kernel.arity)
            defer { tuple.deallocate() }
            let whole = hi == r.count
            var kept = 0
            // Touch every probe's slot group first: the misses overlap (see RowSet.touch).
            var touched: UInt64 = 0
            for b in 0..<n where try loadKeys(kernel, batch + b * w, into: key) {
                var j = 0
                for i in kernel.keys {
                    tuple[operands[i].column] = key[j]
                    j += 1
                }
                touched ^= r.touch(tuple)
            }
            touchSink ^= touched
            for b in 0..<n {
                let binding = batch + b * w
                var exists = false
                if try loadKeys(kernel, binding, into: key) {
                    var j = 0
                    for i in kernel.keys {
                        tuple[operands[i].column] = key[j]
                        j += 1
                    }
                    if whole {
                        exists = r.contains(tuple)
                    } else {
                        let row = r.find(UnsafeBufferPointer(start: tuple, count: kernel.arity))
                        exists = row >= 0 && row < hi
                    }
                }
                if !exists {
                    if kept != b { (batch + kept * w).update(from: binding, count: w) }
                    kept += 1
                }
            }
            return kept
        }
        let arity = kernel.arity, base = r.base, keyCount = kernel.keys.count
        return try r.withIndexChains(kernel.index) { heads, mask, next in
            var kept = 0
            for b in 0..<n {
                let binding = batch + b * w
                var exists = false
                if try loadKeys(kernel, binding, into: key) {
                    var h: UInt64 = 0
                    for j in 0..<keyCount { h = mixHash(h, key[j]) }
                    var row = heads[finishHash(h) & mask]
                    while row >= 0 {
                        let ri = Int(row)
                        if ri < hi && matches(kernel, base + ri * arity, key, binding, keysVerified: false) {
                            exists = true
                            break
                        }
                        row = next[ri]
                    }
                }
                if !exists {
                    if kept != b { (batch + kept * w).update(from: binding, count: w) }
                    kept += 1
                }
            }
            return kept
        }
    }

    /// Two registers compared as ids where that decides it (as `Executor.compare`).
    private func compareSlots(_ k: Int, _ batch: UnsafeMutablePointer<TermID>, _ n: Int) -> Int {
        let step = plan.steps[kernels[k].step]
        let a = step.leftSlot, b = step.rightSlot, op = step.comparison
        let dictionary = context.dictionary
        let w = width
        var kept = 0
        for i in 0..<n {
            let binding = batch + i * w
            let x = binding[a], y = binding[b]
            let holds: Bool
            if x == y {
                holds = op == .equal || op == .lessOrEqual || op == .greaterOrEqual
            } else if (op == .notEqual || op == .equal) && !(dictionary.isNumber(x) && dictionary.isNumber(y)) {
                holds = op == .notEqual
            } else {
                holds = Comparison.holds(op, dictionary[x], dictionary[y])
            }
            if holds {
                if kept != i { (batch + kept * w).update(from: binding, count: w) }
                kept += 1
            }
        }
        return kept
    }

    private func compare(_ k: Int, _ batch: UnsafeMutablePointer<TermID>, _ n: Int) throws -> Int {
        let step = plan.steps[kernels[k].step]
        let left = plan.exprs[step.left], right = plan.exprs[step.right]
        let dictionary = context.dictionary
        let w = width
        var kept = 0
        for i in 0..<n {
            let binding = batch + i * w
            if Comparison.holds(step.comparison, try left.evaluate(binding, dictionary), try right.evaluate(binding, dictionary)) {
                if kept != i { (batch + kept * w).update(from: binding, count: w) }
                kept += 1
            }
        }
        return kept
    }

    private func assign(_ k: Int, _ batch: UnsafeMutablePointer<TermID>, _ n: Int) throws {
        let step = plan.steps[kernels[k].step]
        let expr = plan.exprs[step.left]
        let dictionary = context.dictionary
        for i in 0..<n {
            let binding = batch + i * width
            binding[step.target] = dictionary.intern(try expr.evaluate(binding, dictionary))
        }
    }

    // MARK: - Other steps

    /// Runs step `k` for each input binding through an `Executor` that stops after it,
    /// collecting what it binds.
    private func fallback(_ k: Int, _ batch: UnsafeMutablePointer<TermID>, _ n: Int, _ out: UnsafeMutablePointer<TermID>) throws {
        guard let executor = fallbacks[k] else { return }
        let w = width
        var m = 0
        executor.onSolution = { [unowned(unsafe) self, unowned(unsafe) executor] in
            (out + m * w).update(from: executor.registers, count: w)
            m += 1
            if m == BatchExecutor.batchSize {
                try self.drive(k + 1, out, m)
                m = 0
            }
        }
        defer { executor.onSolution = {} }
        for b in 0..<n {
            executor.registers.update(from: batch + b * w, count: w)
            try executor.run(k)
        }
        if m > 0 { try drive(k + 1, out, m) }
    }
}
