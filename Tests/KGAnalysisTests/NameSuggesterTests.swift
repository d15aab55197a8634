import Testing
import KGLanguage
@testable import KGAnalysis

@Suite struct NameSuggesterTests {
    @Test func editDistance() {
        #expect(NameSuggester.editDistance("kitten", "sitting") == 3)
        #expect(NameSuggester.editDistance("", "abc") == 3)
        #expect(NameSuggester.editDistance("abc", "") == 3)
        #expect(NameSuggester.editDistance("same", "same") == 0)
        #expect(NameSuggester.editDistance("membr_of/2", "member_of/2") == 1)
        #expect(NameSuggester.editDistance("perú", "peru") == 1)
    }

    @Test func nearestCandidateWithinTheLimit() {
        let known = ["member_of/2", "members/1", "presented/2", "led_by/2"]
        #expect(NameSuggester.nearest(to: "membr_of/2", among: known) == "member_of/2")
        #expect(NameSuggester.nearest(to: "member_of/3", among: known) == "member_of/2")
        #expect(NameSuggester.nearest(to: "presnted/2", among: known) == "presented/2")
        #expect(NameSuggester.nearest(to: "zzzzzz/9", among: known) == nil)
        #expect(NameSuggester.nearest(to: "member_of/2", among: ["member_of/2"]) == nil)
        #expect(NameSuggester.nearest(to: "x/1", among: []) == nil)
    }

    @Test func tiesGoToTheAlphabeticallyFirst() {
        #expect(NameSuggester.nearest(to: "ab/1", among: ["ac/1", "aa/1"]) == "aa/1")
    }

    @Test func unknownPredicateWarningSuggestsTheNearestKnown() {
        let p = ParsedProgram("""
            member_of(ecuador, csm).
            p(X) :- membr_of(X, csm).
            ?- membr_of(S, B).
            """)
        #expect(p.messages() == [
            "2:9: warning: unknown predicate membr_of/2; did you mean member_of/2?",
            "3:4: warning: unknown predicate membr_of/2; did you mean member_of/2?",
        ])
    }

    @Test func declaredPredicatesAreSuggestedToo() {
        let p = ParsedProgram("""
            @pred presented(state, meeting).
            ?- presnted(S, M).
            """)
        #expect(p.messages() == ["2:4: warning: unknown predicate presnted/2; did you mean presented/2?"])
    }

    @Test func builtinsAreSuggested() {
        let p = ParsedProgram("""
            name(a, "x").
            ?- name(X, N), contians(N, "x").
            """)
        #expect(p.messages() == ["2:16: warning: unknown predicate contians/2; did you mean contains/2?"])
    }

    @Test func noSuggestionWhenNothingIsClose() {
        let p = ParsedProgram("""
            member_of(ecuador, csm).
            ?- completely_different(X).
            """)
        #expect(p.messages() == ["2:4: warning: unknown predicate completely_different/1: it has no facts, rules or @pred declaration"])
    }
}

@Suite struct TranspositionDistanceTests {
    @Test func aSwapOfNeighboursIsOneEdit() {
        #expect(NameSuggester.transpositionDistance("cms", "csm") == 1)
        #expect(NameSuggester.editDistance("cms", "csm") == 2)
    }

    @Test func otherEditsCountAsInLevenshtein() {
        #expect(NameSuggester.transpositionDistance("stat", "state") == 1)
        #expect(NameSuggester.transpositionDistance("", "abc") == 3)
        #expect(NameSuggester.transpositionDistance("kitten", "sitting") == 3)
        #expect(NameSuggester.transpositionDistance("same", "same") == 0)
    }
}
