import KGLanguage
import KGStore

/// The steps of body aggregates, `cited/2` and `range/3`.
extension Executor {
    /// Runs the aggregate's inner body for the current bindings, then binds the result (or
    /// compares it with the other side) and goes on.
    func runBodyAggregate(_ step: Step, next: Int) throws {
        let runner = aggregateRunners[step.target]
        let aggregate = runner.plan
        guard let value = try runner.evaluate() else { return }
        if aggregate.resultSlot >= 0 {
            registers[aggregate.resultSlot] = context.dictionary.intern(value)
            try run(next)
            return
        }
        let other = try plan.exprs[aggregate.other].evaluate(registers, context.dictionary)
        let holds = aggregate.aggregateOnLeft ? Comparison.holds(aggregate.op, value, other) : Comparison.holds(aggregate.op, other, value)
        if holds { try run(next) }
    }

    /// `cited(p(...), G)`: each stated row of p matching the bound arguments, once per source.
    func runCitation(_ step: Step, next: Int) throws {
        unowned(unsafe) let r = relations[step.relation].takeUnretainedValue()
        let sourceOp = ops[step.args.upperBound - 1]
        let factArgs = step.args.lowerBound..<(step.args.upperBound - 1)
        try forEachStatedRow(r, step) { row in
            guard self.bindRow(r.base + row * r.arity, factArgs, keysVerified: false) else { return true }
            try self.bindSource(r, row: row, op: sourceOp, next: next)
            return !(self.stopAtFirst && self.found)
        }
    }

    /// `not cited(p(...), G)` fails when some stated row matches with G among its sources.
    func citationExists(_ step: Step) throws -> Bool {
        unowned(unsafe) let r = relations[step.relation].takeUnretainedValue()
        let sourceOp = ops[step.args.upperBound - 1]
        let factArgs = step.args.lowerBound..<(step.args.upperBound - 1)
        var unknown = false
        let wanted: TermID? = sourceOp.isKey ? try keyValue(sourceOp, &unknown) : nil
        if unknown { return false }
        var exists = false
        try forEachStatedRow(r, step) { row in
            guard self.bindRow(r.base + row * r.arity, factArgs, keysVerified: false) else { return true }
            if let wanted {
                let sources = r.sources[Int32(row)] ?? [self.context.defaultSource]
                guard sources.contains(wanted) else { return true }
            }
            exists = true
            return false
        }
        return exists
    }

    /// Calls `body` with each stated row of `r` that matches the step's key columns (the rows
    /// before `statedCount`); `body` returns false to stop.
    private func forEachStatedRow(_ r: Relation, _ step: Step, _ body: (Int) throws -> Bool) throws {
        let hi = min(r.count, context.statedCount(plan.relationNames[step.relation]))
        guard hi > 0 else { return }
        let arity = r.arity
        let key = scratch + step.args.lowerBound
        var unknown = false
        for (column, k) in step.args.dropLast().enumerated() where ops[k].isKey {
            key[column] = try keyValue(ops[k], &unknown)
        }
        if unknown { return }
        try context.tick()
        if step.keys.isEmpty {
            for row in 0..<hi {
                if row & 0xFFFF == 0 { try context.checkInterrupts() }
                if try !body(row) { return }
            }
            return
        }
        if step.keys.count == arity {
            let row = r.find(UnsafeBufferPointer(start: key, count: arity))
            if row >= 0 && row < hi { _ = try body(row) }
            return
        }
        var h: UInt64 = 0
        for k in step.keys { h = mixHash(h, key[keyColumns[k]]) }
        var row = r.firstRow(index: step.index, keyHash: finishHash(h))
        while row >= 0 {
            if row & 0xFFFF == 0 { try context.checkInterrupts() }
            let ri = Int(row)
            if ri < hi, try !body(ri) { return }
            row = r.nextRow(index: step.index, after: row)
        }
    }

    /// `range(Lo, Hi, X)`: X takes each integer from Lo to Hi, both included (none when
    /// Lo > Hi, or when Lo or Hi is not an integer); a bound X is tested instead.
    func runRange(_ step: Step, next: Int) throws {
        let a = step.args.lowerBound
        func integer(_ op: ArgOp) throws -> Int64? {
            let term: Term
            switch op.kind {
            case .constant: term = context.dictionary[TermID(op.value)]
            case .bound, .check: term = context.dictionary[registers[op.value]]
            case .computed: term = try plan.exprs[op.value].evaluate(registers, context.dictionary)
            default: return nil
            }
            if case .integer(let i)? = term.numericValue { return i }
            return nil
        }
        guard let lo = try integer(ops[a]), let hi = try integer(ops[a + 1]), lo <= hi else { return }
        let x = ops[a + 2]
        switch x.kind {
        case .bind:
            var v = lo
            while true {
                try context.tick()
                registers[x.value] = context.dictionary.intern(.integer(v))
                try run(next)
                if stopAtFirst && found { return }
                if v == hi { return }
                v += 1
            }
        case .ignore:
            // `range(1, 3, _)`: holds Hi - Lo + 1 times; once is enough for a set of answers.
            try run(next)
        default:
            guard let value = try integer(x), value >= lo, value <= hi else { return }
            try run(next)
        }
    }
}
