import Foundation
import Testing
import KGStore
@testable import KGLanguage

/// Parses `text` (as file `t.dl`): the statements printed canonically, and every diagnostic
/// as `line:col: message`.
private func parse(_ text: String) -> (statements: [String], errors: [String]) {
    let (statements, diagnostics) = Parser.parse(SourceFile(name: "t.dl", text: text))
    let errors = diagnostics.map { d -> String in
        guard let r = d.range else { return d.message }
        let (line, column) = r.file.lineAndColumn(of: r.start)
        return "\(line):\(column): \(d.message)"
    }
    return (statements.map(ASTPrinter.statement), errors)
}

/// The statements of `text`, expecting it to parse without errors.
private func statements(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    let (s, e) = parse(text)
    #expect(e.isEmpty, "unexpected errors: \(e)", sourceLocation: sourceLocation)
    return s
}

/// The one clause of `text`.
private func clause(_ text: String) throws -> Clause {
    let (statements, diagnostics) = Parser.parse(SourceFile(name: "t.dl", text: text))
    #expect(diagnostics.isEmpty)
    guard statements.count == 1, case .clause(let c) = statements[0] else {
        throw ParserTestError.notOneClause
    }
    return c
}

private enum ParserTestError: Error { case notOneClause }

@Suite struct ParserTests {
    @Test func factsRulesAndQueries() {
        #expect(statements("""
            member_of(ecuador, csm).
            presented(S, M) :- led_by(M, S).
            ?- member_of(S, csm), presented(S, v_plenary_session_4).
            """) == [
            "member_of(ecuador, csm).",
            "presented(S, M) :- led_by(M, S).",
            "?- member_of(S, csm), presented(S, v_plenary_session_4).",
        ])
    }

    @Test func statementsMaySpanLines() {
        #expect(statements("p(X)\n  :-\n  q(X),\n  r(X)\n.") == ["p(X) :- q(X), r(X)."])
    }

    @Test func allTermKindsInArguments() {
        #expect(statements(#"t(ecuador, "Perú"@es, 42, -7, 3.25, -0.5, 2024-10-10, 2018-05, <http://example.org/a>, _X, _)."#) == [
            #"t(ecuador, "Perú"@es, 42, -7, 3.25, -0.5, 2024-10-10, 2018-05, <http://example.org/a>, _X, _)."#,
        ])
    }

    @Test func arityZeroPredicates() throws {
        #expect(statements("done. done(). ok :- done. ok() :- done(). ?- done. ?- done().") == [
            "done().", "done().", "ok() :- done().", "ok() :- done().", "?- done().", "?- done().",
        ])
        #expect(try clause("done.").head.arity == 0)
        #expect(try clause("done().").head.arity == 0)
    }

    @Test func negationWithNotAndBang() {
        #expect(statements("ok(X) :- person(X), not banned(X, _), !left(X), not ex(X).") == [
            "ok(X) :- person(X), not banned(X, _), not left(X), not ex(X).",
        ])
        // `not` before '(' is an atom named not; `noto` is an ordinary name.
        #expect(statements("p(X) :- not(X). q(X) :- noto(X).") == ["p(X) :- not(X).", "q(X) :- noto(X)."])
    }

    @Test func comparisons() {
        #expect(statements("p(X) :- q(X, Y), X = Y, X != Y, X < Y, X <= Y, X > Y, X >= Y, X = 2024-10-10, \"a\" < X.") == [
            "p(X) :- q(X, Y), X = Y, X != Y, X < Y, X <= Y, X > Y, X >= Y, X = 2024-10-10, \"a\" < X.",
        ])
        #expect(statements("p(X) :- q(X), X = ecuador, ecuador != X.") == ["p(X) :- q(X), X = ecuador, ecuador != X."])
    }

    @Test func arithmeticPrecedenceAndAssociativity() {
        #expect(statements("?- X = 1 + 2 * 3 - 4 / 2 % 3.") == ["?- X = ((1 + (2 * 3)) - ((4 / 2) % 3))."])
        #expect(statements("?- X = A - B - C.") == ["?- X = ((A - B) - C)."])
        #expect(statements("?- X = A / B * C.") == ["?- X = ((A / B) * C)."])
        #expect(statements("?- X = (1 + 2) * 3.") == ["?- X = ((1 + 2) * 3)."])
        #expect(statements("?- X = -Y + 1.") == ["?- X = (-(Y) + 1)."])
        #expect(statements("?- X = 2 * -3.") == ["?- X = (2 * -3)."])
        #expect(statements("?- X = -(1 + 2).") == ["?- X = -((1 + 2))."])
        #expect(statements("?- X = 5 - -3.") == ["?- X = (5 - -3)."])
        #expect(statements("?- N = C % 2.") == ["?- N = (C % 2)."])
        #expect(statements("?- X = -9223372036854775808.") == ["?- X = -9223372036854775808."])
    }

    @Test func arithmeticInHeads() {
        #expect(statements("double(X, X * 2) :- num(X).") == ["double(X, (X * 2)) :- num(X)."])
        #expect(statements("nat(N + 1) :- nat(N).") == ["nat((N + 1)) :- nat(N)."])
    }

    @Test func aggregatesInHeads() {
        #expect(statements("""
            practice_count(S, count<P>) :- shared_by(P, S).
            total(count<X, Y>) :- path(X, Y).
            first_meeting(B, min<D>) :- convened_by(M, B), start_date(M, D).
            last(max<D>) :- d(D).
            s(G, sum<V>) :- v(G, V).
            c(count) :- q.
            """) == [
            "practice_count(S, count<P>) :- shared_by(P, S).",
            "total(count<X, Y>) :- path(X, Y).",
            "first_meeting(B, min<D>) :- convened_by(M, B), start_date(M, D).",
            "last(max<D>) :- d(D).",
            "s(G, sum<V>) :- v(G, V).",
            "c(count) :- q().",
        ])
    }

    @Test func aggregateNeedsVariables() {
        #expect(parse("c(count<a>) :- q(a).").errors == ["1:9: expected a variable inside count<...>, found 'a'"])
    }

    @Test func includeAndPredDirectives() {
        #expect(statements(#"""
            @include "rules.dl".
            @pred member_of(state, body) "A state is a member of a consultative process".
            @pred done.
            @pred year(int).
            """#) == [
            #"@include "rules.dl"."#,
            #"@pred member_of(state, body) "A state is a member of a consultative process"."#,
            "@pred done().",
            "@pred year(int).",
        ])
    }

    @Test func prefixExpandsNamesAndPredicates() throws {
        #expect(statements("""
            @prefix ex: <http://example.org/>.
            ex:knows(ex:alice, ex:bob).
            rdf:type(ex:alice, ex:Person).
            """) == [
            "<http://example.org/knows>(<http://example.org/alice>, <http://example.org/bob>).",
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>(<http://example.org/alice>, <http://example.org/Person>).",
        ])
        let c = try clause("@prefix ex: <http://example.org/>.\nex:knows(a, b).")
        #expect(c.head.predicate == "<http://example.org/knows>")
        #expect(c.head.spelling == "ex:knows")
        #expect(c.head.signature == "ex:knows/2")
    }

    @Test func unknownPrefixIsAnError() {
        #expect(parse("p(zz:a).").errors == ["1:3: unknown prefix 'zz'; declare it first with '@prefix zz: <...>.'"])
    }

    @Test func sourceAppliesToFollowingClauses() {
        let (parsed, diagnostics) = Parser.parse(SourceFile(name: "t.dl", text: """
            p(a).
            @source doc_1.
            p(b).
            q(c).
            @source <http://example.org/doc2>.
            p(d).
            """))
        #expect(diagnostics.isEmpty)
        let sources: [Term?] = parsed.map { if case .clause(let c) = $0 { return c.source } else { return nil } }
        #expect(sources == [nil, .entity("doc_1"), .entity("doc_1"), .iri("http://example.org/doc2")])
        #expect(parse("@source \"doc\".").errors == ["1:9: @source names an entity (the document or section), as in '@source doc_003_session_4.'"])
    }

    @Test func unknownDirectiveIsAnError() {
        #expect(parse("@import \"x.dl\".\np(a).").errors == [
            "1:1: unknown directive '@import'; the directives are @include, @prefix, @source and @pred",
        ])
        #expect(parse("@import \"x.dl\".\np(a).").statements == ["p(a)."])
    }

    @Test func queryTextIsKept() throws {
        let (parsed, _) = Parser.parse(SourceFile(name: "t.dl", text: "?-   member_of(S, csm) ,  S != peru  ."))
        guard case .query(let q) = parsed.first else { Issue.record("not a query"); return }
        #expect(q.text == "member_of(S, csm) ,  S != peru")
    }

    @Test func rangesCoverTheirText() throws {
        let c = try clause("ok(X) :- person(X), not banned(X, Y), X != Y.")
        #expect(c.range.text == "ok(X) :- person(X), not banned(X, Y), X != Y.")
        #expect(c.head.range.text == "ok(X)")
        #expect(c.head.predicateRange.text == "ok")
        #expect(c.body.map(\.range.text) == ["person(X)", "not banned(X, Y)", "X != Y"])
        guard case .negated(let a, _) = c.body[1] else { Issue.record("not negated"); return }
        #expect(a.arguments[1].range.location == "t.dl:1:35")
    }

    @Test func syntaxErrorMessages() {
        #expect(parse("p(X) :- q(X)").errors == ["1:13: expected '.' at the end of the statement, found end of input"])
        #expect(parse("p(X :- q.").errors == ["1:5: expected ',' or ')' in the arguments of 'p', found ':-'"])
        #expect(parse("X(a).").errors == ["1:1: a statement cannot start with variable 'X': predicate names start with a lowercase letter"])
        #expect(parse("p(X) :- q(X), X.").errors == ["1:16: expected a comparison operator (=, !=, <, <=, >, >=) after the expression, found '.'"])
        #expect(parse("p(q(a)).").errors == ["1:3: 'q(...)' cannot stand here: atoms go in a rule body, not inside arguments"])
        #expect(parse("n(9223372036854775808).").errors == ["1:3: integer literal is too large for a 64-bit integer"])
        #expect(parse(").").errors == ["1:1: expected a fact, rule, query ('?-') or directive ('@'), found ')'"])
    }

    @Test func recoveryReportsEveryErrorOfAFile() {
        let (parsed, errors) = parse("""
            good(a).
            bad(a :- q.
            also_good(b).
            @frobnicate x.
            p(X) :- q(X), .
            ?- last(Y).
            n(1 2).
            """)
        #expect(parsed == ["good(a).", "also_good(b).", "?- last(Y)."])
        #expect(errors == [
            "2:7: expected ',' or ')' in the arguments of 'bad', found ':-'",
            "4:1: unknown directive '@frobnicate'; the directives are @include, @prefix, @source and @pred",
            "5:15: expected a term (a constant, variable, string, number or date), found '.'",
            "7:5: expected ',' or ')' in the arguments of 'n', found '2'",
        ])
    }

    @Test func lexicalAndSyntaxErrorsAreReportedInSourceOrder() {
        let (_, errors) = parse("p(a) $.\nq(X :- r.\ns(\"open).\n")
        #expect(errors == [
            "1:6: unexpected character '$'",
            "2:5: expected ',' or ')' in the arguments of 'q', found ':-'",
            "3:3: unterminated string: missing closing '\"'",
            "4:1: expected ',' or ')' in the arguments of 's', found end of input",
        ])
    }

    // MARK: - Disjunction

    @Test func commaBindsTighterThanSemicolon() {
        #expect(statements("p(X) :- a(X), b(X) ; c(X).") == ["p(X) :- (a(X), b(X) ; c(X))."])
        #expect(statements("?- a(X) ; b(X) ; c(X).") == ["?- (a(X) ; b(X) ; c(X))."])
    }

    @Test func parenthesesGroupAlternatives() {
        #expect(statements("p(X) :- a(X), (b(X) ; c(X)), d(X).") == ["p(X) :- a(X), (b(X) ; c(X)), d(X)."])
        // A group without ';' is just its literals.
        #expect(statements("p(X) :- (a(X), b(X)), c(X).") == ["p(X) :- a(X), b(X), c(X)."])
        #expect(statements("p(X) :- ((a(X) ; b(X)), c(X) ; d(X)).") == ["p(X) :- ((a(X) ; b(X)), c(X) ; d(X))."])
        #expect(statements("?- v(X), (X = 1 ; X = 2 ; not w(X)).") == ["?- v(X), (X = 1 ; X = 2 ; not w(X))."])
    }

    @Test func aParenthesisMayStillOpenArithmetic() {
        #expect(statements("?- v(X), (X + 1) * 2 > 4.") == ["?- v(X), ((X + 1) * 2) > 4."])
        #expect(statements("?- v(X), (X) = 1.") == ["?- v(X), X = 1."])
        #expect(statements("?- v(X), ((X + 1)) = 2 ; w(X).") == ["?- (v(X), (X + 1) = 2 ; w(X))."])
        // The error shown is the reading that got further.
        #expect(parse("?- (a(X) ; b(X).").errors == ["1:16: expected ')' closing the group opened at t.dl:1:4, found '.'"])
        #expect(parse("?- (X + 1 > 2.").errors == ["1:14: expected ')' closing the group opened at t.dl:1:4, found '.'"])
    }

    @Test func negatedGroupsAreErrors() {
        #expect(parse("p(X) :- q(X), not (a(X) ; b(X)).").errors == [
            "1:15: negation applies to one atom: not ( ... ) is not supported (as in Soufflé); define a predicate for the group and negate that",
        ])
        #expect(parse("p(X) :- q(X), !(a(X)).").errors == [
            "1:15: negation applies to one atom: ! ( ... ) is not supported (as in Soufflé); define a predicate for the group and negate that",
        ])
        // A predicate named not keeps working.
        #expect(statements("p(X) :- not(X), not (X).") == ["p(X) :- not(X), not(X)."])
    }

    @Test func zeroArityAtomsBeforeSemicolonsAndClosers() {
        #expect(statements("?- done ; (ready).") == ["?- (done() ; ready())."])
        #expect(statements("?- N = count : { done }.") == ["?- N = count : { done() }."])
    }

    @Test func tooManyBranches() {
        let body = (0..<9).map { "(a\($0)(X) ; b\($0)(X))" }.joined(separator: ", ")
        #expect(parse("p(X) :- q(X), \(body).").errors == [
            "1:9: this body has 512 branches once its disjunctions are multiplied out (at most 256); define helper predicates for some of the alternatives",
        ])
        // An aggregate's branches are planned in each branch around it.
        let outer = (0..<5).map { "(a\($0)(X) ; b\($0)(X))" }.joined(separator: ", ")
        let inner = (0..<5).map { "(c\($0)(Y) ; d\($0)(Y))" }.joined(separator: ", ")
        #expect(parse("?- \(outer), N = count : { \(inner) }.").errors == [
            "1:4: this body has 1056 conjunctions to evaluate once its disjunctions, and those of its aggregates, are multiplied out (at most 1024); define helper predicates for some of the alternatives",
        ])
    }

    // MARK: - Body aggregates

    @Test func bodyAggregates() {
        #expect(statements("""
            p(S, N) :- s(S), N = count : { shared_by(P, S) }.
            t(T) :- T = sum V : { v(_, V) }.
            ?- M = min D : { d(D) ; e(D) }, X = max V * 2 : { v(_, V) }, A = mean V : { v(_, V), V > 1 }.
            ?- s(S), count : { shared_by(P, S) } >= 2.
            ?- s(S), 0 = count : shared_by(P, S).
            ?- N = count : { s(S), K = count : { shared_by(P, S) }, K > 1 }.
            """) == [
            "p(S, N) :- s(S), N = count : { shared_by(P, S) }.",
            "t(T) :- T = sum V : { v(_, V) }.",
            "?- M = min D : { (d(D) ; e(D)) }, X = max (V * 2) : { v(_, V) }, A = mean V : { v(_, V), V > 1 }.",
            "?- s(S), count : { shared_by(P, S) } >= 2.",
            "?- s(S), 0 = count : { shared_by(P, S) }.",
            "?- N = count : { s(S), K = count : { shared_by(P, S) }, K > 1 }.",
        ])
    }

    @Test func predicatesNamedLikeAggregatesKeepWorking() {
        #expect(statements("count(a, 1). sum(b). ?- count(X, N), sum(Y), N = count.") == [
            "count(a, 1).", "sum(b).", "?- count(X, N), sum(Y), N = count.",
        ])
    }

    @Test func bodyAggregateSyntaxErrors() {
        #expect(parse("?- N = sum V { v(V) }.").errors == ["1:14: expected ':' after 'sum V', as in sum V : { ... }, found '{'"])
        #expect(parse("?- N = count : { v(V) .").errors == ["1:23: expected '}' closing the body of count opened at t.dl:1:16, found '.'"])
        #expect(parse("?- N = count : { }.").errors == ["1:18: an aggregate's body cannot be empty"])
        #expect(parse("?- N = count X : { v(X) }.").errors == ["1:14: count counts the solutions of its body and takes no expression: write N = count : { ... }"])
        #expect(parse("?- N = sum : { v(X) }.").errors == ["1:12: sum needs the expression it aggregates before ':', as in S = sum V : { p(V) }"])
        #expect(parse("?- N = count : 3.").errors == ["1:16: expected '{' and the aggregate's body after ':', as in count : { p(V) }, found '3'"])
        #expect(parse("?- N = 1 + count : { v(X) }.").errors == [
            "1:12: an aggregate in a body stands alone on one side of a comparison, as in N = count : { ... }; compute with its result in another literal",
        ])
        #expect(parse("p(sum V : { v(V) }) :- q.").errors == [
            "1:3: an aggregate in a body stands alone on one side of a comparison, as in N = sum V : { ... }; compute with its result in another literal",
        ])
        #expect(parse("?- count : { v(X) }.").errors == [
            "1:20: expected a comparison after count : { ... }, as in N = count : { ... }, found '.'",
        ])
        #expect(parse("?- count : { v(X) } = count : { w(X) }.").errors == [
            "1:23: only one side of a comparison may be an aggregate; compare with a variable bound by another aggregate",
        ])
        #expect(parse("?- N = count:v(X).").errors == ["1:8: unknown prefix 'count'; for an aggregate, put a space after ':' or use braces, as in count : { v(...) }"])
    }

    // MARK: - cited/2

    @Test func citedTakesAFactPattern() {
        #expect(statements("?- cited(start_date(M, D), G), not cited(member_of(S, csm), src), cited(done, default).") == [
            "?- cited(start_date(M, D), G), not cited(member_of(S, csm), src), cited(done(), default).",
        ])
        #expect(parse("?- cited(X, G).").errors == ["1:10: the first argument of cited/2 is a fact pattern such as member_of(S, B), not variable 'X'"])
        #expect(parse("?- cited(\"a\", G).").errors == ["1:10: the first argument of cited/2 is a fact pattern such as member_of(S, B), not a string"])
        #expect(parse("?- cited(peru).").errors == ["1:10: the first argument of cited/2 is a fact pattern such as member_of(S, B), not a term"])
        #expect(parse("?- cited(p(X)).").errors == ["1:14: cited takes two arguments: cited(Fact, Source), as in cited(member_of(S, B), G)"])
        #expect(parse("?- cited(p(X), G, H).").errors == ["1:17: expected ')' closing cited(...): it takes two arguments, cited(Fact, Source), found ','"])
    }

    // MARK: - ^, min and max

    @Test func powerBindsTighterAndGroupsRight() {
        #expect(statements("?- X = 2 ^ 3 ^ 2.") == ["?- X = (2 ^ (3 ^ 2))."])
        #expect(statements("?- X = 2 * 3 ^ 2.") == ["?- X = (2 * (3 ^ 2))."])
        #expect(statements("?- X = -2 ^ 2, Y = (-2) ^ 2, Z = -A ^ 2.") == ["?- X = -((2 ^ 2)), Y = (-2 ^ 2), Z = -((A ^ 2))."])
        #expect(statements("?- X = 2 ^ -1.") == ["?- X = (2 ^ -1)."])
    }

    @Test func minAndMaxOfTwo() {
        #expect(statements("?- X = max(A, B + 1), min(X, 3) < 2.") == ["?- X = max(A, (B + 1)), min(X, 3) < 2."])
        // Alone, max(a, 3) is an atom of a predicate named max.
        #expect(statements("max(a, 3). ?- max(X, N).") == ["max(a, 3).", "?- max(X, N)."])
        #expect(parse("?- X = max(1).").errors == ["1:13: expected ',' and a second argument: max(A, B) takes two, found ')'"])
        #expect(parse("?- X = min(1, 2, 3).").errors == ["1:16: expected ')': min(A, B) takes two arguments, found ','"])
    }
}
