import KGAnalysis
import KGLanguage
import KGStore

/// Collects what `kg explain` and `:plan` show: for each stratum in the order evaluated,
/// each plan the evaluator ran (a rule, or one semi-naive variant of a recursive rule) with
/// its join order, the access each step makes, and — from the executor's `StepProbe` — rows
/// in and out and time per step; and the same for queries answered with it.
///
/// Set `Evaluator.profiler` before `evaluate()`, and pass it to `answer(_:profiler:)`.
public final class EvaluationProfiler {
    public let timed: Bool
    private struct Entry {
        let plan: RulePlan
        let probe: StepProbe
    }
    private struct StratumEntry {
        let predicates: [String]
        let isRecursive: Bool
        var plans: [Entry] = []
        var rounds = 0
        var nanoseconds: UInt64 = 0
    }
    private var strataEntries: [StratumEntry] = []
    private var queryEntries: [Entry] = []
    private var probes: [ObjectIdentifier: StepProbe] = [:]

    /// `timed`: also measure time per step (slower; counts are exact either way).
    public init(timed: Bool = true) {
        self.timed = timed
    }

    func beginStratum(_ stratum: Stratum) {
        strataEntries.append(StratumEntry(predicates: stratum.predicates, isRecursive: stratum.isRecursive))
    }

    func endStratum(rounds: Int, nanoseconds: UInt64) {
        guard !strataEntries.isEmpty else { return }
        strataEntries[strataEntries.count - 1].rounds = rounds
        strataEntries[strataEntries.count - 1].nanoseconds = nanoseconds
    }

    /// The probe of a rule's plan (made on its first run, kept across rounds).
    func probe(for plan: RulePlan) -> StepProbe {
        if let p = probes[ObjectIdentifier(plan)] { return p }
        let p = StepProbe(plan: plan, timed: timed)
        probes[ObjectIdentifier(plan)] = p
        if strataEntries.isEmpty { strataEntries.append(StratumEntry(predicates: [], isRecursive: false)) }
        strataEntries[strataEntries.count - 1].plans.append(Entry(plan: plan, probe: p))
        return p
    }

    /// A fresh probe for a query's plan.
    func queryProbe(for plan: RulePlan) -> StepProbe {
        let p = StepProbe(plan: plan, timed: timed)
        queryEntries.append(Entry(plan: plan, probe: p))
        return p
    }

    /// The strata evaluated, in order, with their plans.
    public var strata: [StratumProfile] {
        strataEntries.map { e in
            StratumProfile(predicates: e.predicates, isRecursive: e.isRecursive, rounds: e.rounds, nanoseconds: e.nanoseconds,
                           plans: e.plans.map { PlanDescription.profile($0.plan, $0.probe, recursive: e.isRecursive) })
        }
    }

    /// The queries answered with this profiler, in order.
    public var queries: [PlanProfile] {
        queryEntries.map { PlanDescription.profile($0.plan, $0.probe, recursive: false) }
    }
}

/// One stratum as evaluated.
public struct StratumProfile: Sendable {
    public let predicates: [String]
    public let isRecursive: Bool
    /// Rounds run (1 for a stratum without recursion).
    public let rounds: Int
    public let nanoseconds: UInt64
    public let plans: [PlanProfile]
}

/// One plan as run: a rule (or a semi-naive variant of it) or a query.
public struct PlanProfile: Sendable {
    /// The rule or query as written.
    public let text: String
    /// `file:line:col` of the rule (nil for a query).
    public let location: String?
    /// For one branch of a body with `;`: which (`branch.label` is `branch 1 of 2: p(X)`);
    /// nil otherwise.
    public let branch: Branch?
    /// For a recursive stratum: "first round", or "later rounds, delta of p(X, Y)".
    public let variant: String?
    public let steps: [StepProfile]
    /// The head: what a solution derives (a rule's head, a query's columns).
    public let head: String
    /// Solutions of the body, and the facts they added (a rule) or distinct rows (a query).
    public let solutions: Int
    public let produced: Int
    public let headNanoseconds: UInt64
    /// Times the plan ran (once per round that had new facts for it).
    public let runs: Int
    /// Remarks on how the plan was made (the engine adds them, e.g. a demand transformation).
    public var notes: [String] = []
}

/// One step of a plan: the literal placed there in the join order and how it is evaluated.
public struct StepProfile: Sendable {
    public let literal: String
    /// Where the literal is written.
    public let range: SourceRange?
    /// What kind of step it is, for sentences about it.
    public let kind: Kind
    public enum Kind: Sendable { case match, filter, exclude, aggregate }
    /// The access it makes: "scan member_of", "index type on arg 1", "filter", ...
    public let access: String
    public let rowsIn: Int
    public let rowsOut: Int
    /// Time in the step itself, deeper steps excluded; an aggregate's includes its body's.
    public let nanoseconds: UInt64
    /// For a body aggregate: its inner body's sub-plans, one per branch, whose steps ran for
    /// each binding that reached the aggregate.
    public let aggregate: [AggregateBranchProfile]
}

/// One branch of a body aggregate's inner body as run: its steps in join order, counted over
/// every run of the aggregate, and the solutions the aggregate took in.
public struct AggregateBranchProfile: Sendable {
    /// `branch 1 of 2: r(X, V)` when the inner body has `;`; nil otherwise.
    public let branch: String?
    public let steps: [StepProfile]
    public let solutions: Int
}
