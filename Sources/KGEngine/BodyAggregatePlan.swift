import KGLanguage
import KGStore

/// A body aggregate compiled: one sub-plan per branch of its inner body, planned with the
/// grouping keys already bound and numbered in the enclosing rule's register file, so the inner
/// body runs over the same registers and its scans go through indexes on the keys.
final class BodyAggregatePlan {
    let kind: AggregateKind
    let op: ComparisonOperator
    let aggregateOnLeft: Bool
    /// `count : { ... }` as written, and the aggregated expression (for errors).
    let range: SourceRange
    let targetRange: SourceRange?
    /// One sub-plan per branch of the inner body.
    var branches: [RulePlan] = []
    /// Per branch: which branch of a `;` in the inner body it is (`branch 1 of 2: …`), nil
    /// when the body has no `;` (explanations).
    var branchLabels: [String?] = []
    /// Per branch: the index in that branch plan's `exprs` of the aggregated expression (-1
    /// for count).
    var targets: [Int] = []
    /// The registers that make a binding distinct (count: the named local variables; sum and
    /// mean: every local variable), and per branch which of them it binds (a register a branch
    /// leaves unbound counts as unbound, not as its stale value).
    var distinctSlots: [Int] = []
    var branchBinds: [[Bool]] = []
    /// False when every solution is distinct by construction (one branch whose solutions
    /// differ in the counted registers), so no set is needed.
    var needsDistinctSet = true
    /// The register the result is bound to, or -1 when it is compared with `other` (an index
    /// of the enclosing plan's `exprs`).
    var resultSlot = -1
    var other = -1

    init(kind: AggregateKind, op: ComparisonOperator, aggregateOnLeft: Bool, range: SourceRange, targetRange: SourceRange?) {
        self.kind = kind
        self.op = op
        self.aggregateOnLeft = aggregateOnLeft
        self.range = range
        self.targetRange = targetRange
    }
}
