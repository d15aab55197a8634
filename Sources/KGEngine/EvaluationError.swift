import KGLanguage

/// An error that stops evaluation: arithmetic gone wrong, a runaway program, a cancelled query.
/// Each carries the place in the program it comes from.
public struct EvaluationError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case integerOverflow
        case divisionByZero
        case notANumber
        case invalidRegex
        /// More derived facts than `EvaluationLimits.maxFacts`; names the growing predicate.
        case factLimit(predicate: String, limit: Int)
        case timeout(seconds: Double, predicate: String?)
        case cancelled(predicate: String?)
    }

    public let kind: Kind
    public let message: String
    public let range: SourceRange?

    public init(_ kind: Kind, _ message: String, at range: SourceRange?) {
        self.kind = kind
        self.message = message
        self.range = range
    }

    /// As a diagnostic, for the same file:line:col rendering as analysis errors.
    public var diagnostic: Diagnostic { .error(message, at: range) }

    public var description: String { diagnostic.description }
}

/// Bounds on one evaluation, so a program that grows without end stops with an error.
public struct EvaluationLimits: Sendable {
    /// Derived facts allowed in one evaluation (stated facts do not count).
    public var maxFacts: Int
    /// Wall-clock seconds allowed, or nil for none.
    public var timeout: Double?
    /// Polled during evaluation; returning true cancels it (Ctrl-C in the REPL).
    public var isCancelled: @Sendable () -> Bool

    public init(maxFacts: Int = 20_000_000, timeout: Double? = nil, isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.maxFacts = maxFacts
        self.timeout = timeout
        self.isCancelled = isCancelled
    }
}
