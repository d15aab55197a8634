import Testing
import KnowledgeGraph

@Suite struct RecursionTests {
    static let closures = [
        // right-recursive, left-recursive and doubly recursive closures agree
        "path(X, Y) :- edge(X, Y). path(X, Z) :- edge(X, Y), path(Y, Z).",
        "path(X, Y) :- edge(X, Y). path(X, Z) :- path(X, Y), edge(Y, Z).",
        "path(X, Y) :- edge(X, Y). path(X, Z) :- path(X, Y), path(Y, Z).",
    ]

    @Test(arguments: closures)
    func transitiveClosureOfAChain(rules: String) throws {
        let out = try solve("edge(a, b). edge(b, c). edge(c, d).\n\(rules)\n?- path(X, Y).")
        #expect(out == ["a, b", "a, c", "a, d", "b, c", "b, d", "c, d"])
    }

    @Test(arguments: closures)
    func transitiveClosureOfACycle(rules: String) throws {
        let out = try solve("edge(a, b). edge(b, c). edge(c, a). edge(c, d).\n\(rules)\n?- path(X, Y).")
        #expect(out == [
            "a, a", "a, b", "a, c", "a, d", "b, a", "b, b", "b, c", "b, d", "c, a", "c, b", "c, c", "c, d",
        ])
    }

    @Test func selfLoopAndBoundQueries() throws {
        let program = """
            edge(a, a). edge(a, b). edge(b, c).
            path(X, Y) :- edge(X, Y).
            path(X, Z) :- path(X, Y), edge(Y, Z).
            ?- path(a, Y).
            ?- path(X, c).
            ?- path(c, a).
            """
        let all = try answers(program)
        #expect(all.map(rows) == [["a", "b", "c"], ["a", "b"], []])
    }

    @Test func longChainReachesEveryPair() throws {
        let n = 60
        let facts = (0..<n).map { "edge(\($0), \($0 + 1))." }.joined(separator: " ")
        let all = try answers("""
            \(facts)
            path(X, Y) :- edge(X, Y).
            path(X, Z) :- path(X, Y), edge(Y, Z).
            ?- path(0, Y).
            ?- path(X, Y).
            """)
        #expect(rows(all[0]) == (1...n).map(String.init))
        #expect(all[1].rows.count == n * (n + 1) / 2)
    }

    @Test func sameGeneration() throws {
        // a is the root; b, c children of a; d, e children of b; f child of c; g child of f.
        let out = try solve("""
            parent(b, a). parent(c, a). parent(d, b). parent(e, b). parent(f, c). parent(g, f).
            sg(X, Y) :- parent(X, P), parent(Y, P), X != Y.
            sg(X, Y) :- parent(X, A), parent(Y, B), sg(A, B).
            ?- sg(X, Y).
            """)
        #expect(out == ["b, c", "c, b", "d, e", "d, f", "e, d", "e, f", "f, d", "f, e"])
    }

    @Test func mutualRecursion() throws {
        let all = try answers("""
            zero(0). succ(0, 1). succ(1, 2). succ(2, 3). succ(3, 4). succ(4, 5).
            even(X) :- zero(X).
            even(Y) :- odd(X), succ(X, Y).
            odd(Y) :- even(X), succ(X, Y).
            ?- even(X).
            ?- odd(X).
            """)
        #expect(all.map(rows) == [["0", "2", "4"], ["1", "3", "5"]])
    }

    @Test func recursionThroughSeveralStrata() throws {
        let out = try solve("""
            edge(a, b). edge(b, c). edge(x, y).
            node(X) :- edge(X, _). node(Y) :- edge(_, Y).
            reach(X, Y) :- edge(X, Y).
            reach(X, Z) :- reach(X, Y), reach(Y, Z).
            unreachable(X, Y) :- node(X), node(Y), X != Y, not reach(X, Y).
            ?- unreachable(a, Y).
            """)
        #expect(out == ["x", "y"])
    }

    @Test func recursionWithArithmeticThatStops() throws {
        let out = try solve("""
            nat(0).
            nat(M) :- nat(N), N < 5, M = N + 1.
            ?- nat(X).
            """)
        #expect(out == ["0", "1", "2", "3", "4", "5"])
    }

    @Test func recursiveRuleAddedByALaterLoad() throws {
        let session = Session()
        #expect(!session.load(text: "edge(a, b). edge(b, c).", name: "a.dl").hasErrors)
        let second = session.load(text: "path(X, Y) :- edge(X, Y). path(X, Z) :- path(X, Y), edge(Y, Z). ?- path(a, Y).", name: "b.dl")
        #expect(!second.hasErrors)
        #expect(rows(try session.answer(second.queries[0])) == ["b", "c"])
        let third = session.load(text: "edge(c, d). ?- path(a, Y).", name: "c.dl")
        #expect(rows(try session.answer(third.queries[0])) == ["b", "c", "d"])
    }
}
