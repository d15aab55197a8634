import Testing
import KGEngine
import KnowledgeGraph

/// Session options with a small derived-fact limit.
private func limited(_ maxFacts: Int) -> Session.Options {
    var options = Session.Options()
    options.limits.maxFacts = maxFacts
    return options
}

@Suite struct LimitTests {
    @Test func runawayRecursionStopsAtTheFactLimitNamingThePredicate() throws {
        let e = try #require(evaluationError("""
            nat(0).
            nat(N + 1) :- nat(N).
            ?- nat(X).
            """, options: limited(100)))
        #expect(e.kind == .factLimit(predicate: "nat", limit: 100))
        #expect(e.message == "evaluation stopped: more than 100 derived facts; nat/1 is still growing (raise the limit with --max-facts, or check the rule for arithmetic in a recursive head)")
        #expect(e.range?.location == "t.dl:2:1")
    }

    @Test func theGrowingPredicateIsNamedNotAnother() throws {
        let e = try #require(evaluationError("""
            seed(0). item(a). item(b). item(c).
            pairs(X, Y) :- item(X), item(Y).
            counter(N + 1) :- counter(N).
            counter(N) :- seed(N).
            ?- pairs(X, Y).
            """, options: limited(50)))
        #expect(e.kind == .factLimit(predicate: "counter", limit: 50))
    }

    @Test func programsUnderTheLimitFinish() throws {
        let all = try answers("""
            nat(0).
            nat(M) :- nat(N), N < 20, M = N + 1.
            ?- nat(X), X > 18.
            """, options: limited(21))
        #expect(all.map(rows) == [["19", "20"]])
    }

    @Test func statedFactsDoNotCountTowardsTheLimit() throws {
        let facts = (0..<200).map { "n(\($0))." }.joined(separator: " ")
        let all = try answers("\(facts)\nsmall(X) :- n(X), X < 5.\n?- small(X).", options: limited(10))
        #expect(all.map(rows) == [["0", "1", "2", "3", "4"]])
    }

    @Test func sessionStaysUsableAfterHittingTheLimit() throws {
        let session = Session(options: limited(100))
        let r = session.load(text: "nat(0). nat(N + 1) :- nat(N). ?- nat(X).", name: "t.dl")
        #expect(!r.hasErrors)
        #expect(throws: EvaluationError.self) { try session.answer(r.queries[0]) }
        // Raising the limit does not make a runaway program finish, but the session answers
        // again with the same error rather than crashing or hanging.
        #expect(throws: EvaluationError.self) { try session.answer(r.queries[0]) }
        let other = Session(options: limited(100))
        let ok = other.load(text: "n(1). ?- n(X).", name: "u.dl")
        #expect(rows(try other.answer(ok.queries[0])) == ["1"])
    }

    @Test func timeoutStopsEvaluation() throws {
        var options = Session.Options()
        options.limits.timeout = 0.2
        let e = try #require(evaluationError("nat(0). nat(N + 1) :- nat(N). ?- nat(X).", options: options))
        guard case .timeout(let seconds, let predicate) = e.kind else {
            Issue.record("expected a timeout, got \(e.kind)")
            return
        }
        #expect(seconds == 0.2)
        #expect(predicate == "nat/1")
    }

    @Test func cancellationStopsEvaluation() throws {
        var options = Session.Options()
        options.limits.isCancelled = { true }
        let e = try #require(evaluationError("nat(0). nat(N + 1) :- nat(N). ?- nat(X).", options: options))
        #expect(e.kind == .cancelled(predicate: "nat/1"))
        #expect(e.message == "evaluation cancelled while deriving nat/1")
    }
}
