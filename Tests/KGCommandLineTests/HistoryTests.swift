import Testing
@testable import KGCommandLine

@Suite struct HistoryTests {
    @Test func addSkipsBlankAndConsecutiveDuplicates() {
        var history = History(maximumCount: 10)
        #expect(history.add("a") == true)
        #expect(history.add("a") == false)
        #expect(history.add("") == false)
        #expect(history.add("   ") == false)
        #expect(history.add("b") == true)
        #expect(history.add("a") == true)
        #expect(history.entries == ["a", "b", "a"])
    }

    @Test func boundedToMaximumCount() {
        var history = History(maximumCount: 3)
        for entry in ["1", "2", "3", "4", "5"] { history.add(entry) }
        #expect(history.entries == ["3", "4", "5"])
        let loaded = History(maximumCount: 2, entries: ["x", "x", "y", "z"])
        #expect(loaded.entries == ["y", "z"])
    }

    @Test func upAndDownPreserveTheDraft() {
        var history = History(entries: ["first", "second"])
        #expect(history.previous(current: "draft") == "second")
        #expect(history.isNavigating)
        #expect(history.previous(current: "second") == "first")
        #expect(history.previous(current: "first") == nil)
        #expect(history.next(current: "first") == "second")
        #expect(history.next(current: "second") == "draft")
        #expect(!history.isNavigating)
        #expect(history.next(current: "draft") == nil)
    }

    @Test func editsToRecalledEntriesSurviveNavigationUntilEnd() {
        var history = History(entries: ["first", "second"])
        #expect(history.previous(current: "") == "second")
        #expect(history.previous(current: "second edited") == "first")
        #expect(history.next(current: "first") == "second edited")
        #expect(history.entries == ["first", "second"])
        history.endNavigation()
        #expect(history.previous(current: "") == "second")
    }

    @Test func emptyHistoryHasNothingToRecall() {
        var history = History()
        #expect(history.previous(current: "x") == nil)
        #expect(history.next(current: "x") == nil)
    }

    @Test func searchFindsNewestMatchWithOffset() {
        let history = History(entries: ["país(X)", "ruta(X, Y)", "país(\"Perú\")", "otro"])
        let newest = history.search("país")
        #expect(newest?.index == 2)
        #expect(newest?.offset == 0)
        let older = history.search("país", before: 2)
        #expect(older?.index == 0)
        #expect(history.search("Perú")?.offset == 6)
        #expect(history.search("nada") == nil)
        #expect(history.search("") == nil)
        #expect(history.search("país", before: 3, skipping: "país(\"Perú\")")?.index == 0)
    }

    @Test func reverseSearchStepsOlderAndFails() {
        let history = History(entries: ["alpha 1", "beta", "alpha 2"])
        var search = ReverseSearch(original: LineBuffer("typed"))
        #expect(search.shown.text == "typed")
        search.query = "alp"
        #expect(search.step(in: history, includingCurrent: true) == true)
        #expect(search.shown.text == "alpha 2")
        #expect(search.prompt == "(reverse-i-search)'alp': ")
        #expect(search.step(in: history, includingCurrent: false) == true)
        #expect(search.shown.text == "alpha 1")
        #expect(search.step(in: history, includingCurrent: false) == false)
        #expect(search.failed)
        #expect(search.prompt == "(failed reverse-i-search)'alp': ")
        #expect(search.shown.text == "alpha 1")
        search.restart(in: history)
        #expect(search.shown.text == "alpha 2")
        #expect(!search.failed)
    }
}
