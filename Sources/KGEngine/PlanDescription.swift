import KGAnalysis
import KGLanguage
import KGStore

/// Describes a compiled plan in the user's terms: which literal each step evaluates and how
/// (which relation it scans or probes, on which arguments). The planner emits one step per
/// body literal, in join order (`RulePlan.order`); an executor or planner rewrite must keep
/// that correspondence, or update this description with it.
enum PlanDescription {
    static func profile(_ plan: RulePlan, _ probe: StepProbe, recursive: Bool) -> PlanProfile {
        let isQuery = plan.ruleIndex < 0
        let (steps, deltaLiteral) = describeSteps(plan, probe, slotNames: plan.slotNames)
        let variant: String? = recursive ? (deltaLiteral.map { "later rounds, delta of \($0)" } ?? "first round") : nil
        let head = isQuery ? (plan.clause.head.arguments.isEmpty ? "yes/no" : "answer(" + plan.slotNamesOfHead().joined(separator: ", ") + ")")
                           : oneLine(plan.clause.head.range.text)
        return PlanProfile(text: oneLine(plan.clause.range.text), location: isQuery ? nil : plan.clause.range.location,
                           branch: plan.clause.branch, variant: variant,
                           steps: steps, head: head, solutions: probe.entries[plan.steps.count], produced: probe.produced,
                           headNanoseconds: probe.selfNanoseconds[plan.steps.count], runs: probe.runs)
    }

    /// The steps of `plan` (a rule's, a query's, or a body aggregate's sub-plan) in join
    /// order, with the counters of `probe`; and the literal read as a delta, if any.
    /// `slotNames`: the register names of the rule (sub-plans share the rule's registers).
    private static func describeSteps(_ plan: RulePlan, _ probe: StepProbe, slotNames: [String]) -> ([StepProfile], String?) {
        var steps: [StepProfile] = []
        var deltaLiteral: String?
        // Steps name their literal; the few that do not (a `fail` for a constant the data
        // never mentions) take, in order, the literals of the join order no step named.
        let named = Set(plan.steps.map(\.literal).filter { $0 >= 0 })
        var unnamed = plan.order.filter { !named.contains($0) }[...]
        for (i, step) in plan.steps.enumerated() {
            let literalIndex = step.literal >= 0 ? step.literal : (unnamed.popFirst() ?? -1)
            let literal = literalIndex >= 0 && literalIndex < plan.literals.count ? plan.literals[literalIndex] : nil
            let text = literal.map { oneLine($0.range.text) } ?? "?"
            if step.delta { deltaLiteral = text }
            let kind: StepProfile.Kind
            var aggregate: [AggregateBranchProfile] = []
            switch step.kind {
            case .compare, .assign: kind = .filter
            case .negation, .negatedSpecial, .negatedCited: kind = .exclude
            case .bodyAggregate:
                kind = .aggregate
                if step.target >= 0 && step.target < plan.bodyAggregates.count && step.target < probe.aggregates.count {
                    let a = plan.bodyAggregates[step.target]
                    for (b, sub) in a.branches.enumerated() where b < probe.aggregates[step.target].count {
                        let subProbe = probe.aggregates[step.target][b]
                        let label = b < a.branchLabels.count ? a.branchLabels[b] : nil
                        aggregate.append(AggregateBranchProfile(branch: label, steps: describeSteps(sub, subProbe, slotNames: slotNames).0,
                                                                solutions: subProbe.entries[sub.steps.count]))
                    }
                }
            default: kind = .match
            }
            steps.append(StepProfile(literal: text, range: literal?.range, kind: kind, access: access(step, plan, slotNames: slotNames),
                                     rowsIn: probe.entries[i], rowsOut: probe.entries[i + 1], nanoseconds: probe.selfNanoseconds[i],
                                     aggregate: aggregate))
        }
        return (steps, deltaLiteral)
    }

    /// Source text on one line: every run of white space (line breaks too) as one space.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// How a step reads the data, as a short phrase.
    static func access(_ step: Step, _ plan: RulePlan, slotNames: [String]) -> String {
        switch step.kind {
        case .scan, .negation:
            let name = step.relation >= 0 ? spelling(plan.relationNames[step.relation], plan) : "?"
            let keys = plan.keyColumns[step.keys]
            let arity = step.args.count
            var phrase: String
            if keys.isEmpty {
                phrase = "scan \(name)"
            } else if keys.count == arity {
                phrase = "lookup \(name) (all arguments bound)"
            } else {
                let columns = keys.map { String($0 + 1) }.joined(separator: ", ")
                phrase = "index \(name) on arg\(keys.count == 1 ? "" : "s") \(columns)"
            }
            if step.delta { phrase += ", new rows only" }
            return step.kind == .negation ? "not: " + phrase : phrase
        case .triple, .quad:
            let name = step.kind == .triple ? "triple" : "quad"
            let a = step.args.lowerBound
            let subjectBound = a < plan.ops.count && plan.ops[a].isKey
            let objectBound = a + 2 < plan.ops.count && plan.ops[a + 2].isKey
            let predicateBound = a + 1 < plan.ops.count && plan.ops[a + 1].isKey
            var phrase = "\(name): " + (predicateBound ? "the relation named by P" : "every binary relation")
            if subjectBound { phrase += ", index on the subject" } else if objectBound { phrase += ", index on the object" }
            return phrase + (step.delta ? ", new rows only" : "")
        case .compare:
            return "filter"
        case .assign:
            let target = step.target >= 0 && step.target < slotNames.count ? slotNames[step.target] : "?"
            return "compute \(target)"
        case .builtin, .negatedSpecial:
            let literal = step.literal >= 0 && step.literal < plan.literals.count ? plan.literals[step.literal] : nil
            var name = "built-in"
            if case .atom(let a)? = literal { name = "built-in \(a.predicate)/\(a.arity)" }
            if case .negated(let a, _)? = literal { name = "not: built-in \(a.predicate)/\(a.arity)" }
            return name
        case .fail:
            return "nothing (a constant the data never mentions)"
        case .count:
            return "count"
        case .bodyAggregate:
            return "aggregate: runs its body (below) for each binding"
        case .cited, .negatedCited:
            let name = step.relation >= 0 ? spelling(plan.relationNames[step.relation], plan) : "?"
            let keys = plan.keyColumns[step.keys]
            let how = keys.isEmpty ? "scan" : "index on arg\(keys.count == 1 ? "" : "s") " + keys.map { String($0 + 1) }.joined(separator: ", ")
            return (step.kind == .negatedCited ? "not: " : "") + "cited: stated rows of \(name), \(how)"
        case .range:
            return "range: generates the integers"
        }
    }

    /// A relation's name as the user writes it (IRIs in angle brackets already).
    private static func spelling(_ name: String, _ plan: RulePlan) -> String {
        for literal in plan.literals {
            switch literal {
            case .atom(let a), .negated(let a, _): if a.predicate == name { return a.spelling }
            default: break
            }
        }
        return name
    }
}

extension RulePlan {
    /// The names of a query's head variables (its answer columns).
    func slotNamesOfHead() -> [String] {
        clause.head.arguments.map { if case .variable(let v, _) = $0 { return v } else { return "_" } }
    }
}
