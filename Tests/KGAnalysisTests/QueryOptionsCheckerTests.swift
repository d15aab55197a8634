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
}
