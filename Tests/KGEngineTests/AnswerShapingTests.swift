import Testing
import KGEngine
import KnowledgeGraph

/// Answers shaped by `:select`, `:order`, `:limit` and `:offset`.
@Suite struct AnswerShapingTests {
    static let data = """
        n(a, 10). n(b, 10). n(c, 2.5). n(d, -1). n(e, 3).
        held(x, 2021-09-09). held(y, 2018-05). held(z, 2018-05-01).

        """

    @Test func orderDescendingBreaksTiesByTheOtherColumnsAscending() throws {
        #expect(try solve(Self.data + "?- n(S, N) :order -N.") == ["a, 10", "b, 10", "e, 3", "c, 2.5", "d, -1"])
    }

    @Test func numbersSortByValueAndDatesByTime() throws {
        #expect(try solve(Self.data + "?- n(S, N) :order N :limit 3.") == ["d, -1", "c, 2.5", "e, 3"])
        #expect(try solve(Self.data + "?- held(M, D) :order D.") == ["y, 2018-05", "z, 2018-05-01", "x, 2021-09-09"])
    }

    @Test func offsetThenLimitTakesAPage() throws {
        #expect(try solve(Self.data + "?- n(S, N) :order S :offset 1 :limit 2.") == ["b, 10", "c, 2.5"])
        #expect(try solve(Self.data + "?- n(S, N) :offset 4 :limit 9.") == ["e, 3"])
        #expect(try solve(Self.data + "?- n(S, N) :offset 9.") == [])
        #expect(try solve(Self.data + "?- n(S, N) :limit 0.") == [])
    }

    @Test func selectChoosesTheColumnsAndKeepsEachRowOnce() throws {
        let answer = try #require(try answers(Self.data + "?- n(S, N) :select N, S :order -N :limit 2.").last)
        #expect(answer.columns == ["N", "S"])
        #expect(rows(answer) == ["10, a", "10, b"])
        #expect(try solve(Self.data + "?- n(_, N) :select N.") == ["-1", "2.5", "3", "10"])
        let projected = try #require(try answers(Self.data + "?- n(S, N) :select N.").last)
        #expect(rows(projected) == ["-1", "2.5", "3", "10"])
    }

    @Test func aYesNoQueryWithALimit() throws {
        #expect(try solve(Self.data + "?- n(a, _) :limit 1.") == [""])
        #expect(try solve(Self.data + "?- n(a, _) :limit 0.") == [])
    }
}
