import Foundation
import KGStore
import Testing
@testable import KGFormats

/// Turtle reading: good syntax, in the W3C test-case categories.
@Suite struct TurtleParserTests {
    typealias T = RDFTest
    static let prefixes = "@prefix ex: <http://example.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"

    func parse(_ body: String, base: String? = nil) throws -> [RDFStatement] {
        try T.parse(TurtleParserTests.prefixes + body, .turtle, base: base)
    }

    @Test func nTriplesIsTurtle() throws {
        let statements = try T.parse("<http://example.org/s> <http://example.org/p> <http://example.org/o> .", .turtle)
        #expect(statements == [T.triple(T.ex("s"), T.ex("p"), T.ex("o"))])
    }

    @Test func prefixedNames() throws {
        let statements = try parse("ex:s ex:p ex:o .\nex:s ex:p ex: .")
        #expect(statements == [T.triple(T.ex("s"), T.ex("p"), T.ex("o")), T.triple(T.ex("s"), T.ex("p"), T.ex(""))])
    }

    @Test func emptyPrefixAndSparqlStyleDirectives() throws {
        let text = """
            PREFIX : <http://example.org/>
            prefix ns: <http://other.example/ns#>
            BASE <http://base.example/dir/>
            :s ns:p <rel> .
            """
        let statements = try T.parse(text, .turtle)
        #expect(statements == [T.triple(T.ex("s"), T.iri("http://other.example/ns#p"), T.iri("http://base.example/dir/rel"))])
    }

    @Test func prefixRedefinitionAndDottedPrefixNames() throws {
        let text = """
            @prefix p: <http://one.example/> .
            p:a p:b p:c .
            @prefix p: <http://two.example/> .
            @prefix a.b: <http://dots.example/> .
            p:a p:b a.b:c .
            """
        let objects = try T.parse(text, .turtle).map(\.object)
        #expect(objects == [T.iri("http://one.example/c"), T.iri("http://dots.example/c")])
    }

    @Test func localNameForms() throws {
        let statements = try parse("""
            ex:a.b ex:p ex:0digit , ex:with-dash , ex:c:d , ex:%41x , ex:esc\\~\\.\\, .
            ex:s ex:p ex:end.
            """)
        #expect(statements.first?.subject == T.ex("a.b"))
        #expect(statements.map(\.object) == [
            T.ex("0digit"), T.ex("with-dash"), T.ex("c:d"), T.ex("%41x"), T.ex("esc~.,"), T.ex("end"),
        ])
    }

    @Test func unicodeNames() throws {
        let statements = try T.parse("@prefix é: <http://e.example/> .\né:café é:p é:naïve·x .", .turtle)
        #expect(statements == [T.triple(.iri("http://e.example/café"), .iri("http://e.example/p"), .iri("http://e.example/naïve·x"))])
    }

    @Test func aIsRDFType() throws {
        let statements = try parse("ex:s a ex:Class .")
        #expect(statements == [T.triple(T.ex("s"), T.iri(T.rdf + "type"), T.ex("Class"))])
    }

    @Test func predicateAndObjectLists() throws {
        let statements = try parse("ex:s ex:p ex:o1 , ex:o2 ; ex:q ex:o3 ;; ex:r ex:o4 ; .")
        #expect(statements == [
            T.triple(T.ex("s"), T.ex("p"), T.ex("o1")), T.triple(T.ex("s"), T.ex("p"), T.ex("o2")),
            T.triple(T.ex("s"), T.ex("q"), T.ex("o3")), T.triple(T.ex("s"), T.ex("r"), T.ex("o4")),
        ])
    }

    @Test func labelledBlankNodes() throws {
        let statements = try parse("_:a ex:p _:b .\n_:b ex:p _:a .")
        #expect(statements == [
            T.triple(.blankNode("a"), T.ex("p"), .blankNode("b")),
            T.triple(.blankNode("b"), T.ex("p"), .blankNode("a")),
        ])
    }

    @Test func anonymousBlankNodes() throws {
        let statements = try parse("[] ex:p [ ] .\n[ ex:q \"v\" ] .\n[ ex:q \"w\" ] ex:r ex:o .")
        #expect(statements == [
            T.triple(.blankNode("b0"), T.ex("p"), .blankNode("b1")),
            T.triple(.blankNode("b2"), T.ex("q"), T.str("v")),
            T.triple(.blankNode("b3"), T.ex("q"), T.str("w")),
            T.triple(.blankNode("b3"), T.ex("r"), T.ex("o")),
        ])
    }

    @Test func nestedBlankNodePropertyLists() throws {
        let statements = try parse("ex:s ex:p [ ex:q [ ex:r ex:o ] ; ex:t \"x\" ] .")
        #expect(Set(statements) == [
            T.triple(.blankNode("b1"), T.ex("r"), T.ex("o")),
            T.triple(.blankNode("b0"), T.ex("q"), .blankNode("b1")),
            T.triple(.blankNode("b0"), T.ex("t"), T.str("x")),
            T.triple(T.ex("s"), T.ex("p"), .blankNode("b0")),
        ])
        #expect(statements.count == 4)
    }

    @Test func generatedLabelsAvoidDocumentLabels() throws {
        let statements = try parse("_:b0 ex:p [] .\n[] ex:p _:b1 .")
        // _:b0 is the document's; [] gets b1; the next [] gets b2; the document's _:b1 is renamed.
        let labels = statements.flatMap { [$0.subject, $0.object] }
        #expect(labels == [.blankNode("b0"), .blankNode("b1"), .blankNode("b2"), .blankNode("b3")])
    }

    @Test func collections() throws {
        let first = T.iri(T.rdf + "first"), rest = T.iri(T.rdf + "rest"), nilList = T.iri(T.rdf + "nil")
        let statements = try parse("ex:s ex:p ( ex:a \"b\" 1 ) .\nex:s ex:q () .")
        #expect(statements == [
            T.triple(.blankNode("b0"), first, T.ex("a")),
            T.triple(.blankNode("b0"), rest, .blankNode("b1")),
            T.triple(.blankNode("b1"), first, T.str("b")),
            T.triple(.blankNode("b1"), rest, .blankNode("b2")),
            T.triple(.blankNode("b2"), first, .integer(1)),
            T.triple(.blankNode("b2"), rest, nilList),
            T.triple(T.ex("s"), T.ex("p"), .blankNode("b0")),
            T.triple(T.ex("s"), T.ex("q"), nilList),
        ])
    }

    @Test func collectionAsSubjectAndNested() throws {
        let statements = try parse("( ( ex:a ) [ ex:p ex:o ] ) ex:q ex:r .")
        #expect(statements.count == 8)
        #expect(statements.last == T.triple(.blankNode("b0"), T.ex("q"), T.ex("r")))
    }

    @Test func shortAndLongStrings() throws {
        let statements = try parse("""
            ex:s ex:p "double" , 'single' , \"\"\"long "double" ""quoted"" end\"\"\" , '''long 'single'
            second line''' , "" , '' , \"\"\"\"\"\" .
            """)
        #expect(statements.map(\.object) == [
            T.str("double"), T.str("single"), T.str("long \"double\" \"\"quoted\"\" end"),
            T.str("long 'single'\nsecond line"), T.str(""), T.str(""), T.str(""),
        ])
    }

    @Test func escapesInAllQuoteForms() throws {
        let statements = try parse(#"""
            ex:s ex:p "a\tb\u00E9\U0001F600" , 'it\'s \"q\"' , """x\ny\\""" , '''\b\f\r''' .
            """#)
        #expect(statements.map(\.object) == [
            T.str("a\tb\u{E9}\u{1F600}"), T.str("it's \"q\""), T.str("x\ny\\"), T.str("\u{8}\u{C}\r"),
        ])
    }

    @Test func languageTagsAndDatatypes() throws {
        let statements = try parse("""
            ex:s ex:p "hola"@es , 'colour'@en-GB , '''long'''@fr ,
                "5"^^xsd:integer , "05"^^xsd:integer , "5"^^<http://www.w3.org/2001/XMLSchema#integer> ,
                "2.50"^^xsd:decimal , "2.5"^^xsd:decimal , "2018-05"^^xsd:gYearMonth , "2024-02-30"^^xsd:date ,
                "x"^^ex:dt , "s"^^xsd:string .
            """)
        #expect(statements.map(\.object) == [
            T.str("hola", "es"), T.str("colour", "en-GB"), T.str("long", "fr"),
            .integer(5), .typedLiteral(lexical: "05", datatype: XSD.integer), .integer(5),
            .typedLiteral(lexical: "2.50", datatype: XSD.decimal), T.dec("2.5"),
            .date(KGDate(year: 2018, month: 5)), .typedLiteral(lexical: "2024-02-30", datatype: XSD.date),
            .typedLiteral(lexical: "x", datatype: "http://example.org/dt"), T.str("s"),
        ])
    }

    @Test func bareNumbersAndBooleans() throws {
        let statements = try parse("ex:s ex:p 42 , -7 , +3 , 007 , 0 , 3.25 , -0.5 , .5 , 2.50 , 1e3 , 1.5E-2 , 1.e5 , true , false .")
        #expect(statements.map(\.object) == [
            .integer(42), .integer(-7), .typedLiteral(lexical: "+3", datatype: XSD.integer),
            .typedLiteral(lexical: "007", datatype: XSD.integer), .integer(0),
            T.dec("3.25"), T.dec("-0.5"), .typedLiteral(lexical: ".5", datatype: XSD.decimal),
            .typedLiteral(lexical: "2.50", datatype: XSD.decimal),
            .typedLiteral(lexical: "1e3", datatype: T.xsd + "double"),
            .typedLiteral(lexical: "1.5E-2", datatype: T.xsd + "double"),
            .typedLiteral(lexical: "1.e5", datatype: T.xsd + "double"),
            .typedLiteral(lexical: "true", datatype: T.xsd + "boolean"),
            .typedLiteral(lexical: "false", datatype: T.xsd + "boolean"),
        ])
    }

    @Test func integerFollowedByStatementDot() throws {
        let statements = try parse("ex:s ex:p 1.\nex:s ex:p 2 .")
        #expect(statements.map(\.object) == [.integer(1), .integer(2)])
    }

    @Test func integerOverflowStaysTyped() throws {
        let statements = try parse("ex:s ex:p 9223372036854775807 , 9223372036854775808 , -9223372036854775808 .")
        #expect(statements.map(\.object) == [
            .integer(.max), .typedLiteral(lexical: "9223372036854775808", datatype: XSD.integer), .integer(.min),
        ])
    }

    @Test func commentsEverywhere() throws {
        let statements = try parse("""
            # heading
            ex:s # after subject
              ex:p # after predicate
              "v" # after object
              . # after dot
            # end
            """)
        #expect(statements == [T.triple(T.ex("s"), T.ex("p"), T.str("v"))])
    }

    @Test func baseResolution() throws {
        let text = """
            @base <http://a.example/b/c/d;p?q> .
            <g> <./g> <../g> .
            <#frag> <?y> <//other.example/x> .
            <../../../g> <g;x=1/../y> <> .
            @base <sub/> .
            <x> <http://abs.example/./keep> <../up> .
            """
        let statements = try T.parse(text, .turtle)
        #expect(statements == [
            T.triple(.iri("http://a.example/b/c/g"), .iri("http://a.example/b/c/g"), .iri("http://a.example/b/g")),
            T.triple(.iri("http://a.example/b/c/d;p?q#frag"), .iri("http://a.example/b/c/d;p?y"), .iri("http://other.example/x")),
            T.triple(.iri("http://a.example/g"), .iri("http://a.example/b/c/y"), .iri("http://a.example/b/c/d;p?q")),
            T.triple(.iri("http://a.example/b/c/sub/x"), .iri("http://abs.example/./keep"), .iri("http://a.example/b/c/up")),
        ])
    }

    @Test func readerBaseAndPrefixIRIsResolve() throws {
        let statements = try T.parse("@prefix r: <vocab#> .\n<s> r:p <o> .", .turtle, base: "http://base.example/doc")
        #expect(statements == [T.triple(.iri("http://base.example/s"), .iri("http://base.example/vocab#p"), .iri("http://base.example/o"))])
    }

    @Test func entitiesComeBackAsEntities() throws {
        let statements = try T.parse("@prefix kg: <urn:kg:> .\nkg:ecuador kg:member_of kg:csm , kg:Not_entity .", .turtle)
        #expect(statements == [
            T.triple(.entity("ecuador"), .entity("member_of"), .entity("csm")),
            T.triple(.entity("ecuador"), .entity("member_of"), .iri("urn:kg:Not_entity")),
        ])
    }

    @Test func whitespaceIsFlexible() throws {
        let statements = try parse("ex:s\tex:p\r\n\"v\"@en;ex:q\"w\",ex:o.")
        #expect(statements.map(\.object) == [T.str("v", "en"), T.str("w"), T.ex("o")])
    }
}
