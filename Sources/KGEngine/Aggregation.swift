import Foundation
import KGLanguage
import KGStore

/// Head aggregates. The body's distinct solutions (each distinct binding of all its
/// variables) are collected first; then, per group of the other head arguments, `count<V..>`
/// counts distinct values (tuples) of V, `sum` adds V over the distinct solutions, and
/// `min`/`max` take the extreme in kg's term order. A group with no solutions yields nothing.
enum Aggregation {
    static func run(_ plan: RulePlan, executor: Executor, context: EvaluationContext,
                    emit: (UnsafeMutablePointer<TermID>) throws -> Void, tuple: UnsafeMutablePointer<TermID>) throws {
        let width = max(plan.slotCount, 1)
        let solutions = Relation(arity: width)
        executor.onSolution = { [unowned executor] in
            solutions.insert(UnsafeBufferPointer(start: executor.registers, count: width))
        }
        try executor.run()

        struct Group {
            var keyTuple: [TermID]
            var distinct: [Set<[TermID]>]
            var sums: [Number?]
            var extremes: [Term?]
        }
        var groups: [[TermID]: Int] = [:]
        var list: [Group] = []
        let aggregates = plan.head.enumerated().compactMap { (i, op) -> (Int, AggregateKind, [Int])? in
            if case .aggregate(let k, let slots) = op { return (i, k, slots) } else { return nil }
        }
        let registers = executor.registers
        for row in 0..<solutions.count {
            for s in 0..<width { registers[s] = solutions.value(row: row, column: s) }
            try HeadBuilder.fill(tuple, plan: plan, registers: registers, context: context)
            let key = (0..<plan.head.count).filter { i in !aggregates.contains { $0.0 == i } }.map { tuple[$0] }
            let g: Int
            if let existing = groups[key] {
                g = existing
            } else {
                g = list.count
                groups[key] = g
                list.append(Group(keyTuple: key, distinct: Array(repeating: [], count: aggregates.count),
                                  sums: Array(repeating: nil, count: aggregates.count),
                                  extremes: Array(repeating: nil, count: aggregates.count)))
            }
            for (a, (position, kind, slots)) in aggregates.enumerated() {
                let values = slots.map { registers[$0] }
                switch kind {
                case .count:
                    list[g].distinct[a].insert(values)
                case .sum:
                    let term = context.dictionary[values[0]]
                    guard let n = term.numericValue else {
                        throw EvaluationError(.notANumber, "sum<...> needs numbers, but got \(TermDescription.describe(term))", at: plan.clause.head.arguments[position].range)
                    }
                    list[g].sums[a] = try add(list[g].sums[a], n, at: plan.clause.head.arguments[position].range)
                case .min, .max:
                    let term = context.dictionary[values[0]]
                    if let current = list[g].extremes[a] {
                        let c = TermOrder.compare(term, current)
                        if (kind == .min && c < 0) || (kind == .max && c > 0) { list[g].extremes[a] = term }
                    } else {
                        list[g].extremes[a] = term
                    }
                }
            }
        }
        for group in list {
            var k = 0
            for i in 0..<plan.head.count {
                if let a = aggregates.firstIndex(where: { $0.0 == i }) {
                    let value: Term
                    switch aggregates[a].1 {
                    case .count: value = .integer(Int64(group.distinct[a].count))
                    case .sum:
                        switch group.sums[a] {
                        case .integer(let n)?: value = .integer(n)
                        case .decimal(let d)?: value = .decimal(d)
                        case nil: value = .integer(0)
                        }
                    case .min, .max: value = group.extremes[a] ?? .integer(0)
                    }
                    tuple[i] = context.dictionary.intern(value)
                } else {
                    tuple[i] = group.keyTuple[k]
                    k += 1
                }
            }
            try emit(tuple)
        }
    }

    private static func add(_ a: Number?, _ b: Number, at range: SourceRange) throws -> Number {
        guard let a else { return b }
        if case .integer(let x) = a, case .integer(let y) = b {
            let (s, overflow) = x.addingReportingOverflow(y)
            if overflow { throw EvaluationError(.integerOverflow, "integer overflow in sum<...>: the total does not fit in 64 bits", at: range) }
            return .integer(s)
        }
        return .decimal(a.decimalValue + b.decimalValue)
    }
}
