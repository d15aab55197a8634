import Testing
import KGEngine
import KnowledgeGraph

/// `^`, and `min(A, B)` / `max(A, B)` in expressions.
@Suite struct ArithmeticFunctionsTests {
    @Test(arguments: [
        ("X = 2 ^ 10", "1024"),
        ("X = 2 ^ 3 ^ 2", "512"),
        ("X = 2 * 3 ^ 2", "18"),
        ("X = -2 ^ 2", "-4"),
        ("X = (-2) ^ 2", "4"),
        ("X = (-2) ^ 3", "-8"),
        ("X = 0 ^ 0", "1"),
        ("X = 7 ^ 0", "1"),
        ("X = 1 ^ 9223372036854775807", "1"),
        ("X = (-1) ^ 9223372036854775807", "-1"),
        ("X = 2 ^ 62", "4611686018427387904"),
        ("X = 1.5 ^ 2", "2.25"),
        ("X = 2.0 ^ -2", "0.25"),
        ("X = 2 ^ 3.0", "8.0"),
        ("X = max(3, 7)", "7"),
        ("X = min(3, 7)", "3"),
        ("X = max(1, 2.5)", "2.5"),
        ("X = min(1, 1.0)", "1"),
        ("X = max(2024-01, 2023-12-31)", "2024-01"),
        ("X = min(\"b\", \"a\")", "\"a\""),
        ("X = max(1, \"a\")", "\"a\""),
        ("X = max(2, 3) * min(4, 5) + 1", "13"),
    ])
    func evaluates(expression: String, expected: String) throws {
        #expect(try solve("?- \(expression).") == [expected])
    }

    @Test func powerOverflowIsAnError() throws {
        let e = try #require(evaluationError("?- X = 2 ^ 63."))
        #expect(e.kind == .integerOverflow)
        #expect(e.message == "integer overflow: 2 ^ 63 does not fit in 64 bits")
        #expect(e.range?.text == "2 ^ 63")
        let big = try #require(evaluationError("?- X = 3 ^ 100000000000."))
        #expect(big.kind == .integerOverflow)
    }

    @Test func integerPowersNeedAnExponentOfZeroOrMore() throws {
        let e = try #require(evaluationError("?- X = 2 ^ -1."))
        #expect(e.message == "'^' between integers needs an exponent of 0 or more, but got -1 in '2 ^ -1'; write 2.0 ^ -1 for a decimal")
    }

    @Test func exponentsAreWholeNumbers() throws {
        let e = try #require(evaluationError("?- X = 2 ^ 0.5."))
        #expect(e.message == "'^' needs a whole-number exponent, but got 0.5 in '2 ^ 0.5' (kg's decimals are exact and take no roots)")
        let n = try #require(evaluationError("?- X = \"a\" ^ 2."))
        #expect(n.message == "'^' needs numbers, but got the string \"a\" in '\"a\" ^ 2'")
    }

    @Test func decimalPowersOutOfRangeAreErrors() throws {
        let e = try #require(evaluationError("?- X = 10.5 ^ 200."))
        #expect(e.kind == .integerOverflow)
        let u = try #require(evaluationError("?- X = 0.5 ^ 500."))
        #expect(u.kind == .integerOverflow)
    }

    @Test func inRules() throws {
        let out = try solve("""
            score(a, 3). score(a, 9). score(b, 4).
            best(X, max(S, 5)) :- score(X, S).
            ?- best(X, B).
            """)
        #expect(out == ["a, 5", "a, 9", "b, 5"])
    }
}
