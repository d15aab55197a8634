import Testing
import KGLanguage
@testable import KGAnalysis

/// Stratifies the rules of `text`: the strata (predicate lists, in order) and diagnostics.
private func stratify(_ text: String) -> (strata: [[String]], recursive: [Bool], errors: [String], notes: [[String]]) {
    let p = ParsedProgram(text)
    let (strata, diagnostics) = Stratifier.stratify(rules: p.rules) { p.table[$0]?.arity }
    let notes = diagnostics.map { d in d.notes.map { n -> String in
        guard let r = n.range else { return n.message }
        let (line, column) = r.file.lineAndColumn(of: r.start)
        return "\(line):\(column): \(n.message)"
    } }
    return (strata.map(\.predicates), strata.map(\.isRecursive), diagnostics.map(describe), notes)
}

/// The position of the stratum holding `predicate`.
private func level(_ strata: [[String]], _ predicate: String) -> Int? {
    strata.firstIndex { $0.contains(predicate) }
}

@Suite struct StratifierTests {
    @Test func negationCycleIsNamed() {
        let r = stratify("""
            p(X) :- r(X), not q(X).
            q(X) :- r(X), p(X).
            """)
        #expect(r.errors == [
            "1:19: error: negation through recursion: p -> not q -> p; a predicate cannot depend on its own negation or aggregate",
        ])
        #expect(r.notes == [["2:15: q depends on p here"]])
    }

    @Test func selfNegationIsNamed() {
        let r = stratify("win(X) :- move(X, Y), not win(Y).")
        #expect(r.errors == [
            "1:27: error: negation through recursion: win -> not win; a predicate cannot depend on its own negation or aggregate",
        ])
    }

    @Test func longerNegationCycle() {
        let r = stratify("""
            a(X) :- e(X), b(X).
            b(X) :- e(X), c(X).
            c(X) :- e(X), not a(X).
            """)
        #expect(r.errors == [
            "3:19: error: negation through recursion: c -> not a -> b -> c; a predicate cannot depend on its own negation or aggregate",
        ])
    }

    @Test func aggregateCycleIsNamed() {
        let r = stratify("""
            reach(X, Y) :- edge(X, Y).
            reach(X, N) :- size(X, N).
            size(X, count<Y>) :- reach(X, Y).
            """)
        #expect(r.errors == [
            "3:22: error: aggregation through recursion: size -> count reach -> size; a predicate cannot depend on its own negation or aggregate",
        ])
    }

    @Test func positiveRecursionIsAllowed() {
        let r = stratify("""
            path(X, Y) :- edge(X, Y).
            path(X, Z) :- path(X, Y), edge(Y, Z).
            even(X) :- zero(X).
            even(Y) :- odd(X), succ(X, Y).
            odd(Y) :- even(X), succ(X, Y).
            """)
        #expect(r.errors == [])
        #expect(Set(r.strata) == [["path"], ["even", "odd"]])
        #expect(r.recursive == [true, true])
    }

    @Test func strataComeInDependencyOrder() {
        let r = stratify("""
            top(X) :- mid(X), not low(X).
            mid(X) :- base(X), not other(X).
            low(X) :- base(X).
            other(X) :- base(X), X > 2.
            cnt(count<X>) :- top(X).
            """)
        #expect(r.errors == [])
        #expect(r.strata.count == 5)
        #expect(r.recursive == [false, false, false, false, false])
        let l = { (p: String) in level(r.strata, p)! }
        #expect(l("other") < l("mid"))
        #expect(l("mid") < l("top"))
        #expect(l("low") < l("top"))
        #expect(l("top") < l("cnt"))
    }

    @Test func strataListTheirRules() {
        let p = ParsedProgram("""
            a(X) :- e(X).
            b(X) :- a(X), not c(X).
            a(X) :- f(X).
            c(X) :- e(X).
            """)
        let (strata, diagnostics) = Stratifier.stratify(rules: p.rules) { p.table[$0]?.arity }
        #expect(diagnostics.isEmpty)
        let byPredicate = Dictionary(uniqueKeysWithValues: strata.map { ($0.predicates[0], $0.rules) })
        #expect(byPredicate == ["a": [0, 2], "b": [1], "c": [3]])
    }

    @Test func tripleDependsOnEveryBinaryDerivedPredicate() {
        let r = stratify("""
            linked(X, Y) :- edge(X, Y).
            isolated(X) :- node(X), not triple(X, _, _).
            """)
        #expect(r.errors == [])
        #expect(level(r.strata, "linked")! < level(r.strata, "isolated")!)
        let cycle = stratify("""
            linked(X, Y) :- edge(X, Y), not triple(Y, X, _).
            """)
        #expect(cycle.errors == [
            "1:33: error: negation through recursion: linked -> not linked; a predicate cannot depend on its own negation or aggregate",
        ])
    }

    @Test func bodyAggregatesAreStratifiedLikeNegation() {
        let r = stratify("""
            count_of(S, N) :- s(S), N = count : { in(P, S) }.
            in(P, S) :- raw(P, S).
            """)
        #expect(r.errors.isEmpty)
        #expect(level(r.strata, "in")! < level(r.strata, "count_of")!)
        let cycle = stratify("""
            a(X) :- s(X), N = count : { b(X, Y) }, N > 0.
            b(X, Y) :- a(X), s(Y).
            """)
        #expect(cycle.errors == [
            "1:29: error: aggregation through recursion: a -> count b -> a; a predicate cannot depend on its own negation or aggregate",
        ])
        #expect(cycle.notes == [["2:12: b depends on a here"]])
    }

    @Test func negationInsideAnAggregateAndAlternativesCount() {
        let r = stratify("""
            p(X) :- s(X), (t(X) ; N = sum V : { w(X, V), not q(V) }, N > 1).
            q(V) :- p(V).
            """)
        #expect(r.errors.contains { $0.contains("negation through recursion: p -> not q -> p") })
    }

    @Test func citedReadsOnlyStatedFactsSoItMakesNoDependency() {
        let r = stratify("""
            p(X) :- s(X), not cited(p(X), src).
            """)
        #expect(r.errors.isEmpty)
        #expect(r.recursive == [false])
    }
}
