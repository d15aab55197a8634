import Foundation
import Testing
import KGStore
@testable import KGLanguage

/// Lexes `file` to the end: every token but the final end-of-file, and the diagnostics.
private func lex(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    var lexer = Lexer(file: file)
    var tokens: [Token] = []
    while true {
        let t = lexer.next()
        if t.kind == .endOfFile { break }
        tokens.append(t)
        if tokens.count > 10_000 { Issue.record("lexer does not terminate"); break }
    }
    return (tokens, lexer.diagnostics)
}

/// The token kinds of `text`, expecting no lexical error.
private func kinds(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Token.Kind] {
    let (tokens, diagnostics) = lex(SourceFile(name: "t.dl", text: text))
    #expect(diagnostics.isEmpty, "unexpected: \(diagnostics.map(\.message))", sourceLocation: sourceLocation)
    return tokens.map(\.kind)
}

/// The lexical errors of `bytes` as `line:col: message`.
private func errors(_ bytes: [UInt8]) -> [String] {
    let file = SourceFile(name: "t.dl", bytes: bytes)
    return lex(file).diagnostics.map { d in
        let (line, column) = file.lineAndColumn(of: d.range!.start)
        return "\(line):\(column): \(d.message)"
    }
}

/// The lexical errors of `text` as `line:col: message`.
private func errors(_ text: String) -> [String] { errors(Array(text.utf8)) }

private func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

@Suite struct LexerTests {
    @Test func namesVariablesAndAnonymous() {
        #expect(kinds("ecuador v_plenary_session_4 aB9 S State _tmp _ X1") == [
            .name("ecuador"), .name("v_plenary_session_4"), .name("aB9"), .variable("S"), .variable("State"),
            .variable("_tmp"), .anonymous, .variable("X1"),
        ])
    }

    @Test func punctuationAndOperators() {
        #expect(kinds("( ) , . : :- ?- ! = != < <= > >= + - * / A % 1") == [
            .leftParen, .rightParen, .comma, .dot, .colon, .turnstile, .queryMark, .bang, .equal, .notEqual,
            .less, .lessOrEqual, .greater, .greaterOrEqual, .plus, .minus, .star, .slash, .variable("A"), .percent, .integer(1),
        ])
    }

    @Test func disjunctionAggregateAndPowerTokens() {
        #expect(kinds("a ; b N = count : { p(X) } X ^ 2") == [
            .name("a"), .semicolon, .name("b"), .variable("N"), .equal, .name("count"), .colon, .leftBrace,
            .name("p"), .leftParen, .variable("X"), .rightParen, .rightBrace, .variable("X"), .caret, .integer(2),
        ])
        // `count:p` is a prefixed name, as any `name:name` is; `count:{` is not.
        #expect(kinds("count:p count:{") == [.prefixedName(prefix: "count", local: "p"), .name("count"), .colon, .leftBrace])
    }

    @Test func tokenSpansAreByteOffsets() {
        let (tokens, _) = lex(SourceFile(name: "t.dl", text: "p(X) :- q."))
        #expect(tokens.map { [$0.start, $0.end] } == [[0, 1], [1, 2], [2, 3], [3, 4], [5, 7], [8, 9], [9, 10]])
    }

    @Test func literals() {
        #expect(kinds(#"42 3.25 0 "Perú" 2024-10-10 2018-05"#) == [
            .integer(42), .decimal(decimal("3.25")), .integer(0), .string("Perú", language: nil),
            .date(KGDate(year: 2024, month: 10, day: 10)), .date(KGDate(year: 2018, month: 5)),
        ])
    }

    @Test func numberFollowedByFullStopIsNotADecimal() {
        #expect(kinds("p(1).") == [.name("p"), .leftParen, .integer(1), .rightParen, .dot])
        #expect(kinds("n(3.5).") == [.name("n"), .leftParen, .decimal(decimal("3.5")), .rightParen, .dot])
    }

    @Test func prefixedNamesAndIRIs() {
        #expect(kinds("ex:alice rdf:type <http://example.org/a#b> ex:a-b.c") == [
            .prefixedName(prefix: "ex", local: "alice"), .prefixedName(prefix: "rdf", local: "type"),
            .iri("http://example.org/a#b"), .prefixedName(prefix: "ex", local: "a-b.c"),
        ])
        // `done:-` is a name then a turnstile.
        #expect(kinds("done:-q.") == [.name("done"), .turnstile, .name("q"), .dot])
    }

    @Test func lessThanIsNotAnIRI() {
        #expect(kinds("X < Y") == [.variable("X"), .less, .variable("Y")])
        #expect(kinds("X<Y") == [.variable("X"), .less, .variable("Y")])
        #expect(kinds("X<=Y") == [.variable("X"), .lessOrEqual, .variable("Y")])
        #expect(kinds("count<P>") == [.name("count"), .less, .variable("P"), .greater])
        #expect(kinds("count<P, Q>") == [.name("count"), .less, .variable("P"), .comma, .variable("Q"), .greater])
        #expect(kinds("X < Y, Y > Z") == [.variable("X"), .less, .variable("Y"), .comma, .variable("Y"), .greater, .variable("Z")])
        #expect(kinds("A<B,C>D") == [.variable("A"), .less, .variable("B"), .comma, .variable("C"), .greater, .variable("D")])
        #expect(kinds("<a:b>") == [.iri("a:b")])
    }

    @Test func datesVersusSubtraction() {
        #expect(kinds("2024-10-10") == [.date(KGDate(year: 2024, month: 10, day: 10))])
        #expect(kinds("2024-10") == [.date(KGDate(year: 2024, month: 10))])
        #expect(kinds("2024 - 10") == [.integer(2024), .minus, .integer(10)])
        #expect(kinds("2024 -10") == [.integer(2024), .minus, .integer(10)])
        #expect(kinds("2024-1") == [.integer(2024), .minus, .integer(1)])
        #expect(kinds("2024-100") == [.integer(2024), .minus, .integer(100)])
        #expect(kinds("202-10") == [.integer(202), .minus, .integer(10)])
        #expect(kinds("X-1") == [.variable("X"), .minus, .integer(1)])
        #expect(kinds("2024-10-1") == [.date(KGDate(year: 2024, month: 10)), .minus, .integer(1)])
    }

    @Test func invalidDatesAreErrors() {
        #expect(errors("d(2024-13).") == ["1:3: invalid date '2024-13': month must be 01-12 and the day must exist in that month"])
        #expect(errors("d(2023-02-29).") == ["1:3: invalid date '2023-02-29': month must be 01-12 and the day must exist in that month"])
    }

    @Test func stringEscapes() {
        #expect(kinds(#""a\"b\\c\nd\te\u00e9\U0001F600""#) == [.string("a\"b\\c\nd\te\u{e9}\u{1F600}", language: nil)])
        #expect(kinds(#""\u00E9" "é""#) == [.string("é", language: nil), .string("é", language: nil)])
    }

    @Test func invalidEscapesAreErrorsWithPositions() {
        #expect(errors(#"p("a\qb")."#) == [#"1:5: invalid escape '\q' in string: use \" \\ \n \t \r or \uXXXX"#])
        #expect(errors(#"p("\u00g9")."#) == [#"1:4: invalid escape: '\u' needs 4 hex digits naming a Unicode scalar"#])
        #expect(errors(#"p("\uD800")."#) == [#"1:4: invalid escape: '\u' needs 4 hex digits naming a Unicode scalar"#])
    }

    @Test func unterminatedStringIsAnError() {
        #expect(errors("p(\"abc).\nq.") == ["1:3: unterminated string: missing closing '\"'"])
    }

    @Test func languageTags() {
        #expect(kinds(#""Perú"@es "x"@EN-gb "y" @es"#) == [
            .string("Perú", language: "es"), .string("x", language: "en-gb"), .string("y", language: nil),
            .directive("es"),
        ])
    }

    @Test func commentsOfAllThreeKinds() {
        #expect(kinds("p. % a comment\nq. // another\nr. /* block\n over lines */ s.") == [
            .name("p"), .dot, .name("q"), .dot, .name("r"), .dot, .name("s"), .dot,
        ])
        #expect(errors("p. /* never closed\nq.") == ["1:4: unterminated comment: '/*' has no matching '*/'"])
    }

    @Test func commentMarkersInsideStringsAreText() {
        #expect(kinds(#"p("a % b // c /* d */ e")."#) == [
            .name("p"), .leftParen, .string("a % b // c /* d */ e", language: nil), .rightParen, .dot,
        ])
        #expect(kinds("p(<http://example.org/a>). // <http://x>") == [.name("p"), .leftParen, .iri("http://example.org/a"), .rightParen, .dot])
    }

    @Test func percentIsRemainderOnlyBetweenOperands() {
        #expect(kinds("N = A % 2") == [.variable("N"), .equal, .variable("A"), .percent, .integer(2)])
        #expect(kinds("N = A%B") == [.variable("N"), .equal, .variable("A"), .percent, .variable("B")])
        #expect(kinds("N = (A) % (B)") == [
            .variable("N"), .equal, .leftParen, .variable("A"), .rightParen, .percent, .leftParen, .variable("B"), .rightParen,
        ])
        #expect(kinds("N = 7 % -2") == [.variable("N"), .equal, .integer(7), .percent, .minus, .integer(2)])
        // After an operand but before a word: a comment.
        #expect(kinds("p(a). % Y is the year") == [.name("p"), .leftParen, .name("a"), .rightParen, .dot])
        #expect(kinds("p(a) % note\n.") == [.name("p"), .leftParen, .name("a"), .rightParen, .dot])
        // At the start of a line or after an operator: a comment.
        #expect(kinds("% 2 + 2\np.") == [.name("p"), .dot])
        #expect(kinds("X = % 5\n3") == [.variable("X"), .equal, .integer(3)])
    }

    @Test func directives() {
        #expect(kinds(#"@include "rules.dl". @prefix @source @pred @other"#) == [
            .directive("include"), .string("rules.dl", language: nil), .dot, .directive("prefix"), .directive("source"),
            .directive("pred"), .directive("other"),
        ])
        #expect(errors("@ include.") == ["1:1: expected a directive name after '@'"])
    }

    @Test func keywordsAreWholeWords() {
        #expect(kinds("noto(X)") == [.name("noto"), .leftParen, .variable("X"), .rightParen])
        #expect(kinds("not p") == [.name("not"), .name("p")])
        #expect(kinds("nothing") == [.name("nothing")])
    }

    @Test func byteOrderMarkIsSkipped() {
        let file = SourceFile(name: "t.dl", bytes: [0xEF, 0xBB, 0xBF] + Array("p.\nq(é).".utf8))
        let (tokens, diagnostics) = lex(file)
        #expect(tokens.map(\.kind) == [.name("p"), .dot, .name("q"), .leftParen, .rightParen, .dot])
        // The mark is not part of the text, nor of any column.
        #expect(tokens[0].start == 0)
        #expect(file.lineText(1) == "p.")
        #expect(diagnostics.map { $0.range!.location } == ["t.dl:2:3"])
    }

    @Test func crlfLineEndings() {
        let file = SourceFile(name: "t.dl", text: "p(a).\r\nq(b).\r\n?- r(@).\r\n")
        #expect(file.lineText(2) == "q(b).")
        let diagnostics = lex(file).diagnostics
        #expect(diagnostics.map(\.message) == ["expected a directive name after '@'"])
        #expect(diagnostics.first?.range?.location == "t.dl:3:6")
        #expect(kinds("p(a).\r\nq.") == [.name("p"), .leftParen, .name("a"), .rightParen, .dot, .name("q"), .dot])
    }

    @Test func unexpectedCharactersAreErrorsWithPositions() {
        #expect(errors("p(a).\nq(é).") == ["2:3: unexpected character 'é'"])
        #expect(errors("p(a) | q.") == ["1:6: unexpected character '|'"])
        #expect(errors("p(a). ? q.") == ["1:7: unexpected character '?'; a query starts with '?-'"])
        // A bad character is skipped and lexing goes on.
        let (tokens, _) = lex(SourceFile(name: "t.dl", text: "p(a) $ q"))
        #expect(tokens.map(\.kind) == [.name("p"), .leftParen, .name("a"), .rightParen, .name("q")])
    }

    @Test func invalidUTF8AndNULAreErrorsWithPositions() {
        #expect(errors(Array("p(a).\nq(".utf8) + [0xFF] + Array(").".utf8)) == ["2:3: unexpected character (invalid UTF-8 byte 0xFF)"])
        #expect(errors(Array("p(".utf8) + [0x00] + Array(").".utf8)) == ["1:3: unexpected character (control byte 0x0)"])
        #expect(errors(Array("p(".utf8) + [0xC3] + Array(").".utf8)) == ["1:3: unexpected character (invalid UTF-8 byte 0xC3)"])
    }

    @Test
    func invalidUTF8AndNULInsideStringsAreErrors() {
        #expect(errors(Array("p(\"a".utf8) + [0xFF] + Array("b\").".utf8)).count == 1)
        #expect(errors(Array("p(\"a".utf8) + [0x00] + Array("b\").".utf8)).count == 1)
    }

    @Test func integerOverflowIsAnError() {
        #expect(errors("n(99999999999999999999).") == ["1:3: integer literal is too large for a 64-bit integer"])
        #expect(kinds("9223372036854775807") == [.integer(9_223_372_036_854_775_807)])
        // Fits the lexer's unsigned magnitude; the parser decides with the sign.
        #expect(kinds("18446744073709551615") == [.integer(UInt64.max)])
        #expect(errors("18446744073709551616") == ["1:1: integer literal is too large for a 64-bit integer"])
    }

    @Test func endOfFileRepeats() {
        var lexer = Lexer(file: SourceFile(name: "t.dl", text: "p"))
        #expect(lexer.next().kind == .name("p"))
        #expect(lexer.next().kind == .endOfFile)
        #expect(lexer.next().kind == .endOfFile)
    }
}
