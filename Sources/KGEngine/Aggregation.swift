import Foundation
import KGLanguage
import KGStore

/// Head aggregates, computed while the body's solutions stream by.
///
/// Per group of the other head arguments: `count<V..>` counts distinct values (tuples) of V;
/// `sum<V>` adds V over the distinct solutions of the body (each distinct binding of all
/// its variables, as SQL's SUM over the rows of a join), `mean<V>` divides that sum by their
/// number (a decimal); `min`/`max` take the extreme in kg's term order. A group with no
/// solutions yields nothing.
///
/// Groups and distinct values live in flat `Relation`s used as hash sets (a group's row
/// number is its dense id), so no per-solution allocation happens.
enum Aggregation {
    private struct Aggregate {
        let position: Int
        let kind: AggregateKind
        let slots: [Int]
        /// count: (group id, V...) pairs seen.
        let seen: Relation?
        var counts: [Int64] = []
        var sums: [Number?] = []
        var extremes: [TermID?] = []
    }

    /// Runs the plan through `executor`, one solution at a time.
    static func run(_ plan: RulePlan, executor: Executor, context: EvaluationContext,
                    emit: (UnsafeMutablePointer<TermID>) throws -> Void, tuple: UnsafeMutablePointer<TermID>) throws {
        try run(plan, width: 1, solutions: { each in
            executor.onSolution = { [unowned(unsafe) executor] in try each(executor.registers, 1) }
            try executor.run()
        }, fillHead: { tuple, _ in try executor.fillHead(tuple) }, context: context, emit: emit, tuple: tuple)
    }

    /// Runs the plan through `batch`, a batch of solutions at a time.
    static func run(_ plan: RulePlan, batch: BatchExecutor, context: EvaluationContext,
                    emit: (UnsafeMutablePointer<TermID>) throws -> Void, tuple: UnsafeMutablePointer<TermID>) throws {
        try run(plan, width: batch.width, solutions: { each in
            batch.sink = each
            try batch.run()
        }, fillHead: { tuple, registers in try batch.fillHead(tuple, from: registers) }, context: context, emit: emit, tuple: tuple)
    }

    /// `solutions` calls its argument with batches of solutions (`count` bindings of `width`
    /// registers each); `fillHead` writes a binding's head tuple.
    private static func run(_ plan: RulePlan, width stride: Int,
                            solutions: (_ each: @escaping (UnsafeMutablePointer<TermID>, Int) throws -> Void) throws -> Void,
                            fillHead: @escaping (UnsafeMutablePointer<TermID>, UnsafeMutablePointer<TermID>) throws -> Void,
                            context: EvaluationContext,
                            emit: (UnsafeMutablePointer<TermID>) throws -> Void, tuple: UnsafeMutablePointer<TermID>) throws {
        var aggregates: [Aggregate] = []
        var keyPositions: [Int] = []
        var keySlots = Set<Int>()
        for (i, op) in plan.head.enumerated() {
            if case .slot(let s) = op { keySlots.insert(s) }
            if case .aggregate = op {} else { keyPositions.append(i) }
        }
        for (i, op) in plan.head.enumerated() {
            guard case .aggregate(let kind, let slots) = op else { continue }
            // The join enumerates each combination of rows once, and every argument of a
            // positive atom has its own register; so when the counted variables and the group
            // keys cover every register, solutions are already distinct: no set needed.
            let distinctByConstruction = keySlots.union(slots).isSuperset(of: plan.levelSlots)
            aggregates.append(Aggregate(position: i, kind: kind, slots: slots,
                                        seen: kind == .count && !distinctByConstruction ? Relation(arity: 1 + slots.count) : nil))
        }
        let groups = Relation(arity: keyPositions.count)
        // Distinct full bindings (of the rule's own variables, not those local to its body
        // aggregates) matter only to sum and mean.
        let level = plan.levelSlots
        let width = max(level.count, 1)
        let bindings: Relation? = aggregates.contains { $0.kind == .sum || $0.kind == .mean } ? Relation(arity: width) : nil
        let scratch = UnsafeMutablePointer<TermID>.allocate(capacity: max(keyPositions.count, 1) + 1 + plan.slotCount)
        defer { scratch.deallocate() }
        let binding = UnsafeMutablePointer<TermID>.allocate(capacity: width)
        binding.initialize(repeating: 0, count: width)
        defer { binding.deallocate() }
        let dictionary = context.dictionary
        let head = plan.clause.head

        // Counts of solutions and nothing else, with no group keys (`c(count<X, Y>) :- p(X, Y).`):
        // the solutions are distinct, so their number is the answer.
        if keyPositions.isEmpty && bindings == nil && aggregates.allSatisfy({ $0.kind == .count && $0.seen == nil }) {
            var total: Int64 = 0
            try solutions { _, n in total += Int64(n) }
            guard total > 0 else { return }
            for aggregate in aggregates { tuple[aggregate.position] = dictionary.intern(.integer(total)) }
            try emit(tuple)
            return
        }

        func accumulate(_ registers: UnsafeMutablePointer<TermID>) throws {
            var newBinding = true
            if let bindings {
                for (j, s) in level.enumerated() { binding[j] = registers[s] }
                newBinding = bindings.insert(UnsafeBufferPointer(start: binding, count: width))
            }
            try fillHead(tuple, registers)
            for (k, p) in keyPositions.enumerated() { scratch[k] = tuple[p] }
            let key = UnsafeBufferPointer(start: scratch, count: keyPositions.count)
            var group = groups.find(key)
            if group < 0 {
                group = groups.count
                groups.insert(key)
                for a in aggregates.indices {
                    aggregates[a].counts.append(0)
                    aggregates[a].sums.append(nil)
                    aggregates[a].extremes.append(nil)
                }
            }
            // Fields are read one by one: a copy of the whole `Aggregate` would share its
            // arrays, and the update below would then copy them (per solution).
            for a in aggregates.indices {
                switch aggregates[a].kind {
                case .count:
                    guard let seen = aggregates[a].seen else {
                        aggregates[a].counts[group] += 1
                        continue
                    }
                    scratch[0] = TermID(group)
                    let slots = aggregates[a].slots
                    for (j, s) in slots.enumerated() { scratch[1 + j] = registers[s] }
                    if seen.insert(UnsafeBufferPointer(start: scratch, count: 1 + slots.count)) {
                        aggregates[a].counts[group] += 1
                    }
                case .sum, .mean:
                    guard newBinding else { continue }
                    let term = dictionary[registers[aggregates[a].slots[0]]]
                    let range = head.arguments[aggregates[a].position].range
                    guard let n = term.numericValue else {
                        throw EvaluationError(.notANumber, "\(aggregates[a].kind.rawValue)<...> needs numbers, but got \(TermDescription.describe(term))", at: range)
                    }
                    aggregates[a].sums[group] = try add(aggregates[a].sums[group], n, at: range, kind: aggregates[a].kind)
                    aggregates[a].counts[group] += 1
                case .min, .max:
                    let value = registers[aggregates[a].slots[0]]
                    if let current = aggregates[a].extremes[group] {
                        guard value != current else { continue }
                        let c = TermOrder.compare(dictionary[value], dictionary[current])
                        if (aggregates[a].kind == .min && c < 0) || (aggregates[a].kind == .max && c > 0) { aggregates[a].extremes[group] = value }
                    } else {
                        aggregates[a].extremes[group] = value
                    }
                }
            }
        }
        try solutions { batch, n in
            for b in 0..<n { try accumulate(batch + b * stride) }
        }

        for group in 0..<groups.count {
            for (k, p) in keyPositions.enumerated() { tuple[p] = groups.value(row: group, column: k) }
            for aggregate in aggregates {
                let value: TermID
                switch aggregate.kind {
                case .count: value = dictionary.intern(.integer(aggregate.counts[group]))
                case .sum:
                    switch aggregate.sums[group] {
                    case .integer(let n)?: value = dictionary.intern(.integer(n))
                    case .decimal(let d)?: value = dictionary.intern(.decimal(d))
                    case nil: value = dictionary.intern(.integer(0))
                    }
                case .min, .max: value = aggregate.extremes[group] ?? dictionary.intern(.integer(0))
                case .mean:
                    // Every group here has at least one solution; the mean is a decimal.
                    let total = aggregate.sums[group]?.decimalValue ?? 0
                    let range = head.arguments[aggregate.position].range
                    value = dictionary.intern(try Arithmetic.apply(.divide, .decimal(total), .integer(max(1, aggregate.counts[group])), at: range))
                }
                tuple[aggregate.position] = value
            }
            try emit(tuple)
        }
    }

    private static func add(_ a: Number?, _ b: Number, at range: SourceRange, kind: AggregateKind) throws -> Number {
        guard let a else { return b }
        func term(_ n: Number) -> Term {
            switch n {
            case .integer(let i): return .integer(i)
            case .decimal(let d): return .decimal(d)
            }
        }
        // The same checked arithmetic as `+`: overflow is an error, never a trap or a wrap.
        do {
            return try Arithmetic.apply(.add, term(a), term(b), at: range).numericValue ?? b
        } catch let error as EvaluationError where error.kind == .integerOverflow {
            throw EvaluationError(.integerOverflow, "integer overflow in \(kind.rawValue)<...>: the total does not fit in 64 bits", at: range)
        }
    }
}
