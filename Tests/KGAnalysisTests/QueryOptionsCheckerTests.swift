import Testing
import KGLanguage
@testable import KGAnalysis

/// `:select` and `:order` variables checked against the query's body.
@Suite struct QueryOptionsCheckerTests {
    private func messages(_ text: String) -> [String] {
        ParsedProgram("p(a, 1).\n" + text).messages()
    }

    @Test func variablesOfTheBodyAreAccepted() {
        #expect(messages("?- p(X, N) :select N, X :order -N.").isEmpty)
        #expect(messages("?- p(X, _N) :select X, _N :order _N.").isEmpty)
    }

    @Test func aSelectedVariableMustOccurInTheBody() {
        #expect(messages("?- p(X, N) :select X, Y.") == ["2:23: error: ':select' variable 'Y' does not occur in the query's body"])
    }

    @Test func aSortKeyMustOccurInTheBody() {
        #expect(messages("?- p(X, N) :order -Z.") == ["2:20: error: ':order' variable 'Z' does not occur in the query's body"])
    }

    @Test func aSortKeyMustBeAColumnOfTheAnswer() {
        #expect(messages("?- p(X, N) :select X :order N.") == [
            "2:29: error: ':order' key 'N' is not a column of the answer: add it to :select, or sort by a selected column",
        ])
        #expect(messages("?- p(X, _N) :order _N.") == [
            "2:20: error: ':order' key '_N' is not a column of the answer: variables starting with '_' are not shown; rename it, or list it in :select",
        ])
    }

    @Test func aVariableLocalToABodyAggregateIsNoColumn() {
        #expect(messages("?- p(X, _), T = sum V : { p(X, V) } :select T, V.") == [
            "2:48: error: ':select' variable 'V' is local to the aggregate 'sum V : { p(X, V) }': it has no value outside it",
        ])
        #expect(messages("?- p(X, _), (T = sum V : { p(X, V) } ; T = 0) :order -V.") == [
            "2:55: error: ':order' variable 'V' is local to the aggregate 'sum V : { p(X, V) }': it has no value outside it",
        ])
        #expect(messages("?- p(X, _), T = sum V : { p(X, V) } :select T, X :order -T.").isEmpty)
    }

    @Test func optionsOfAQueryWithBranchesNameTheVariablesOfAnyBranch() {
        #expect(messages("?- p(X, N) ; p(N, X) :select X :order -X.").isEmpty)
    }
}
