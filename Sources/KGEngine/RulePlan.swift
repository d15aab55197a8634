import KGLanguage
import KGStore

/// How one argument of a planned atom is used when the step runs.
struct ArgOp {
    enum Kind: UInt8 {
        /// Must equal the constant term id `value`.
        case constant
        /// Must equal register `value` (bound earlier).
        case bound
        /// Binds register `value` (first occurrence of the variable).
        case bind
        /// Must equal register `value`, bound earlier in this same atom (`p(X, X)`).
        case check
        /// Matches anything (`_`).
        case ignore
        /// Must equal the value of expression `value` (bound earlier).
        case computed
    }
    var kind: Kind
    var value: Int

    /// True when the argument is known before the step runs (part of an index key).
    var isKey: Bool { kind == .constant || kind == .bound || kind == .computed }
}

/// One step of a rule's nested-loop join. Steps are plain values in one array; their
/// argument ops live in the plan's flat `ops` array (`args` is a range into it), so the join
/// loop touches no reference-counted storage per tuple.
struct Step {
    enum Kind: UInt8 {
        /// Enumerate rows of `relation` matching the key (index lookup, or a scan).
        case scan
        /// Continue only if no row of `relation` matches.
        case negation
        /// `triple(S, P, O)` over every binary relation (`relations` range).
        case triple
        /// `quad(S, P, O, G)` over stated binary facts.
        case quad
        /// A comparison or assignment (`exprs` holds both sides).
        case compare
        case assign
        /// A built-in test or function.
        case builtin
        /// A built-in or triple/quad under `not`.
        case negatedSpecial
        /// Never matches (a constant that the data has never seen).
        case fail
        /// A body aggregate (`target` indexes `RulePlan.bodyAggregates`): runs its inner body
        /// for the current bindings, then binds or compares the result.
        case bodyAggregate
        /// `cited(p(...), G)`: stated rows of `relation` with their sources; the last op is G.
        case cited
        /// `not cited(p(...), G)`.
        case negatedCited
        /// `range(Lo, Hi, X)`: the integers Lo..Hi.
        case range
        /// Counts (and times) the bindings reaching plan step `target` (explanations only:
        /// the executor inserts these when it has a `StepProbe`; plans never hold them).
        case count
    }
    var kind: Kind
    /// Index into `RulePlan.relations` (scan, negation).
    var relation = -1
    /// Range of `RulePlan.ops`.
    var args: Range<Int> = 0..<0
    /// Columns forming the index key, as a range of `RulePlan.keyColumns`.
    var keys: Range<Int> = 0..<0
    /// The relation's index number for those key columns (-1: no key, full scan).
    var index = -1
    /// True when the scan reads only the delta (rows added in the previous round).
    var delta = false
    /// Comparison operator (compare) and expression indexes.
    var comparison: ComparisonOperator = .equal
    var left = -1, right = -1
    /// Register written by an assignment.
    var target = -1
    /// For a comparison of two variables: their registers (else -1), compared as ids.
    var leftSlot = -1, rightSlot = -1
    /// The literal (for built-ins and errors).
    var literal = -1
}

/// What a head argument is made of.
enum HeadOp {
    case slot(Int)
    case constant(TermID)
    case expr(Int)
    case aggregate(AggregateKind, [Int])
}

/// A rule compiled for one evaluation: its join order as steps over registers, and the head
/// it derives. A recursive rule has one plan per body atom of its own stratum (the delta
/// variant that reads only the new facts there).
final class RulePlan {
    let clause: Clause
    let ruleIndex: Int
    var slotCount = 0
    /// Variable names by slot (anonymous ones as `_`), for explanations.
    var slotNames: [String] = []
    var steps: [Step] = []
    var ops: [ArgOp] = []
    var keyColumns: [Int] = []
    var exprs: [CompiledExpr] = []
    var relations: [Relation] = []
    var relationNames: [String] = []
    /// For triple/quad: (predicate id, relation) of the binary relations it ranges over.
    var binaryRelations: [(TermID, Relation, String)] = []
    /// Names of binary relations whose delta a triple step in delta mode reads.
    var deltaBinary: Set<String> = []
    var head: [HeadOp] = []
    var headRelation: Relation
    var literals: [Literal] = []
    /// Source order index of each body literal placed at each step.
    var order: [Int] = []
    /// Body aggregates, by `Step.target` of their `.bodyAggregate` step.
    var bodyAggregates: [BodyAggregatePlan] = []
    /// The registers this plan's own literals bind, in order (not those local to its body
    /// aggregates, which are numbered in the same register file but hold nothing afterwards).
    var levelSlots: [Int] = []

    init(clause: Clause, ruleIndex: Int, headRelation: Relation) {
        self.clause = clause
        self.ruleIndex = ruleIndex
        self.headRelation = headRelation
    }

    /// True when distinct solutions of the body give distinct head tuples: the head is only
    /// variables and constants and names every register. Every argument of a positive atom
    /// has a register (`_` too), and the join enumerates each combination of rows once, so
    /// two solutions differ in some register, hence in the head.
    var headIsDistinct: Bool {
        var named = Set<Int>()
        for op in head {
            switch op {
            case .slot(let s): named.insert(s)
            case .constant: break
            case .expr, .aggregate: return false
            }
        }
        return named.count == slotCount
    }

    var hasAggregate: Bool {
        head.contains { if case .aggregate = $0 { return true } else { return false } }
    }
}
