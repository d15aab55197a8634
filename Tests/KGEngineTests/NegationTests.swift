import Testing
import KnowledgeGraph

@Suite struct NegationTests {
    @Test func setDifference() throws {
        let out = try solve("""
            a(1). a(2). a(3). a(4).
            b(2). b(4). b(5).
            diff(X) :- a(X), not b(X).
            ?- diff(X).
            """)
        #expect(out == ["1", "3"])
    }

    /// `pair` and `lonely` keep every variable of their bodies, so their tuples are appended
    /// unchecked; the later strata still look them up, through negation and a join, and a
    /// second rule for `lonely` still deduplicates against the first.
    @Test func relationsAppendedUncheckedAreLookedUpLater() throws {
        let out = try solve("""
            n(1). n(2). n(3). e(1, 2). e(2, 3).
            pair(X, Y) :- n(X), n(Y).
            lonely(X, Y) :- pair(X, Y), not e(X, Y).
            lonely(X, Y) :- e(Y, X), n(X).
            joined(X) :- lonely(X, X), pair(X, 3).
            missing(X, Y) :- n(X), n(Y), not lonely(X, Y).
            ?- missing(X, Y).
            """)
        #expect(out == ["1, 2", "2, 3"])
        #expect(try solve("n(1). n(2). pair(X, Y) :- n(X), n(Y). j(X) :- pair(X, X). ?- j(X).") == ["1", "2"])
    }

    @Test func bangIsNegationToo() throws {
        #expect(try solve("a(1). a(2). b(2). d(X) :- a(X), !b(X). ?- d(X).") == ["1"])
    }

    @Test func winLoseOnAnAcyclicGraphIsRejectedAsNegationThroughRecursion() {
        // The classic game rule is not stratifiable, even on acyclic data.
        #expect(loadDiagnostics("""
            move(a, b). move(b, c). move(c, d).
            win(X) :- move(X, Y), not win(Y).
            """) == [
            "2:27: negation through recursion: win -> not win; a predicate cannot depend on its own negation or aggregate",
        ])
    }

    @Test func winLoseStratifiedByHand() throws {
        // Positions with no move are lost; a move into a lost position wins; a position whose
        // every move leads to a won position is lost (two levels of the game tree).
        let all = try answers("""
            move(a, b). move(a, c). move(b, d). move(c, e). move(e, f). move(g, a).
            position(X) :- move(X, _). position(Y) :- move(_, Y).
            has_move(X) :- move(X, _).
            lost0(X) :- position(X), not has_move(X).
            won1(X) :- move(X, Y), lost0(Y).
            escapes(X) :- move(X, Y), not won1(Y).
            lost2(X) :- has_move(X), not escapes(X).
            won3(X) :- move(X, Y), lost2(Y).
            ?- lost0(X).
            ?- won1(X).
            ?- lost2(X).
            ?- won3(X).
            """)
        #expect(all.map(rows) == [["d", "f"], ["b", "e"], ["c"], ["a"]])
    }

    @Test func anonymousVariableInNegationMeansNoneAtAll() throws {
        let out = try solve("""
            person(ana). person(ben). person(eva).
            banned(ana, bar). banned(ana, club). banned(eva, club).
            ok(X) :- person(X), not banned(X, _).
            ?- ok(X).
            """)
        #expect(out == ["ben"])
    }

    @Test func negationWithConstantsAndBoundVariables() throws {
        let out = try solve("""
            person(ana). person(ben). person(eva).
            banned(ana, bar). banned(ben, club). banned(eva, bar).
            ok_at_bar(X) :- person(X), not banned(X, bar).
            ?- ok_at_bar(X).
            """)
        #expect(out == ["ben"])
    }

    @Test func negationOfADerivedPredicate() throws {
        let out = try solve("""
            edge(a, b). edge(b, c). edge(d, e).
            node(a). node(b). node(c). node(d). node(e).
            reach(X, Y) :- edge(X, Y).
            reach(X, Z) :- reach(X, Y), edge(Y, Z).
            from_a(Y) :- reach(a, Y).
            cut_off(X) :- node(X), X != a, not from_a(X).
            ?- cut_off(X).
            """)
        #expect(out == ["d", "e"])
    }

    @Test func negationOfAPredicateWithNoFactsHoldsWithAWarning() throws {
        let session = Session()
        let result = session.load(text: "a(1). a(2). q(X) :- a(X), not nothing(X). ?- q(X).", name: "t.dl")
        #expect(result.diagnostics.map(place) == ["1:31: unknown predicate nothing/1: it has no facts, rules or @pred declaration"])
        #expect(!result.hasErrors)
        #expect(rows(try session.answer(result.queries[0])) == ["1", "2"])
    }

    @Test func negationInAQuery() throws {
        #expect(try solve("a(1). a(2). b(1). ?- a(X), not b(X).") == ["2"])
        #expect(try solve("a(1). b(1). ?- not b(2).") == [""])
        #expect(try solve("a(1). b(1). ?- not b(1).") == [])
    }

    @Test func doubleNegation() throws {
        let out = try solve("""
            u(1). u(2). u(3). s(2).
            ns(X) :- u(X), not s(X).
            nns(X) :- u(X), not ns(X).
            ?- nns(X).
            """)
        #expect(out == ["2"])
    }

    @Test func aCycleCreatedByALaterLoadIsRejectedAndUndone() throws {
        let session = Session()
        let first = session.load(text: "r(1). r(2). q(2). p(X) :- r(X), not q(X). ?- p(X).", name: "a.dl")
        #expect(rows(try session.answer(first.queries[0])) == ["1"])
        let second = session.load(text: "q(X) :- p(X).\n?- q(X).", name: "b.dl")
        // The cycle is named; it is reported at the negation, in the earlier file.
        #expect(second.diagnostics.map(place) == [
            "1:37: negation through recursion: p -> not q -> p; a predicate cannot depend on its own negation or aggregate",
        ])
        #expect(second.diagnostics.first?.range?.file.name == "a.dl")
        #expect(second.diagnostics.first?.notes.first?.range?.location == "b.dl:1:9")
        #expect(second.queries.isEmpty)
        let third = session.load(text: "?- p(X).\n?- q(X).", name: "c.dl")
        #expect(try third.queries.map { rows(try session.answer($0)) } == [["1"], ["2"]])
    }

    @Test func negatedArityZero() throws {
        #expect(try solve("a(1). ok :- a(1), not done. ?- ok.") == [""])
        #expect(try solve("a(1). done. ok :- a(1), not done. ?- ok.") == [])
    }
}
