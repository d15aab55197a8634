import KGEngine
import Synchronization

/// The time limit of the request a worker is answering. The evaluator polls
/// `EvaluationLimits.isCancelled` from its join loops; a replica's limits ask this deadline,
/// which the worker arms before each request and disarms after it, so `--timeout` bounds
/// each request (the evaluator's own `timeout` counts from the start of the evaluation,
/// which for a server is when it started).
final class QueryDeadline: Sendable {
    private let deadline = Atomic<UInt64>(.max)

    /// Starts the clock: `seconds` from now.
    func arm(seconds: Double) {
        deadline.store(MonotonicClock.now() &+ MonotonicClock.nanoseconds(seconds), ordering: .relaxed)
    }

    func disarm() { deadline.store(.max, ordering: .relaxed) }

    var expired: Bool { MonotonicClock.now() > deadline.load(ordering: .relaxed) }

    /// Evaluation limits for a replica: `maxFacts`, and this deadline as the cancellation.
    func limits(maxFacts: Int) -> EvaluationLimits {
        EvaluationLimits(maxFacts: maxFacts, timeout: nil, isCancelled: { [self] in expired })
    }
}
