import KGStore
import Testing
@testable import KGFormats

/// Turtle reading: bad syntax, each error at the line and column of the offending character.
@Suite struct TurtleSyntaxErrorTests {
    typealias T = RDFTest
    /// Line 1 of every document; the statement under test starts on line 2.
    static let header = "@prefix ex: <http://example.org/> .\n"

    func expect(_ body: String, line: Int = 2, column: Int, _ message: String,
                sourceLocation: SourceLocation = #_sourceLocation) {
        T.expectError(TurtleSyntaxErrorTests.header + body, .turtle, line: line, column: column, message,
                      sourceLocation: sourceLocation)
    }

    @Test func unterminatedIRI() {
        expect("ex:s ex:p <http://example.org/o\nex:t ex:p ex:o .", column: 32, "unterminated IRI")
        expect("ex:s ex:p <http://example.org/o", column: 32, "unterminated IRI")
    }

    @Test func spacesAndForbiddenCharactersInIRIs() {
        expect("<http://example.org/a b> ex:p ex:o .", column: 22, "not allowed in an IRI")
        expect("ex:s ex:p <http://example.org/a|b> .", column: 32, "'|'")
    }

    @Test func badEscapes() {
        expect(#"ex:s ex:p "a\zb" ."#, column: 14, "invalid escape")
        expect(#"ex:s ex:p '''\u12''' ."#, column: 18, "4 hex digits")
        expect(#"ex:s ex:p ex:a\zb ."#, column: 16, "invalid escape in a local name")
        expect("ex:s ex:p ex:a%4G .", column: 17, "percent escape")
    }

    @Test func missingDot() {
        expect("ex:s ex:p ex:o\nex:t ex:p ex:o .", line: 3, column: 1, "expected '.'")
        expect("ex:s ex:p ex:o", column: 15, "end of input")
        expect("ex:s ex:p ex:o ex:x .", column: 16, "expected '.'")
    }

    @Test func undefinedPrefix() {
        expect("ex:s foo:p ex:o .", column: 6, "undefined prefix 'foo:'")
        expect("ex:s ex:p :o .", column: 11, "undefined prefix ':'")
    }

    @Test func literalAsSubject() {
        expect("\"lit\" ex:p ex:o .", column: 1, "literal cannot be a subject")
        expect("42 ex:p ex:o .", column: 1, "literal cannot be a subject")
        expect("true ex:p ex:o .", column: 1, "literal cannot be a subject")
    }

    @Test func badPredicates() {
        expect("ex:s \"p\" ex:o .", column: 6, "literal cannot be a predicate")
        expect("ex:s _:p ex:o .", column: 6, "predicate must be an IRI")
        expect("ex:s [] ex:o .", column: 6, "predicate must be an IRI")
        expect("ex:s ex:p ex:o ; \"x\" ex:o .", column: 18, "literal cannot be a predicate")
    }

    @Test func badLanguageTags() {
        expect("ex:s ex:p \"x\"@-en .", column: 15, "language tag")
        expect("ex:s ex:p \"x\"@en-US- .", column: 21, "language tag")
    }

    @Test func directives() {
        T.expectError("@prefx ex: <http://example.org/> .", .turtle, line: 1, column: 1, "unknown directive '@prefx'")
        T.expectError("@prefix ex: <http://example.org/>\nex:s ex:p ex:o .", .turtle, line: 2, column: 1,
                      "expected '.' after the @prefix directive")
        T.expectError("PREFIX ex: <http://example.org/> .", .turtle, line: 1, column: 34, "expected a subject")
        T.expectError("@prefix ex <http://example.org/> .", .turtle, line: 1, column: 11, "expected ':'")
        T.expectError("@prefix ex: \"x\" .", .turtle, line: 1, column: 13, "namespace IRI")
        T.expectError("@base \"x\" .", .turtle, line: 1, column: 7, "base IRI")
    }

    @Test func relativeIRIWithoutBase() {
        T.expectError("<rel> <http://e.example/p> <http://e.example/o> .", .turtle, line: 1, column: 1, "no base IRI")
        T.expectError("@base <relative/> .", .turtle, line: 1, column: 7, "no base IRI")
    }

    @Test func unterminatedStrings() {
        expect("ex:s ex:p \"\"\"abc\n\nmore", column: 11, "unterminated long string")
        expect("ex:s ex:p 'abc\n' .", column: 15, "unterminated string")
    }

    @Test func unclosedBracketsAndCollections() {
        expect("ex:s ex:p ( ex:a ", column: 18, "expected ')'")
        expect("ex:s ex:p [ ex:q ex:o .", column: 23, "expected ']'")
    }

    @Test func badObjects() {
        expect("ex:s ex:p a .", column: 11, "'a' can only be a predicate")
        expect("ex:s ex:p foo .", column: 11, "prefixed name needs ':'")
        expect("ex:s ex:p - .", column: 12, "invalid number")
        expect("ex:s ex:p .", column: 11, "expected an object")
        expect("ex:s ex:p \"x\"^<http://e/dt> .", column: 15, "'^^'")
        expect("ex:s ex:p \"x\"^^\"y\" .", column: 16, "datatype IRI")
    }

    @Test func badBlankNodeLabel() {
        expect("_:.a ex:p ex:o .", column: 3, "blank node label")
    }

    @Test func linesCountAcrossCRLFAndComments() {
        let text = "@prefix ex: <http://example.org/> .\r\n# comment\r\nex:s ex:p ex:o .\r\nex:s ex:p \"x\"@ .\r\n"
        T.expectError(text, .turtle, line: 4, column: 15, "language tag")
    }

    @Test func nestingTooDeep() {
        let deep = "ex:s ex:p " + String(repeating: "[ ex:p ", count: 600)
        expect(deep, column: 11 + 511 * 7, "nested too deeply")
        let lists = "ex:s ex:p " + String(repeating: "( ", count: 600)
        expect(lists, column: 11 + 511 * 2, "nested too deeply")
    }

    /// The W3C negative syntax tests turtle-syntax-bad-uri-escape-01..03: a UCHAR naming a
    /// character IRIREF leaves out is an error at its backslash, as the character would be.
    @Test func escapesOfCharactersNotAllowedInIRIs() {
        expect(#"<http://example.org/\u0020> ex:p ex:o ."#, column: 21, "the escape \\u0020 stands for U+0020, which is not allowed in an IRI")
        expect(#"ex:s ex:p <http://example.org/\u003C> ."#, column: 31, "stands for '<'")
        expect(#"ex:s ex:p <http://example.org/a\U0000007Cb> ."#, column: 32, "stands for '|', which is not allowed in an IRI, escaped or not (write it percent-encoded, as %7C)")
        expect(#"ex:s <http://example.org/\u005E> ex:o ."#, column: 26, "stands for '^'")
        expect(#"ex:s ex:p <http://example.org/\u0009> ."#, column: 31, "percent-encoded, as %09")
        // Other escapes stay allowed.
        let parsed = try? T.parse(#"<http://example.org/caf\u00E9\u0041> <http://example.org/p> <http://example.org/o> ."#, .turtle)
        #expect(parsed?.first?.subject == T.iri("http://example.org/caféA"))
        // N-Triples shares IRIREF, and the rule.
        #expect(T.syntaxError(#"<http://example.org/\u0020> <http://example.org/p> <http://example.org/o> ."#, .nTriples)?.message.contains("stands for U+0020") == true)
    }
}
