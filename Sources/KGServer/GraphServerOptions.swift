/// What `kg serve` does per request, beside the transport's limits.
public struct GraphServerOptions: Sendable {
    /// Seconds one request may evaluate (a query, a proof) before it stops with an error
    /// (the evaluation of the graph at start is bounded by `maxFacts` only).
    public var timeout = 10.0
    /// Facts derived when the graph is evaluated at start, and rows of one answer.
    public var maxFacts = 1_000_000
    /// The folder of the source documents (`--docs`), for passages beside proofs.
    public var docsDirectory: String?
    public init() {}
}
