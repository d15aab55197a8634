import Testing
import KGLanguage
@testable import KGAnalysis

/// The safety diagnostics of the single rule (or query) in `text`, as `line:col: message`.
private func safety(_ text: String) -> [String] {
    let p = ParsedProgram(text)
    if let rule = p.rules.first { return SafetyChecker.check(head: rule.head, body: rule.body).map(describe) }
    if let query = p.queries.first { return SafetyChecker.check(head: nil, body: query.body).map(describe) }
    Issue.record("no rule or query in \(text)")
    return []
}

/// The variable a safety message names (the first quoted name).
private func variableNamed(in message: String) -> String {
    let parts = message.split(separator: "'", omittingEmptySubsequences: false)
    return parts.count > 1 ? String(parts[1]) : message
}

@Suite struct SafetyCheckerTests {
    @Test func headVariableMissingFromTheBody() {
        #expect(safety("p(X, Y) :- q(X).") == [
            "1:6: error: unsafe variable 'Y' in the head: it appears in no positive atom of the body",
        ])
    }

    @Test func variableOnlyInANegatedAtom() {
        #expect(safety("ok(X) :- person(X), not banned(X, Y).") == [
            "1:35: error: unsafe variable 'Y': it appears only in a negated atom",
        ])
        #expect(safety("ok(X) :- person(X), !banned(X, Y).") == [
            "1:32: error: unsafe variable 'Y': it appears only in a negated atom",
        ])
    }

    @Test func variableOnlyInAComparison() {
        #expect(safety("p(X) :- q(X), Y > 3.") == ["1:15: error: unsafe variable 'Y': it appears only in a comparison"])
        #expect(safety("p(X) :- q(X), X < Y.") == ["1:19: error: unsafe variable 'Y': it appears only in a comparison"])
        // `Y = Z` binds neither when both are unbound.
        #expect(safety("p(X) :- q(X), Y = Z.") == [
            "1:19: error: unsafe variable 'Z': it appears only in a comparison",
        ])
    }

    @Test func variableInNegationAndComparisonButNoPositiveAtom() {
        #expect(safety("p(X) :- q(X), not r(Y), Y < 3.") == [
            "1:21: error: unsafe variable 'Y': it appears in no positive atom of the body",
        ])
    }

    @Test func unboundBuiltinInputs() {
        #expect(safety("p(X) :- q(X), contains(S, \"a\").") == [
            "1:24: error: unbound built-in input 'S' of contains(S, Sub): bind it in a positive atom before the built-in can run",
        ])
        // The built-in cannot run, so its output does not bind the head variable either.
        #expect(safety("p(L) :- lower(S, L).") == [
            "1:15: error: unbound built-in input 'S' of lower(S, L): bind it in a positive atom before the built-in can run",
            "1:3: error: unsafe variable 'L' in the head: it appears in no positive atom of the body",
        ])
        #expect(safety("p(C) :- q(A), concat(A, B, C).") == [
            "1:25: error: unbound built-in input 'B' of concat(A, B, C): bind it in a positive atom before the built-in can run",
            "1:3: error: unsafe variable 'C' in the head: it appears in no positive atom of the body",
        ])
    }

    @Test func builtinOutputsBind() {
        #expect(safety("p(L) :- q(S), lower(S, L).") == [])
        #expect(safety("p(N) :- q(S), length(S, N).") == [])
        #expect(safety("p(S, P, O) :- triple(S, P, O).") == [])
        #expect(safety("p(S, G) :- quad(S, _, _, G).") == [])
    }

    @Test func anonymousVariableInNegationIsSafe() {
        #expect(safety("ok(X) :- person(X), not banned(X, _).") == [])
        #expect(safety("ok(X) :- person(X), not banned(_, _).") == [])
    }

    @Test func assignmentsBind() {
        #expect(safety("p(X, Y) :- q(X), Y = X + 1.") == [])
        #expect(safety("p(X, Y) :- q(X), X + 1 = Y.") == [])
        #expect(safety("p(Z) :- q(X), Y = X * 2, Z = Y - 1.") == [])
        #expect(safety("double(X, X * 2) :- num(X).") == [])
        // An expression on the unbound side is not an assignment.
        #expect(safety("p(X) :- q(X), X = Y + 1.") == ["1:19: error: unsafe variable 'Y': it appears only in a comparison"])
    }

    @Test func aggregateVariablesMustBeBound() {
        #expect(safety("c(S, count<P>) :- shared_by(P, S).") == [])
        #expect(safety("c(S, count<P, Q>) :- shared_by(P, S).") == [
            "1:6: error: unsafe variable 'Q' in the head: it appears in no positive atom of the body",
        ])
    }

    @Test func factsCannotHoldVariables() {
        #expect(safety("p(X) :- q(a).") == [
            "1:3: error: unsafe variable 'X' in the head: it appears in no positive atom of the body",
        ])
        let p = ParsedProgram("p(a, X).")
        let rule = p.rules[0]
        #expect(SafetyChecker.check(head: rule.head, body: rule.body).map(describe) == [
            "1:6: error: unsafe variable 'X' in the head: a fact cannot contain variables; give a constant, or add a body that binds 'X'",
        ])
    }

    @Test func anonymousInHeadIsAnError() {
        #expect(safety("p(X, _) :- q(X).") == ["1:6: error: '_' cannot appear in a head: every head argument needs a value"])
    }

    @Test func queriesAreCheckedToo() {
        #expect(safety("?- person(X), not banned(X, Y).") == ["1:29: error: unsafe variable 'Y': it appears only in a negated atom"])
        #expect(safety("?- person(X), not banned(X, _).") == [])
    }

    @Test func eachUnsafeVariableIsReportedOnce() {
        #expect(safety("p(X, Y) :- q(X), not r(Y), not s(Y).") == [
            "1:24: error: unsafe variable 'Y': it appears only in a negated atom",
        ])
    }

    static let bodies = [
        "p(X, Z) :- q(X, Y), r(Y, Z), not s(X), X != Z.",
        "p(X, Y) :- q(X), Y = X + 1, Y < 10, not r(Y).",
        "p(L) :- q(S), lower(S, L), contains(L, \"a\"), not r(L).",
        "p(N) :- q(S), length(S, M), N = M * 2, N > 3.",
        "p(X) :- q(X), not banned(X, Y), Y = 1.",
        "p(X) :- q(X), Y > 3, not r(Y).",
        "p(C) :- q(A), concat(A, B, C), r(B).",
        "p(X) :- q(X), contains(S, X), not r(S).",
        "ok(X) :- person(X), not banned(X, _), triple(X, P, O), P != O.",
    ]

    @Test(arguments: bodies)
    func verdictDoesNotDependOnBodyOrder(rule: String) throws {
        let p = ParsedProgram(rule)
        let clause = try #require(p.rules.first)
        // The verdict and the variables named are the same for every order (the wording may
        // differ: the first literal left unrunnable in body order explains the problem).
        let reference = Set(SafetyChecker.check(head: clause.head, body: clause.body).map { variableNamed(in: $0.message) })
        for body in permutations(clause.body) {
            let named = Set(SafetyChecker.check(head: clause.head, body: body).map { variableNamed(in: $0.message) })
            #expect(named == reference, "order: \(body.map(\.range.text))")
        }
    }

    @Test func permutationExamplesHaveTheExpectedVerdicts() throws {
        let verdicts = Self.bodies.map { text -> Bool in
            let p = ParsedProgram(text)
            return SafetyChecker.check(head: p.rules[0].head, body: p.rules[0].body).isEmpty
        }
        #expect(verdicts == [true, true, true, true, true, false, true, false, true])
    }

    // MARK: - Branches and body aggregates

    /// Every error of the program (all branches of every rule, every query).
    private func errors(_ text: String) -> [String] { ParsedProgram(text).messages().filter { $0.contains(": error: ") } }

    @Test func eachBranchMustBindWhatTheHeadNeeds() {
        #expect(errors("p(X, Y) :- a(X) ; b(X, Y).") == [
            "1:6: error: unsafe variable 'Y' in the head: it appears in no positive atom of branch 1 of 2: a(X)",
        ])
        #expect(errors("p(X) :- (a(X) ; b(Y)), Y > 1.") == [
            "1:3: error: unsafe variable 'X' in the head: it appears in no positive atom of branch 2 of 2: b(Y)",
            "1:24: error: unsafe variable 'Y': it appears only in a comparison (in branch 1 of 2: a(X))",
        ])
    }

    @Test func aProblemOfEveryBranchIsReportedOnce() {
        #expect(errors("p(X, Z) :- a(X) ; b(X).") == [
            "1:6: error: unsafe variable 'Z' in the head: it appears in no positive atom of the body",
        ])
    }

    @Test func everyBranchOfAQueryBindsEveryColumn() {
        #expect(errors("?- a(X) ; b(X, Y).") == [
            "1:16: error: variable 'Y' is a column of the answer, so every branch must bind it, but it appears in no positive atom of branch 1 of 2: a(X)",
        ])
        #expect(errors("?- a(X) ; b(X, _Y).").isEmpty)
    }

    @Test func groupingKeysMayBeBoundAfterTheAggregateIsWritten() {
        #expect(safety("p(S, N) :- N = count : { q(P, S) }, s(S).").isEmpty)
        #expect(safety("?- N = count : { q(P, S) }, s(S), N > 1.").isEmpty)
    }

    @Test func theAggregateBodyIsCheckedWithItsKeysBound() {
        #expect(errors("p(S, N) :- s(S), N = count : { q(P, S), Y > 1 }.") == [
            "1:41: error: unsafe variable 'Y': it appears only in a comparison",
        ])
        #expect(errors("p(S, N) :- s(S), N = count : { q(P, S) ; r(S) , Z < 2 }.") == [
            "1:49: error: unsafe variable 'Z': it appears only in a comparison (in branch 2 of 2: r(S) , Z < 2)",
        ])
    }

    @Test func localVariablesMayNotBeUsedOutside() {
        #expect(errors("p(P, N) :- s(S), N = count : { q(P, S) }.") == [
            "1:3: error: variable 'P' is local to count : { ... } (only its body binds it), so the head cannot use it; to group by P, bind it outside the aggregate too",
        ])
    }

    @Test func twoAggregatesMayReuseALocalName() {
        #expect(errors("p(B, F, L) :- b(B), F = min D : { met(B, D) }, L = max D : { met(B, D) }.").isEmpty)
    }
}
