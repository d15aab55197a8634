import Foundation
import KGLanguage
import KGStore

/// Runs one body aggregate for the current bindings of its grouping keys: every branch of its
/// inner body (sub-executors over the rule's registers), accumulating as solutions stream by.
///
/// `count` counts distinct bindings of the named locals, `sum` and `mean` range over the
/// distinct bindings of all locals (as the head aggregates do), `min` and `max` take the
/// extreme in kg's term order. Distinct bindings are kept in one set for all invocations, each
/// row prefixed with the invocation's number, so no set is cleared or allocated per group.
final class BodyAggregateRunner {
    let plan: BodyAggregatePlan
    private unowned let context: EvaluationContext
    private let registers: UnsafeMutablePointer<TermID>
    private var executors: [Executor] = []
    private var seen: Relation?
    private var invocation: TermID = 0
    private let key: UnsafeMutablePointer<TermID>
    private var branch = 0
    private var count: Int64 = 0
    private var sum: Term?
    private var extreme: Term?
    /// Marks a local that the running branch does not bind, in a distinct-binding key.
    private static let unbound = TermID.max

    /// `probes`: one per branch, when the enclosing executor counts its steps (explanations).
    init(plan: BodyAggregatePlan, context: EvaluationContext, registers: UnsafeMutablePointer<TermID>, probes: [StepProbe]? = nil) {
        self.plan = plan
        self.context = context
        self.registers = registers
        key = .allocate(capacity: plan.distinctSlots.count + 1)
        if plan.needsDistinctSet && plan.kind != .min && plan.kind != .max {
            seen = Relation(arity: plan.distinctSlots.count + 1)
        }
        executors = plan.branches.enumerated().map { b, branch in
            Executor(plan: branch, context: context, registers: registers, probe: probes?[b])
        }
        for e in executors {
            e.onSolution = { [unowned self] in try self.accumulate() }
        }
    }

    deinit { key.deallocate() }

    /// The aggregate's value for the current bindings, or nil when it has none (`min`, `max`
    /// and `mean` of nothing).
    func evaluate() throws -> Term? {
        count = 0
        sum = nil
        extreme = nil
        if seen != nil {
            if invocation == TermID.max - 1 {
                seen = Relation(arity: plan.distinctSlots.count + 1)
                invocation = 0
            }
            invocation += 1
        }
        for (b, e) in executors.enumerated() {
            branch = b
            try e.run()
        }
        switch plan.kind {
        case .count: return .integer(count)
        case .sum: return sum ?? .integer(0)
        case .mean:
            guard count > 0, let total = sum?.numericValue else { return nil }
            return try Arithmetic.apply(.divide, .decimal(total.decimalValue), .integer(count), at: plan.range)
        case .min, .max: return extreme
        }
    }

    private func accumulate() throws {
        if let seen {
            key[0] = invocation
            let binds = plan.branchBinds[branch]
            for (j, s) in plan.distinctSlots.enumerated() { key[1 + j] = binds[j] ? registers[s] : Self.unbound }
            guard seen.insert(UnsafeBufferPointer(start: key, count: plan.distinctSlots.count + 1)) else { return }
        }
        if plan.kind == .count {
            count += 1
            return
        }
        let executor = executors[branch]
        let value = try executor.plan.exprs[plan.targets[branch]].evaluate(registers, context.dictionary)
        let range = plan.targetRange ?? plan.range
        switch plan.kind {
        case .sum, .mean:
            guard value.numericValue != nil else {
                throw EvaluationError(.notANumber, "\(plan.kind.rawValue) needs numbers, but got \(TermDescription.describe(value)) in '\(plan.range.text)'", at: range)
            }
            count += 1
            guard let current = sum else { sum = value; return }
            do {
                sum = try Arithmetic.apply(.add, current, value, at: range)
            } catch let error as EvaluationError where error.kind == .integerOverflow {
                throw EvaluationError(.integerOverflow, "integer overflow in \(plan.kind.rawValue): the total does not fit in 64 bits", at: range)
            }
        case .min, .max:
            guard let current = extreme else { extreme = value; return }
            let c = TermOrder.compare(value, current)
            if (plan.kind == .min && c < 0) || (plan.kind == .max && c > 0) { extreme = value }
        case .count:
            break
        }
    }
}
