import KGStore
import Testing
@testable import KGFormats

/// N-Triples and N-Quads reading: good syntax and bad syntax with error positions.
@Suite struct NTriplesParserTests {
    typealias T = RDFTest

    // MARK: Good syntax

    @Test func iriTriple() throws {
        let statements = try T.parse("<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n", .nTriples)
        #expect(statements == [T.triple(T.ex("s"), T.ex("p"), T.ex("o"))])
    }

    @Test func emptyInputAndCommentsAndBlankLines() throws {
        #expect(try T.parse("", .nTriples).isEmpty)
        #expect(try T.parse("\n\n  \t\n# only a comment\n", .nTriples).isEmpty)
        let text = """
            # leading comment

            <http://example.org/s> <http://example.org/p> "x" . # trailing comment
               \t
            <http://example.org/s> <http://example.org/p> "y" .
            """
        #expect(try T.parse(text, .nTriples).map(\.object) == [T.str("x"), T.str("y")])
    }

    @Test func noFinalNewlineAndCRLF() throws {
        let text = "<http://a.example/s> <http://a.example/p> <http://a.example/o> .\r\n<http://a.example/s> <http://a.example/p> \"z\" ."
        #expect(try T.parse(text, .nTriples).count == 2)
    }

    @Test func noWhitespaceBetweenTerms() throws {
        let statements = try T.parse("<http://a.example/s><http://a.example/p><http://a.example/o>.", .nTriples)
        #expect(statements == [T.triple(T.iri("http://a.example/s"), T.iri("http://a.example/p"), T.iri("http://a.example/o"))])
    }

    @Test func blankNodes() throws {
        let text = """
            _:a <http://example.org/p> _:b1 .
            _:x.y <http://example.org/p> _:0 .
            _:z <http://example.org/p> _:end.
            """
        let statements = try T.parse(text, .nTriples)
        #expect(statements.map(\.subject) == [.blankNode("a"), .blankNode("x.y"), .blankNode("z")])
        #expect(statements.map(\.object) == [.blankNode("b1"), .blankNode("0"), .blankNode("end")])
    }

    @Test func literalForms() throws {
        let text = """
            <http://example.org/s> <http://example.org/p> "plain" .
            <http://example.org/s> <http://example.org/p> "Perú"@es .
            <http://example.org/s> <http://example.org/p> "colour"@en-GB .
            <http://example.org/s> <http://example.org/p> "text"^^<http://www.w3.org/2001/XMLSchema#string> .
            <http://example.org/s> <http://example.org/p> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <http://example.org/s> <http://example.org/p> "01"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <http://example.org/s> <http://example.org/p> "3.25"^^<http://www.w3.org/2001/XMLSchema#decimal> .
            <http://example.org/s> <http://example.org/p> "2024-10-10"^^<http://www.w3.org/2001/XMLSchema#date> .
            <http://example.org/s> <http://example.org/p> "x"^^<http://example.org/dt> .
            <http://example.org/s> <http://example.org/p> "" .
            """
        let objects = try T.parse(text, .nTriples).map(\.object)
        #expect(objects == [
            T.str("plain"), T.str("Perú", "es"), T.str("colour", "en-GB"), T.str("text"),
            .integer(42), .typedLiteral(lexical: "01", datatype: XSD.integer),
            T.dec("3.25"), .date(KGDate(year: 2024, month: 10, day: 10)),
            .typedLiteral(lexical: "x", datatype: "http://example.org/dt"), T.str(""),
        ])
    }

    @Test func stringEscapes() throws {
        let text = #"<http://e.org/s> <http://e.org/p> "t\tb\bn\nr\rf\fq\"a\'s\\u\u00E9U\U0001F600" ."#
        let objects = try T.parse(text, .nTriples).map(\.object)
        #expect(objects == [T.str("t\tb\u{8}n\nr\rf\u{C}q\"a's\\u\u{E9}U\u{1F600}")])
    }

    @Test func rawUnicodeAndIRIEscapes() throws {
        let text = #"<http://e.org/caf\u00E9> <http://e.org/p> "日本語 ✓" ."#
        let statements = try T.parse(text, .nTriples)
        #expect(statements == [T.triple(T.iri("http://e.org/café"), T.iri("http://e.org/p"), T.str("日本語 ✓"))])
    }

    @Test func fastAndSlowScanningPathsAgree() throws {
        // A single quote, raw non-ASCII and an escape after plain text each leave the fast path.
        let text = #"""
            <http://e.org/café> <http://e.org/p> "it's ünïcode" .
            <http://e.org/plain/then/\u00E9> <http://e.org/p> "plain then \\ backslash" .
            <http://e.org/x> <http://e.org/p> "'" .
            """#
        let statements = try T.parse(text, .nTriples)
        #expect(statements.map(\.subject) == [T.iri("http://e.org/café"), T.iri("http://e.org/plain/then/é"), T.iri("http://e.org/x")])
        #expect(statements.map(\.object) == [T.str("it's ünïcode"), T.str("plain then \\ backslash"), T.str("'")])
    }

    @Test func spacesAroundDatatypeMarker() throws {
        let text = #"<http://e.org/s> <http://e.org/p> "7" ^^ <http://www.w3.org/2001/XMLSchema#integer> ."#
        #expect(try T.parse(text, .nTriples).map(\.object) == [.integer(7)])
    }

    @Test func entitiesUnderTheEntityBase() throws {
        let text = """
            <urn:kg:ecuador> <urn:kg:member_of> <urn:kg:csm> .
            <urn:kg:Upper> <urn:kg:p> <urn:kg:a-b> .
            """
        let statements = try T.parse(text, .nTriples)
        #expect(statements[0] == T.triple(.entity("ecuador"), .entity("member_of"), .entity("csm")))
        #expect(statements[1] == T.triple(.iri("urn:kg:Upper"), .entity("p"), .iri("urn:kg:a-b")))
        let plain = try T.parse("<urn:kg:ecuador> <urn:kg:p> <urn:kg:x> .", .nTriples, entityBase: nil)
        #expect(plain[0].subject == .iri("urn:kg:ecuador"))
    }

    @Test func quads() throws {
        let text = """
            <http://e.org/s> <http://e.org/p> <http://e.org/o> <http://e.org/g> .
            <http://e.org/s> <http://e.org/p> "lit"@en _:g1 .
            <http://e.org/s> <http://e.org/p> "no graph" .
            <urn:kg:a> <urn:kg:b> <urn:kg:c> <urn:kg:report_2024> .
            """
        let statements = try T.parse(text, .nQuads)
        #expect(statements.map(\.graph) == [T.iri("http://e.org/g"), .blankNode("g1"), nil, .entity("report_2024")])
    }

    @Test func repeatedTermsAreReusedCorrectly() throws {
        // The parser reuses the previous subject/predicate term when bytes repeat.
        let text = """
            <urn:kg:a> <urn:kg:p> <urn:kg:x> .
            <urn:kg:a> <urn:kg:p> <urn:kg:y> .
            <urn:kg:ab> <urn:kg:p> <urn:kg:y> .
            <urn:kg:b> <urn:kg:q> <urn:kg:y> .
            """
        let statements = try T.parse(text, .nTriples)
        #expect(statements.map(\.subject) == [.entity("a"), .entity("a"), .entity("ab"), .entity("b")])
        #expect(statements.map(\.predicate) == [.entity("p"), .entity("p"), .entity("p"), .entity("q")])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<http://e.org/s> <http://e.org/p> \"x\" .".utf8)
        #expect(try T.parse(bytes: bytes, .nTriples).count == 1)
    }

    // MARK: Bad syntax

    @Test func unterminatedIRI() {
        T.expectError("<http://e.org/s> <http://e.org/p> <http://e.org/o\n", .nTriples, line: 1, column: 50, "unterminated IRI")
        T.expectError("<http://e.org/s", .nTriples, line: 1, column: 16, "unterminated IRI")
    }

    @Test func spaceInIRI() {
        T.expectError("<http://e.org/s> <http://e.org/p> <http://e.org/a b> .", .nTriples, line: 1, column: 50, "not allowed in an IRI")
    }

    @Test func forbiddenCharactersInIRI() {
        T.expectError("<http://e.org/a{b}> <http://e.org/p> <http://e.org/o> .", .nTriples, line: 1, column: 16, "'{'")
        T.expectError("<http://e.org/a\\n> <http://e.org/p> <http://e.org/o> .", .nTriples, line: 1, column: 17, "only \\u and \\U")
    }

    @Test func relativeIRI() {
        T.expectError("<s> <http://e.org/p> <http://e.org/o> .", .nTriples, line: 1, column: 1, "relative IRI")
        T.expectError("<http://e.org/s> <http://e.org/p> \"x\"^^<dt> .", .nTriples, line: 1, column: 40, "relative IRI")
    }

    @Test func badEscapes() {
        T.expectError(#"<http://e.org/s> <http://e.org/p> "a\qb" ."#, .nTriples, line: 1, column: 38, "invalid escape")
        T.expectError(#"<http://e.org/s> <http://e.org/p> "\u00ZZ" ."#, .nTriples, line: 1, column: 40, "4 hex digits")
        T.expectError(#"<http://e.org/s> <http://e.org/p> "\U0000006" ."#, .nTriples, line: 1, column: 45, "8 hex digits")
        T.expectError(#"<http://e.org/s> <http://e.org/p> "\uD800" ."#, .nTriples, line: 1, column: 36, "not a Unicode scalar")
    }

    @Test func missingDot() {
        T.expectError("<http://e.org/s> <http://e.org/p> <http://e.org/o>\n<http://e.org/s> <http://e.org/p> <http://e.org/o> .",
                      .nTriples, line: 1, column: 51, "expected '.'")
        T.expectError("<http://e.org/s> <http://e.org/p> \"o\"", .nTriples, line: 1, column: 38, "end of input")
        T.expectError("# c\n<http://e.org/s> <http://e.org/p> <http://e.org/o> <http://e.org/x> .", .nTriples,
                      line: 2, column: 52, "expected '.'")
    }

    @Test func tripleMustEndItsLine() {
        T.expectError("<http://e.org/s> <http://e.org/p> <http://e.org/o> . <http://e.org/s> <http://e.org/p> <http://e.org/o> .",
                      .nTriples, line: 1, column: 54, "end of the line")
    }

    @Test func literalAsSubjectOrPredicate() {
        T.expectError("\"lit\" <http://e.org/p> <http://e.org/o> .", .nTriples, line: 1, column: 1, "literal cannot be a subject")
        T.expectError("<http://e.org/s> \"p\" <http://e.org/o> .", .nTriples, line: 1, column: 18, "predicate must be an IRI")
        T.expectError("<http://e.org/s> _:p <http://e.org/o> .", .nTriples, line: 1, column: 18, "predicate must be an IRI")
    }

    @Test func unterminatedString() {
        T.expectError("<http://e.org/s> <http://e.org/p> \"abc\n\" .", .nTriples, line: 1, column: 39, "unterminated string")
        T.expectError("<http://e.org/s> <http://e.org/p> \"abc", .nTriples, line: 1, column: 39, "unterminated string")
    }

    @Test func badLanguageTags() {
        T.expectError("<http://e.org/s> <http://e.org/p> \"x\"@1en .", .nTriples, line: 1, column: 39, "language tag")
        T.expectError("<http://e.org/s> <http://e.org/p> \"x\"@en- .", .nTriples, line: 1, column: 42, "language tag")
        T.expectError("<http://e.org/s> <http://e.org/p> \"x\"@en_US .", .nTriples, line: 1, column: 41, "language tag")
    }

    @Test func badBlankNodeLabels() {
        T.expectError("_:-a <http://e.org/p> <http://e.org/o> .", .nTriples, line: 1, column: 3, "blank node label")
        T.expectError("_a <http://e.org/p> <http://e.org/o> .", .nTriples, line: 1, column: 2, "expected ':'")
    }

    @Test func turtleOnlySyntaxIsRejected() {
        T.expectError("<http://e.org/s> <http://e.org/p> 42 .", .nTriples, line: 1, column: 35, "expected an IRI, blank node or literal")
        T.expectError("@prefix ex: <http://e.org/> .", .nTriples, line: 1, column: 1, "expected an IRI or blank node as subject")
        T.expectError("<http://e.org/s> <http://e.org/p> 'single' .", .nTriples, line: 1, column: 35, "expected an IRI")
    }

    @Test func graphLabelOnlyInNQuads() {
        T.expectError("<http://e.org/s> <http://e.org/p> <http://e.org/o> <http://e.org/g> .", .nTriples,
                      line: 1, column: 52, "expected '.'")
        T.expectError("<http://e.org/s> <http://e.org/p> <http://e.org/o> \"g\" .", .nQuads,
                      line: 1, column: 52, "expected a graph label or '.'")
    }

    @Test func errorColumnsCountCharactersNotBytes() {
        T.expectError("<http://e.org/s> <http://e.org/p> \"é\" <x> .", .nTriples, line: 1, column: 39, "expected '.'")
    }

    @Test func invalidUTF8() {
        let bytes: [UInt8] = Array("<http://e.org/s> <http://e.org/p> \"a".utf8) + [0xFF] + Array("\" .".utf8)
        #expect(throws: RDFSyntaxError.self) { try T.parse(bytes: bytes, .nTriples) }
        do {
            _ = try T.parse(bytes: bytes, .nTriples)
        } catch let error as RDFSyntaxError {
            #expect(error.line == 1 && error.column == 37)
            #expect(error.message.contains("UTF-8"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
