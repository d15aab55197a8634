import KGAnalysis
import KGLanguage
import KGStore

/// Planning of the body literals beyond atoms, negations and comparisons: body aggregates and
/// `cited/2`.
extension Planner {
    /// A body aggregate: each branch of its inner body becomes a sub-plan, planned with the
    /// variables bound so far (its grouping keys among them), so its scans use indexes on the
    /// keys. Locals get registers of their own in the rule's register file, one per name across
    /// branches.
    func emitAggregate(_ g: BodyAggregate, literalIndex: Int, plan: RulePlan, root: RulePlan,
                       slots: inout [String: Int], bound: inout Set<String>, newSlot: (String) -> Int) {
        let descriptor = BodyAggregatePlan(kind: g.kind, op: g.op, aggregateOnLeft: g.aggregateOnLeft,
                                           range: g.aggregateRange, targetRange: g.target?.range)
        var locals: [String: Int] = [:]
        var localOrder: [String] = []
        var branchSlots: [Set<Int>] = []
        for branch in g.branches {
            let sub = RulePlan(clause: plan.clause, ruleIndex: plan.ruleIndex, headRelation: plan.headRelation)
            var innerSlots = slots.merging(locals) { outer, _ in outer }
            var innerBound = bound
            planBody(branch.body, plan: sub, root: root, slots: &innerSlots, bound: &innerBound, deltaLiteral: nil, stratumBinary: [])
            if let target = g.target {
                sub.exprs.append(compile(target, innerSlots))
                descriptor.targets.append(sub.exprs.count - 1)
            } else {
                descriptor.targets.append(-1)
            }
            var binds = Set(sub.levelSlots)
            for name in innerBound.subtracting(bound) {
                guard let s = innerSlots[name] else { continue }
                binds.insert(s)
                if locals[name] == nil {
                    locals[name] = s
                    localOrder.append(name)
                }
            }
            branchSlots.append(binds)
            descriptor.branches.append(sub)
            descriptor.branchLabels.append(branch.branch?.label)
        }
        // What makes a binding distinct: count ranges over the named locals, sum and mean over
        // every local (anonymous ones too), min and max need nothing.
        let named = localOrder.filter { !$0.hasPrefix("_") }.compactMap { locals[$0] }
        let all = branchSlots.reduce(into: Set<Int>()) { $0.formUnion($1) }.sorted()
        switch g.kind {
        case .count: descriptor.distinctSlots = named
        case .sum, .mean: descriptor.distinctSlots = all
        case .min, .max: descriptor.distinctSlots = []
        }
        descriptor.branchBinds = branchSlots.map { binds in descriptor.distinctSlots.map { binds.contains($0) } }
        // One branch enumerates each combination of rows once, and each binds registers of its
        // own: its solutions are distinct in all its registers, so counting needs no set when
        // the counted registers are all of them.
        if g.kind == .min || g.kind == .max {
            descriptor.needsDistinctSet = false
        } else if branchSlots.count == 1 {
            descriptor.needsDistinctSet = !Set(descriptor.distinctSlots).isSuperset(of: branchSlots[0])
        }
        if let v = BindingRules.aggregateTarget(g, bound: bound) {
            let s = slots[v] ?? newSlot(v)
            slots[v] = s
            bound.insert(v)
            descriptor.resultSlot = s
        } else {
            plan.exprs.append(compile(g.other, slots))
            descriptor.other = plan.exprs.count - 1
        }
        var step = Step(kind: .bodyAggregate)
        step.target = plan.bodyAggregates.count
        step.literal = literalIndex
        plan.bodyAggregates.append(descriptor)
        plan.steps.append(step)
    }

    /// `cited(p(...), G)`: a scan of p's stated rows (through an index on the bound
    /// arguments), then G for each source of the row. Its ops are p's arguments, then G.
    func emitCitation(_ c: Citation, literalIndex: Int, plan: RulePlan,
                      slots: inout [String: Int], bound: inout Set<String>, newSlot: (String) -> Int) {
        let arity = c.fact.arity
        let ops = argumentOps(c.fact.arguments + [c.source], binding: !c.negated, plan: plan, slots: &slots, bound: &bound, newSlot: newSlot)
        guard let relation = model.existingRelation(c.fact.predicate), relation.arity == arity else {
            // No such facts: cited fails, and `not cited` holds.
            if !c.negated { plan.steps.append(Step(kind: .fail)) }
            return
        }
        var step = Step(kind: c.negated ? .negatedCited : .cited)
        step.relation = addRelation(c.fact.predicate, relation, to: plan)
        step.args = appendOps(ops, to: plan)
        let (keys, range) = keyRange(ops, columns: Array(0..<arity), plan: plan)
        step.keys = range
        if !keys.isEmpty && keys.count < arity { step.index = relation.index(on: keys) }
        step.literal = literalIndex
        plan.steps.append(step)
    }
}
