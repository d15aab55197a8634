import Testing
@testable import KGLanguage

/// The one clause of `text`, parsed without errors.
private func clause(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Clause? {
    let (statements, diagnostics) = Parser.parse(SourceFile(name: "t.dl", text: text))
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))", sourceLocation: sourceLocation)
    guard case .clause(let c)? = statements.first else { return nil }
    return c
}

private func query(_ text: String) -> Query? {
    guard case .query(let q)? = Parser.parse(SourceFile(name: "t.dl", text: text)).statements.first else { return nil }
    return q
}

/// Each branch of a clause as `label | body`.
private func branches(_ text: String) -> [String] {
    (clause(text)?.branches() ?? []).map { c in
        (c.branch?.label ?? "-") + " | " + c.body.map(ASTPrinter.literal).joined(separator: ", ")
    }
}

/// The first body aggregate of a conjunction.
private func firstAggregate(_ body: [Literal]) -> BodyAggregate? {
    for literal in body { if case .aggregate(let g) = literal { return g } }
    return nil
}

@Suite struct DisjunctionTests {
    @Test func aClauseWithoutSemicolonIsItsOwnOnlyBranch() {
        #expect(branches("p(X) :- a(X), b(X).") == ["- | a(X), b(X)"])
    }

    @Test func branchesComeInOrderKeepingTheLiteralsAround() {
        #expect(branches("p(X) :- a(X), (b(X) ; c(X)), d(X).") == [
            "branch 1 of 2: b(X) | a(X), b(X), d(X)",
            "branch 2 of 2: c(X) | a(X), c(X), d(X)",
        ])
    }

    @Test func disjunctionsMultiply() {
        #expect(branches("p(X) :- (a(X) ; b(X)), (c(X) ; d(X), e(X)).") == [
            "branch 1 of 4: a(X); c(X) | a(X), c(X)",
            "branch 2 of 4: a(X); d(X), e(X) | a(X), d(X), e(X)",
            "branch 3 of 4: b(X); c(X) | b(X), c(X)",
            "branch 4 of 4: b(X); d(X), e(X) | b(X), d(X), e(X)",
        ])
        #expect(branches("p(X) :- a(X) ; (b(X) ; c(X)), d(X).").count == 3)
        #expect(Disjunction.count(of: clause("p(X) :- (a(X) ; b(X)), (c(X) ; d(X) ; e(X)).")?.body ?? []) == 6)
    }

    @Test func branchesKeepTheClauseRange() {
        let all = clause("p(X) :- a(X) ; b(X).")?.branches() ?? []
        #expect(all.count == 2)
        #expect(all.allSatisfy { $0.range.text == "p(X) :- a(X) ; b(X)." })
        #expect(all.map { $0.branch?.index } == [0, 1])
    }

    @Test func longAlternativesAreShortenedInLabels() {
        let long = (0..<12).map { "a\($0)(X)" }.joined(separator: ", ")
        let label = clause("p(X) :- q(X) ; \(long).")?.branches().last?.branch?.label ?? ""
        #expect(label.hasPrefix("branch 2 of 2: a0(X), a1(X)"))
        #expect(label.hasSuffix("…"))
        #expect(label.count <= "branch 2 of 2: ".count + 60)
    }

    @Test func groupingKeysAreTheVariablesSharedWithTheRestOfTheRule() {
        let c = clause("p(S, N) :- s(S), N = count : { shared_by(P, S), at(P, M) }.")?.branches().first
        #expect(firstAggregate(c?.body ?? [])?.keys == ["S"])
        // The head counts as outside: a variable only the head and the aggregate use is a key
        // (that nothing binds, which the safety check reports).
        let d = clause("p(P, N) :- N = count : { shared_by(P, S) }.")?.branches().first
        #expect(firstAggregate(d?.body ?? [])?.keys == ["P"])
    }

    @Test func keysAreFoundPerBranch() {
        let all = clause("p(X, N) :- a(X), (N = count : { q(X, Y) } ; b(Y), N = count : { q(X, Y) }).")?.branches() ?? []
        #expect(all.map { firstAggregate($0.body)?.keys ?? [] } == [["X"], ["X", "Y"]])
    }

    @Test func nestedAggregatesResolveTheirOwnKeys() {
        let c = clause("p(N) :- N = count : { s(S), K = count : { sh(P, S) }, K > 1 }.")?.branches().first
        let outer = firstAggregate(c?.body ?? [])
        #expect(outer?.keys == [])
        let inner = firstAggregate(outer?.branches.first?.body ?? [])
        #expect(inner?.keys == ["S"])
    }

    @Test func aggregateBodiesMultiplyOutToo() {
        let c = clause("p(N) :- N = count : { a(X) ; b(X) }.")?.branches() ?? []
        #expect(c.count == 1)
        let inner = firstAggregate(c.first?.body ?? [])?.branches ?? []
        #expect(inner.map { $0.body.map(ASTPrinter.literal).joined(separator: ", ") } == ["a(X)", "b(X)"])
        #expect(inner.map { $0.branch?.label ?? "" } == ["branch 1 of 2: a(X)", "branch 2 of 2: b(X)"])
    }

    @Test func queryColumnsLeaveOutAggregateLocals() {
        #expect(query("?- s(S), N = count : { shared_by(P, S) }, _Y = 1.")?.columns == ["S", "N"])
        #expect(query("?- a(X) ; b(X, Y).")?.columns == ["X", "Y"])
        #expect(query("?- a(X) ; b(X, Y).")?.branches.count == 2)
    }

    @Test func allAtomsReachInsideEverything() {
        let c = clause("p(X) :- (a(X) ; not b(X)), N = count : { c(X, Y), cited(d(Y), G) }, N > 0.")
        #expect((c?.body ?? []).allAtoms.map(\.predicate) == ["a", "b", "c", "d"])
    }
}
