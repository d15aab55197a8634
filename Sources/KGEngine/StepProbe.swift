#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counters for one plan's steps, filled by an `Executor` whose `probe` is set (see there).
///
/// `entries[i]` counts how often step i was entered — the bindings that reached it, its
/// "rows in"; step i's "rows out" is `entries[i + 1]`, and `entries[steps.count]` counts the
/// body's solutions. Summed over every run of the plan (each round of a recursive stratum).
/// `selfNanoseconds[i]` is the time spent in step i itself, deeper steps excluded (only when
/// `timed`; reading the clock twice per step entered makes a timed run several times slower,
/// so the times compare steps with each other rather than measure a normal run).
public final class StepProbe {
    public let timed: Bool
    public internal(set) var entries: [Int]
    public internal(set) var selfNanoseconds: [UInt64]
    /// Time of the deeper steps of the step being timed (bookkeeping).
    var nestedNanoseconds: UInt64 = 0
    /// Runs of the plan, and the facts they added (rules) or the distinct rows (queries).
    public internal(set) var runs = 0
    public internal(set) var produced = 0
    /// The probes of the plan's body aggregates, by `Step.target` of their step, one per
    /// branch of the aggregate's inner body: an executor with this probe gives them to the
    /// sub-executors that run those bodies, so their steps are counted too.
    let aggregates: [[StepProbe]]

    /// Counters for `plan`'s steps and, recursively, for its body aggregates' sub-plans.
    init(plan: RulePlan, timed: Bool) {
        self.timed = timed
        entries = [Int](repeating: 0, count: plan.steps.count + 1)
        selfNanoseconds = [UInt64](repeating: 0, count: plan.steps.count + 1)
        aggregates = plan.bodyAggregates.map { a in a.branches.map { StepProbe(plan: $0, timed: timed) } }
    }

    /// A monotonic clock in nanoseconds.
    @inline(__always)
    static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec)
    }
}
