import Testing
import KnowledgeGraph

/// The warnings that need the data: unknown entities and plain strings against tagged values.
@Suite struct DataWarningsTests {
    static let graph = """
        member_of(ecuador, csm). member_of(mexico, crm). type(ecuador, state).
        label(csm, "South American Conference on Migration"@en). acronym(csm, "CSM").
        label(crm, "Regional Conference on Migration"@en).

        """

    private func warnings(_ text: String) -> [String] {
        loadDiagnostics(Self.graph + text).filter { $0.contains("unknown entity") || $0.contains("tagged") }
    }

    @Test func aTranspositionIsOneEditAndIdsBeatLabels() {
        #expect(warnings("?- member_of(S, cms).") == [
            "4:17: unknown entity 'cms': it occurs in no fact of the graph; did you mean csm (South American Conference on Migration)?",
        ])
    }

    @Test func theNearestAtTheSameDistanceAreAllSuggested() {
        #expect(warnings("?- member_of(S, ccm).") == [
            "4:17: unknown entity 'ccm': it occurs in no fact of the graph; did you mean crm (Regional Conference on Migration), csm (South American Conference on Migration)?",
        ])
    }

    @Test func aLabelThatStartsWithTheWordsIsSuggested() {
        #expect(warnings("?- member_of(S, regional_conference).").first?.hasSuffix("did you mean crm (Regional Conference on Migration)?") == true)
    }

    @Test func veryShortNamesSuggestNothingFarFetched() {
        #expect(warnings("?- member_of(S, zz).") == ["4:17: unknown entity 'zz': it occurs in no fact of the graph"])
    }

    @Test func knownEntitiesHeadConstantsAndBuiltinsRaiseNothing() {
        #expect(warnings("?- member_of(S, csm), not member_of(S, crm).").isEmpty)
        #expect(warnings("tagged(X, special) :- member_of(X, csm).\n?- tagged(X, special).").isEmpty)
        #expect(warnings("?- quad(S, member_of, O, default), triple(S, member_of, O).").isEmpty)
    }

    @Test func aPredicateNamedAsAnArgumentIsKnown() {
        // Rules over quad/4 take predicate names as arguments.
        #expect(warnings("said(S, P, O) :- quad(S, P, O, _).\n?- said(S, member_of, O), said(S, acronym, _).").isEmpty)
        #expect(warnings("said(S, P, O) :- quad(S, P, O, _).\n?- said(S, membr_of, O).").count == 1)
    }

    @Test func anEqualityWithAnUnknownEntityIsWarnedAbout() {
        #expect(warnings("?- member_of(S, B), B = nowhere.") == ["4:25: unknown entity 'nowhere': it occurs in no fact of the graph"])
    }

    @Test func aRuleBodyIsCheckedToo() {
        #expect(warnings("r(S) :- member_of(S, nowhere).") == ["4:22: unknown entity 'nowhere': it occurs in no fact of the graph"])
    }

    @Test func afterAnErrorNoDataWarningIsGiven() {
        #expect(warnings("p(X).\n?- member_of(S, cms).").isEmpty)
    }

    @Test func aPlainStringAgainstTaggedValues() {
        #expect(warnings("?- label(X, \"Regional Conference on Migration\").") == [
            "4:13: labels are language-tagged, so the plain string \"Regional Conference on Migration\" matches none: write \"Regional Conference on Migration\"@en, or use like/2",
        ])
        #expect(warnings("?- label(X, L), \"Nowhere\" = L.") == [
            "4:17: labels are language-tagged, so the plain string \"Nowhere\" matches none: add a tag (en), or use like/2",
        ])
    }

    @Test func mixedValuesRulesAndTaggedConstantsRaiseNothing() {
        #expect(warnings("?- acronym(X, \"CSM\").").isEmpty)
        #expect(warnings("?- label(X, \"Regional Conference on Migration\"@en).").isEmpty)
        #expect(warnings("name(X, N) :- label(X, N).\n?- name(X, \"Nowhere\").").isEmpty)
        // L is also bound by a position that is not all tagged.
        #expect(warnings("?- label(X, L), acronym(X, L), L = \"CSM\".").isEmpty)
    }

    @Test func everyBranchOfADisjunctionIsChecked() {
        #expect(warnings("?- member_of(S, cms) ; member_of(S, crm), label(S, \"Regional Conference on Migration\").") == [
            "4:17: unknown entity 'cms': it occurs in no fact of the graph; did you mean csm (South American Conference on Migration)?",
            "4:52: labels are language-tagged, so the plain string \"Regional Conference on Migration\" matches none: write \"Regional Conference on Migration\"@en, or use like/2",
        ])
        // A literal shared by both branches is reported once; a comparison inside a branch
        // sees the atom outside it that binds its variable.
        #expect(warnings("?- member_of(S, nowhere), (type(S, state) ; type(S, organisation)).") == [
            "4:17: unknown entity 'nowhere': it occurs in no fact of the graph",
            "4:53: unknown entity 'organisation': it occurs in no fact of the graph",
        ])
        #expect(warnings("?- label(X, L), (L = \"Nowhere\" ; L = \"Regional Conference on Migration\"@en).") == [
            "4:22: labels are language-tagged, so the plain string \"Nowhere\" matches none: add a tag (en), or use like/2",
        ])
    }

    @Test func anAggregateBodyIsCheckedInItsContext() {
        #expect(warnings("?- member_of(X, csm), N = count : { member_of(X, cms) }.") == [
            "4:50: unknown entity 'cms': it occurs in no fact of the graph; did you mean csm (South American Conference on Migration)?",
        ])
        // L is a grouping key bound outside the aggregate by label/2.
        #expect(warnings("?- label(X, L), N = count : { member_of(X, B), L = \"Nowhere\" }.") == [
            "4:52: labels are language-tagged, so the plain string \"Nowhere\" matches none: add a tag (en), or use like/2",
        ])
        #expect(warnings("r(X, N) :- member_of(X, csm), N = count : { type(X, stat) }.").count == 1)
    }

    @Test func aCitedFactIsCheckedButNotItsSource() {
        #expect(warnings("?- cited(member_of(S, cms), G).") == [
            "4:23: unknown entity 'cms': it occurs in no fact of the graph; did you mean csm (South American Conference on Migration)?",
        ])
        #expect(warnings("?- cited(label(S, \"Regional Conference on Migration\"), G).").count == 1)
        #expect(warnings("?- cited(member_of(S, csm), default), not cited(member_of(S, crm), default).").isEmpty)
        // Sources are known entities: facts are stated under them.
        #expect(loadDiagnostics("@source src_doc1.\nmember_of(peru, csm).\n?- G = src_doc1, cited(member_of(S, B), G).\n?- G = default.\n?- G = src_doc2.") == [
            "5:8: unknown entity 'src_doc2': it occurs in no fact of the graph; did you mean src_doc1?",
        ])
    }
}
