import Testing
@testable import KGLanguage

/// The parse of a query's answer options (`:select`, `:order`, `:limit`, `:offset`).
@Suite struct QueryOptionsTests {
    /// The options of the one query of `text`, and the parse errors as `col: message`.
    private func parse(_ text: String) -> (options: QueryOptions?, errors: [String]) {
        let (statements, diagnostics) = Parser.parse(SourceFile(name: "t.dl", text: text))
        let errors = diagnostics.map { d in "\(d.range.map { $0.file.lineAndColumn(of: $0.start).column } ?? 0): \(d.message)" }
        guard case .query(let q)? = statements.first else { return (nil, errors) }
        return (q.options, errors)
    }

    @Test func everyOptionInAnyOrder() throws {
        let (o, errors) = parse("?- p(S, N), q(S) :limit 5 :order -N, S :offset 2 :select S, N.")
        #expect(errors.isEmpty)
        let options = try #require(o)
        #expect(options.select?.map(\.name) == ["S", "N"])
        #expect(options.order?.map(\.variable.name) == ["N", "S"])
        #expect(options.order?.map(\.descending) == [true, false])
        #expect(options.limit == 5)
        #expect(options.offset == 2)
    }

    @Test func aQueryWithoutOptionsHasNone() throws {
        let options = try #require(parse("?- p(X).").options)
        #expect(options.isEmpty)
    }

    @Test func theQueryTextKeepsTheOptions() throws {
        let (statements, _) = Parser.parse(SourceFile(name: "t.dl", text: "?- p(X) :limit 1."))
        guard case .query(let q)? = statements.first else { Issue.record("no query"); return }
        #expect(q.text == "p(X) :limit 1")
    }

    @Test func anAtomWithoutArgumentsMayBeFollowedByOptions() throws {
        let (o, errors) = parse("?- done :limit 1.")
        #expect(errors.isEmpty)
        #expect(o?.limit == 1)
    }

    @Test func theColumnsAreTheSelectedOnesElseTheBodysNamedVariables() throws {
        let (statements, _) = Parser.parse(SourceFile(name: "t.dl", text: "?- p(S, _M, N), S != N. ?- p(S, _M, N) :select N, _M."))
        guard statements.count == 2, case .query(let a) = statements[0], case .query(let b) = statements[1] else {
            Issue.record("expected two queries")
            return
        }
        #expect(a.columns == ["S", "N"])
        #expect(b.columns == ["N", "_M"])
        #expect(b.bodyVariables == ["S", "_M", "N"])
    }

    @Test(arguments: [
        ("?- p(X) :limit -3.", "16: ':limit' takes a whole number, 0 or more, not '-3'"),
        ("?- p(X) :limit 2.5.", "16: ':limit' takes a whole number, 0 or more, not '2.5'"),
        ("?- p(X) :offset X.", "17: ':offset' takes a whole number, 0 or more, not variable 'X'"),
        ("?- p(X) :limit.", "15: ':limit' needs a whole number (0 or more), as in :limit 10"),
        ("?- p(X) :limit 99999999999999999999.", "16: integer literal is too large for a 64-bit integer"),
        ("?- p(X) :sort X.", "9: unknown query option ':sort'; did you mean ':order'? (the options are :select, :order, :limit and :offset)"),
        ("?- p(X) :selct X.", "9: unknown query option ':selct'; did you mean ':select'? (the options are :select, :order, :limit and :offset)"),
        ("?- p(X) :group X.", "9: unknown query option ':group' (the options are :select, :order, :limit and :offset)"),
        ("?- p(X) :order X :order X.", "18: ':order' is given twice; each option may appear once"),
        ("?- p(X) :select.", "16: expected a variable after ':select', found '.'"),
        ("?- p(X) :order peru.", "16: expected a variable (V ascending, -V descending) after ':order', found 'peru'"),
        ("?- p(X) :order - X.", "16: write a descending key with no space after the minus: -X"),
        ("?- p(X) :select _.", "17: ':select' takes named variables of the query, not '_'"),
        ("?- p(X) :select X, X.", "20: ':select' names 'X' twice"),
        ("?- p(X) :order X, -X.", "20: ':order' names 'X' twice"),
        ("?- p(X) : limit 1.", "9: expected an option name after ':' (:select, :order, :limit or :offset)"),
        ("q(X) :- p(X) :limit 1.", "14: ':limit' shapes the answer of a query ('?- ...'); rules have no answers to shape"),
        ("p(a) :order X.", "6: ':order' shapes the answer of a query ('?- ...'); facts have no answers to shape"),
    ])
    func misuseIsAPositionedError(_ text: String, _ expected: String) {
        let (_, errors) = parse(text)
        #expect(errors.first == expected, "\(errors)")
    }

    @Test func anErrorInTheOptionsSkipsOnlyThatStatement() {
        let (statements, diagnostics) = Parser.parse(SourceFile(name: "t.dl", text: "?- p(X) :limit x. ?- p(X) :limit 2."))
        #expect(diagnostics.count == 1)
        #expect(statements.count == 1)
    }
}
