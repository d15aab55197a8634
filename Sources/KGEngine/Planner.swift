import Foundation
import KGAnalysis
import KGLanguage
import KGStore

/// Compiles a rule (or query) into a `RulePlan` against the current sizes of the data.
///
/// Join order is greedy: filters (comparisons, negations, built-ins) run as soon as their
/// inputs are bound; among atoms, the delta atom of a semi-naive variant goes first, then the
/// atom with the fewest expected matches, `size^(1 - bound/arity)` (more bound arguments
/// and smaller relations first), so that each lookup goes through an index on as many bound
/// arguments as possible whatever order the user wrote (datascript#456).
struct Planner {
    let model: Database

    /// Plans `clause`; `deltaLiteral` is the body literal read as a delta (semi-naive variant).
    /// `stratumBinary` names the binary predicates of the stratum (for triple/3 deltas).
    func plan(_ clause: Clause, ruleIndex: Int, deltaLiteral: Int?, stratumBinary: Set<String> = []) -> RulePlan {
        let headRelation = model.relation(clause.head.predicate, arity: clause.head.arity)
        let plan = RulePlan(clause: clause, ruleIndex: ruleIndex, headRelation: headRelation)
        var slots: [String: Int] = [:]
        var bound = Set<String>()
        planBody(clause.body, plan: plan, root: plan, slots: &slots, bound: &bound, deltaLiteral: deltaLiteral, stratumBinary: stratumBinary)
        for argument in clause.head.arguments {
            switch argument {
            case .variable(let v, _):
                plan.head.append(.slot(slots[v] ?? 0))
            case .constant(let t, _):
                plan.head.append(.constant(model.dictionary.intern(t)))
            case .aggregate(let kind, let names, _):
                plan.head.append(.aggregate(kind, names.map { slots[$0] ?? 0 }))
            default:
                plan.exprs.append(compile(argument, slots))
                plan.head.append(.expr(plan.exprs.count - 1))
            }
        }
        return plan
    }

    /// Orders `body` and emits its steps into `plan`. Registers are numbered in `root` (the
    /// rule's plan), so a body aggregate's sub-plans share the rule's register file.
    func planBody(_ body: [Literal], plan: RulePlan, root: RulePlan, slots: inout [String: Int], bound: inout Set<String>,
                          deltaLiteral: Int?, stratumBinary: Set<String>) {
        plan.literals = body
        func newSlot(_ name: String) -> Int {
            root.slotNames.append(name)
            root.slotCount += 1
            plan.levelSlots.append(root.slotCount - 1)
            return root.slotCount - 1
        }
        var remaining = Array(body.indices)
        while !remaining.isEmpty {
            let runnable = remaining.filter { BindingRules.canRun(body[$0], bound: bound) }
            // Safety analysis guarantees progress; if not, stop rather than loop.
            guard !runnable.isEmpty else { break }
            // `X = expr` binds X only when no positive atom can: otherwise it must stay a
            // comparison (numeric: 1 = 1.0), run after the atom binds X.
            let atomVariables = Set(remaining.filter { isGenerator(body[$0]) }.flatMap { variables(of: body[$0]) })
            // An enumerator (`range`) with a free output yields rows like an atom, so it is
            // ranked by cost with the atoms rather than run first as a filter.
            let producers = runnable.filter { isGenerator(body[$0]) || enumerates(body[$0], bound) }
            let choice = runnable.first { !producers.contains($0) && !assigns(body[$0], bound, atomVariables) }
                ?? (deltaLiteral.flatMap { d in runnable.contains(d) ? d : nil })
                ?? cheapest(connected(producers, body, bound), body, bound)
                ?? runnable[0]
            remaining.removeAll { $0 == choice }
            plan.order.append(choice)
            emit(body[choice], literalIndex: choice, delta: choice == deltaLiteral, stratumBinary: stratumBinary,
                 plan: plan, root: root, slots: &slots, bound: &bound, newSlot: newSlot)
        }
    }

    /// True when `literal` would bind a variable that one of `atomVariables` can bind instead.
    private func assigns(_ literal: Literal, _ bound: Set<String>, _ atomVariables: Set<String>) -> Bool {
        if case .aggregate(let g) = literal, let v = BindingRules.aggregateTarget(g, bound: bound) { return atomVariables.contains(v) }
        guard case .comparison(let op, let l, let r, _) = literal,
              let target = BindingRules.assignmentTarget(op, l, r, bound: bound),
              case .variable(let v, _) = (target == 0 ? l : r) else { return false }
        return atomVariables.contains(v)
    }

    private func variables(of literal: Literal) -> [String] {
        switch literal {
        case .atom(let a): return a.arguments.flatMap(\.variables)
        case .cited(let c) where !c.negated: return (c.fact.arguments + [c.source]).flatMap(\.variables)
        default: return []
        }
    }

    /// The producers that share a bound variable, when any does and something is bound: a
    /// producer with none multiplies the rows by its size whatever its estimate (a cross
    /// product), so it waits until nothing connected is left.
    private func connected(_ producers: [Int], _ body: [Literal], _ bound: Set<String>) -> [Int] {
        guard !bound.isEmpty else { return producers }
        let linked = producers.filter { variables(of: body[$0]).contains(where: bound.contains) }
        return linked.isEmpty ? producers : linked
    }

    private func cheapest(_ candidates: [Int], _ body: [Literal], _ bound: Set<String>) -> Int? {
        candidates.min { cost(body[$0], bound) < cost(body[$1], bound) }
    }

    /// True for a built-in enumerator whose output variable is not bound yet.
    private func enumerates(_ literal: Literal, _ bound: Set<String>) -> Bool {
        guard case .atom(let a) = literal, let b = BuiltinCatalog.signature(a.predicate), b.kind == .enumerator else { return false }
        return a.arguments.indices.contains { i in
            guard !b.inputs.contains(i), case .variable(let v, _) = a.arguments[i] else { return false }
            return !bound.contains(v)
        }
    }

    private func isGenerator(_ literal: Literal) -> Bool {
        switch literal {
        case .atom(let a):
            guard let b = BuiltinCatalog.signature(a.predicate) else { return true }
            return b.kind == .generator
        case .cited(let c):
            return !c.negated
        default:
            return false
        }
    }

    /// Expected matches of a positive atom given the bound variables.
    private func cost(_ literal: Literal, _ bound: Set<String>) -> Double {
        let atom: Atom
        switch literal {
        case .atom(let a): atom = a
        case .cited(let c): atom = c.fact
        default: return 0
        }
        if atom.predicate == "range" { return rangeCost(atom, bound) }
        let size: Int
        if atom.predicate == "triple" || atom.predicate == "quad" {
            if atom.arguments.count > 1, case .constant(let t, _) = atom.arguments[1],
               let name = Database.predicateName(t) {
                size = model.existingRelation(name)?.count ?? 0
            } else {
                size = model.relations.values.reduce(0) { $0 + ($1.arity == 2 ? $1.count : 0) }
            }
        } else {
            size = model.existingRelation(atom.predicate)?.count ?? 0
        }
        guard atom.arity > 0 else { return 0 }
        let boundCount = atom.arguments.filter { arg in
            switch arg {
            case .constant: return true
            case .variable(let v, _): return bound.contains(v)
            case .anonymous: return false
            default: return true
            }
        }.count
        return pow(Double(max(size, 1)), 1 - Double(boundCount) / Double(atom.arity))
    }

    /// `range(Lo, Hi, X)` with X free yields Hi - Lo + 1 bindings (an unknown span counts as
    /// large); with X bound it is a test. Without this, a range with constant bounds looked as
    /// cheap as a one-row relation and could run first, enumerating integers that a later atom
    /// (a magic-set demand, say) would have bound.
    private func rangeCost(_ atom: Atom, _ bound: Set<String>) -> Double {
        guard atom.arguments.count == 3 else { return 1 }
        func integer(_ e: Expr) -> Int64? {
            if case .constant(.integer(let i), _) = e { return i }
            return nil
        }
        switch atom.arguments[2] {
        case .variable(let v, _) where !bound.contains(v): break
        case .anonymous: return 1
        default: return 0
        }
        guard let lo = integer(atom.arguments[0]), let hi = integer(atom.arguments[1]) else { return 1e9 }
        return hi < lo ? 0 : Double(hi) - Double(lo) + 1
    }

    func compile(_ e: Expr, _ slots: [String: Int]) -> CompiledExpr {
        switch e {
        case .variable(let v, _): return .slot(slots[v] ?? 0)
        case .constant(let t, _): return .constant(t)
        case .binary(let op, let a, let b, let r): return .binary(op, compile(a, slots), compile(b, slots), r)
        case .negate(let a, let r): return .negate(compile(a, slots), r)
        case .anonymous, .aggregate: return .constant(.integer(0))   // excluded by analysis
        }
    }

    /// The ops for an atom's arguments, binding fresh variables when `binding` is true.
    func argumentOps(_ arguments: [Expr], binding: Bool, plan: RulePlan, slots: inout [String: Int],
                             bound: inout Set<String>, newSlot: (String) -> Int) -> [ArgOp] {
        var ops: [ArgOp] = []
        var boundHere = Set<String>()
        for a in arguments {
            switch a {
            case .variable(let v, _):
                if bound.contains(v), let s = slots[v] {
                    ops.append(ArgOp(kind: .bound, value: s))
                } else if boundHere.contains(v), let s = slots[v] {
                    ops.append(ArgOp(kind: .check, value: s))
                } else if binding {
                    let s = slots[v] ?? newSlot(v)
                    slots[v] = s
                    boundHere.insert(v)
                    ops.append(ArgOp(kind: .bind, value: s))
                } else {
                    ops.append(ArgOp(kind: .ignore, value: 0))
                }
            case .anonymous:
                if binding {
                    ops.append(ArgOp(kind: .bind, value: newSlot("_")))
                } else {
                    ops.append(ArgOp(kind: .ignore, value: 0))
                }
            case .constant(let t, _):
                ops.append(ArgOp(kind: .constant, value: Int(model.dictionary.intern(t))))
            default:
                plan.exprs.append(compile(a, slots))
                ops.append(ArgOp(kind: .computed, value: plan.exprs.count - 1))
            }
        }
        bound.formUnion(boundHere)
        return ops
    }

    func appendOps(_ ops: [ArgOp], to plan: RulePlan) -> Range<Int> {
        let start = plan.ops.count
        plan.ops.append(contentsOf: ops)
        return start..<plan.ops.count
    }

    func keyRange(_ ops: [ArgOp], columns: [Int], plan: RulePlan) -> ([Int], Range<Int>) {
        let keys = columns.filter { ops[$0].isKey }
        let start = plan.keyColumns.count
        plan.keyColumns.append(contentsOf: keys)
        return (keys, start..<plan.keyColumns.count)
    }

    func addRelation(_ name: String, _ relation: Relation, to plan: RulePlan) -> Int {
        if let i = plan.relationNames.firstIndex(of: name) { return i }
        plan.relations.append(relation)
        plan.relationNames.append(name)
        return plan.relations.count - 1
    }

    private func emit(_ literal: Literal, literalIndex: Int, delta: Bool, stratumBinary: Set<String>, plan: RulePlan, root: RulePlan,
                      slots: inout [String: Int], bound: inout Set<String>, newSlot: (String) -> Int) {
        switch literal {
        case .aggregate(let g):
            emitAggregate(g, literalIndex: literalIndex, plan: plan, root: root, slots: &slots, bound: &bound, newSlot: newSlot)
        case .cited(let c):
            emitCitation(c, literalIndex: literalIndex, plan: plan, slots: &slots, bound: &bound, newSlot: newSlot)
        case .disjunction:
            plan.steps.append(Step(kind: .fail))   // multiplied out before planning
        case .comparison(let op, let left, let right, _):
            if let target = BindingRules.assignmentTarget(op, left, right, bound: bound),
               case .variable(let v, _) = (target == 0 ? left : right) {
                plan.exprs.append(compile(target == 0 ? right : left, slots))
                let s = slots[v] ?? newSlot(v)
                slots[v] = s
                bound.insert(v)
                var step = Step(kind: .assign)
                step.target = s
                step.left = plan.exprs.count - 1
                step.literal = literalIndex
                plan.steps.append(step)
            } else {
                plan.exprs.append(compile(left, slots))
                plan.exprs.append(compile(right, slots))
                var step = Step(kind: .compare)
                step.comparison = op
                step.left = plan.exprs.count - 2
                step.right = plan.exprs.count - 1
                if case .slot(let a) = plan.exprs[step.left], case .slot(let b) = plan.exprs[step.right] {
                    step.leftSlot = a
                    step.rightSlot = b
                }
                step.literal = literalIndex
                plan.steps.append(step)
            }
        case .negated(let atom, _):
            let ops = argumentOps(atom.arguments, binding: false, plan: plan, slots: &slots, bound: &bound, newSlot: newSlot)
            if BuiltinCatalog.isBuiltin(atom.predicate) {
                var step = Step(kind: .negatedSpecial)
                step.args = appendOps(ops, to: plan)
                step.literal = literalIndex
                if atom.predicate == "triple" || atom.predicate == "quad" { prepareBinary(plan: plan, ops: ops) }
                plan.steps.append(step)
                return
            }
            let relation = model.relation(atom.predicate, arity: atom.arity)
            var step = Step(kind: .negation)
            step.relation = addRelation(atom.predicate, relation, to: plan)
            step.args = appendOps(ops, to: plan)
            let (keys, range) = keyRange(ops, columns: Array(0..<atom.arity), plan: plan)
            step.keys = range
            if !keys.isEmpty && keys.count < atom.arity { step.index = relation.index(on: keys) }
            step.literal = literalIndex
            plan.steps.append(step)
        case .atom(let atom):
            let ops = argumentOps(atom.arguments, binding: true, plan: plan, slots: &slots, bound: &bound, newSlot: newSlot)
            if let builtin = BuiltinCatalog.signature(atom.predicate) {
                if builtin.kind == .generator {
                    emitGenerator(atom, ops: ops, delta: delta, stratumBinary: stratumBinary, literalIndex: literalIndex, plan: plan)
                } else if builtin.kind == .enumerator {
                    var step = Step(kind: .range)
                    step.args = appendOps(ops, to: plan)
                    step.literal = literalIndex
                    plan.steps.append(step)
                } else {
                    var step = Step(kind: .builtin)
                    step.args = appendOps(ops, to: plan)
                    step.literal = literalIndex
                    plan.steps.append(step)
                }
                return
            }
            emitScan(atom.predicate, model.relation(atom.predicate, arity: atom.arity), ops: ops, delta: delta,
                     literalIndex: literalIndex, plan: plan)
        }
    }

    func emitScan(_ name: String, _ relation: Relation, ops: [ArgOp], delta: Bool, literalIndex: Int, plan: RulePlan) {
        var step = Step(kind: .scan)
        step.relation = addRelation(name, relation, to: plan)
        step.args = appendOps(ops, to: plan)
        let (keys, range) = keyRange(ops, columns: Array(0..<ops.count), plan: plan)
        step.keys = range
        if !keys.isEmpty && keys.count < ops.count { step.index = relation.index(on: keys) }
        step.delta = delta
        step.literal = literalIndex
        plan.steps.append(step)
    }

    private func emitGenerator(_ atom: Atom, ops: [ArgOp], delta: Bool, stratumBinary: Set<String>, literalIndex: Int, plan: RulePlan) {
        // triple(S, p, O) with a constant predicate is a plain scan of p.
        if atom.predicate == "triple", ops[1].kind == .constant {
            let term = model.dictionary[TermID(ops[1].value)]
            guard let name = Database.predicateName(term), let relation = model.existingRelation(name), relation.arity == 2 else {
                plan.steps.append(Step(kind: .fail))
                return
            }
            emitScan(name, relation, ops: [ops[0], ops[2]], delta: delta && stratumBinary.contains(name),
                     literalIndex: literalIndex, plan: plan)
            return
        }
        var step = Step(kind: atom.predicate == "triple" ? .triple : .quad)
        step.args = appendOps(ops, to: plan)
        step.delta = delta
        step.literal = literalIndex
        if delta { plan.deltaBinary = stratumBinary }
        prepareBinary(plan: plan, ops: ops)
        plan.steps.append(step)
    }

    /// Lists the binary relations triple/quad range over, with an index on the S/O key.
    private func prepareBinary(plan: RulePlan, ops: [ArgOp]) {
        guard plan.binaryRelations.isEmpty else { return }
        for name in model.relations.keys.sorted() {
            guard let r = model.existingRelation(name), r.arity == 2, !BuiltinCatalog.isBuiltin(name) else { continue }
            plan.binaryRelations.append((model.dictionary.intern(Database.predicateTerm(name)), r, name))
        }
    }
}
