import Testing
import KGLanguage
@testable import KGAnalysis

@Suite struct PredicateTableTests {
    @Test func arityMismatchIsReportedAtTheSecondUseWithANoteAtTheFirst() throws {
        let p = ParsedProgram("""
            member_of(ecuador, csm).
            member_of(peru, csm).
            p(X) :- member_of(X, csm, y).
            """)
        #expect(p.diagnostics.count == 1)
        let d = try #require(p.diagnostics.first)
        #expect(describe(d) == "3:9: error: arity mismatch: member_of is used with 3 arguments here, but it has 2 elsewhere (member_of/2)")
        #expect(d.notes.count == 1)
        #expect(d.notes[0].message == "member_of/2 is first used here")
        #expect(d.notes[0].range?.location == "t.dl:1:1")
    }

    @Test func arityMismatchInAHead() {
        let p = ParsedProgram("""
            q(X) :- done(X).
            done.
            """)
        #expect(p.diagnostics.map(describe) == [
            "2:1: error: arity mismatch: done is used with 0 arguments here, but it has 1 elsewhere (done/1)",
        ])
    }

    @Test func singularArgumentWording() {
        let table = PredicateTable()
        #expect(table.use("p", spelling: "p", arity: 2, at: nil) == nil)
        #expect(table.use("p", spelling: "p", arity: 1, at: nil)?.message ==
            "arity mismatch: p is used with 1 argument here, but it has 2 elsewhere (p/2)")
        #expect(table.use("p", spelling: "p", arity: 2, at: nil) == nil)
        #expect(table["p"]?.arity == 2)
    }

    @Test func builtinArityIsChecked() {
        let table = PredicateTable()
        #expect(table.use("contains", spelling: "contains", arity: 3, at: nil)?.message ==
            "arity mismatch: built-in contains takes 2 arguments (contains(S, Sub)), not 3")
        #expect(table.use("triple", spelling: "triple", arity: 2, at: nil)?.message ==
            "arity mismatch: built-in triple takes 3 arguments (triple(S, P, O)), not 2")
        #expect(table.use("quad", spelling: "quad", arity: 4, at: nil) == nil)
        #expect(table.use("concat", spelling: "concat", arity: 3, at: nil) == nil)
        // Built-ins are not entered in the table.
        #expect(table["contains"] == nil)
    }

    @Test func declarationsCountAsUsesAndCannotNameBuiltins() {
        let p = ParsedProgram("""
            @pred member_of(state, body) "A state is a member".
            member_of(a, b, c).
            @pred like(string, string).
            """)
        #expect(p.diagnostics.map(describe) == [
            "2:1: error: arity mismatch: member_of is used with 3 arguments here, but it has 2 elsewhere (member_of/2)",
            "3:7: error: 'like' is a built-in predicate and cannot be declared",
        ])
        #expect(p.table["member_of"]?.declaration?.description == "A state is a member")
        #expect(p.table.isKnown("member_of"))
    }

    @Test func knownMeansFactsRulesOrDeclaration() {
        let p = ParsedProgram("""
            f(a).
            r(X) :- f(X), g(X).
            """)
        #expect(p.table.isKnown("f"))
        #expect(p.table.isKnown("r"))
        #expect(!p.table.isKnown("g"))
        #expect(!p.table.isKnown("nothing"))
        #expect(p.table["f"]?.hasFacts == true)
        #expect(p.table["r"]?.hasRules == true)
    }

    @Test func copyAndRestoreUndoChanges() {
        let table = PredicateTable()
        _ = table.use("a", spelling: "a", arity: 1, at: nil)
        let saved = table.copy()
        _ = table.use("b", spelling: "b", arity: 2, at: nil)
        #expect(table["b"] != nil)
        table.restore(from: saved)
        #expect(table["b"] == nil)
        #expect(table["a"]?.arity == 1)
    }

    @Test func builtinHeadsAreRejectedByTheAnalyzer() {
        let p = ParsedProgram("q(a, b). contains(X, Y) :- q(X, Y).")
        #expect(p.messages() == [
            "1:10: error: cannot define facts or rules for the built-in predicate contains(S, Sub)",
        ])
    }

    @Test
    func aggregatesOutsideHeadsAreRejected() {
        let (_, diagnostics) = Parser.parse(SourceFile(name: "t.dl", text: "?- q(count<X>)."))
        #expect(diagnostics.map(describe) == ["1:6: error: count<...> may appear only as an argument of a rule head, as in total(count<X>) :- p(X)."])
    }
}
