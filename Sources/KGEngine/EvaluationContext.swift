import Foundation
import KGLanguage
import KGStore

/// What every executor of one evaluation shares: the dictionary, limits and the clock, how
/// many rows of each relation were stated (for `quad/4`), and caches (regexes, indexes).
final class EvaluationContext {
    let dictionary: TermDictionary
    let limits: EvaluationLimits
    let defaultSource: TermID
    private let statedCounts: [String: Int]
    private let started = Date()
    private var ticks = 0
    /// The predicate being evaluated, named by limit and cancellation errors, and the rule's
    /// head, where those errors point.
    var currentPredicate: String?
    var currentRange: SourceRange?
    var regexCache: [String: NSRegularExpression] = [:]

    init(dictionary: TermDictionary, limits: EvaluationLimits, statedCounts: [String: Int]) {
        self.dictionary = dictionary
        self.limits = limits
        self.statedCounts = statedCounts
        defaultSource = dictionary.intern(Database.unsourcedTerm)
    }

    /// Rows `[0, n)` of relation `name` are stated facts.
    func statedCount(_ name: String) -> Int { statedCounts[name] ?? 0 }

    /// The index of a binary relation on one column (for triple/quad lookups).
    func binaryIndex(_ r: Relation, column: Int) -> Int { r.index(on: [column]) }

    /// Per binary relation, its stated rows (ascending) by the source each is cited under.
    private var statedRowsBySource: [ObjectIdentifier: [TermID: [Int32]]] = [:]

    /// The stated rows of `r` (below `stated`) cited under `source`: what `quad/4` with its
    /// source bound and S and O free reads, instead of every row of every binary relation
    /// once per source (`stated_in`'s rule did that). Built on first use: stated rows do
    /// not change during an evaluation.
    func statedRows(of r: Relation, citedBy source: TermID, stated: Int) -> [Int32] {
        let key = ObjectIdentifier(r)
        if let bySource = statedRowsBySource[key] { return bySource[source] ?? [] }
        var bySource: [TermID: [Int32]] = [:]
        for (row, sources) in r.sources where Int(row) < stated {
            for g in sources { bySource[g, default: []].append(row) }
        }
        bySource = bySource.mapValues { $0.sorted() }
        statedRowsBySource[key] = bySource
        return bySource[source] ?? []
    }

    /// Called often from the join loops: every 4096 calls, checks cancellation and the clock.
    @inline(__always)
    func tick() throws {
        ticks &+= 1
        if ticks & 0xFFF == 0 { try checkInterrupts() }
    }

    /// True when evaluation must stop (cancelled or out of time), without throwing.
    func limitReached() -> Bool {
        if limits.isCancelled() { return true }
        if let timeout = limits.timeout { return Date().timeIntervalSince(started) > timeout }
        return false
    }

    func checkInterrupts() throws {
        if limits.isCancelled() {
            throw EvaluationError(.cancelled(predicate: currentPredicate),
                                  "evaluation cancelled" + (currentPredicate.map { " while deriving \($0)" } ?? ""), at: currentRange)
        }
        if let timeout = limits.timeout, Date().timeIntervalSince(started) > timeout {
            throw EvaluationError(.timeout(seconds: timeout, predicate: currentPredicate),
                                  "evaluation stopped after the \(timeout)-second time limit" + (currentPredicate.map { " while deriving \($0); is it growing without bound?" } ?? ""), at: currentRange)
        }
    }
}

/// `= != < <= > >=` between terms. Numbers compare by value across integers and decimals
/// (`1 = 1.0`), dates chronologically, strings by code points; `<` and friends between terms
/// of different kinds are false (and `!=` true).
enum Comparison {
    static func holds(_ op: ComparisonOperator, _ a: Term, _ b: Term) -> Bool {
        let c: Int
        if let x = a.numericValue, let y = b.numericValue {
            c = TermOrder.compareNumbers(x, y)
        } else if a == b {
            c = 0
        } else if TermOrder.comparable(a, b) {
            c = TermOrder.compare(a, b)
        } else {
            return op == .notEqual
        }
        switch op {
        case .equal: return c == 0
        case .notEqual: return c != 0
        case .less: return c < 0
        case .lessOrEqual: return c <= 0
        case .greater: return c > 0
        case .greaterOrEqual: return c >= 0
        }
    }
}
