import Foundation
import KGStore
import Testing
@testable import KGFormats

/// Turtle output: prefixes used, grouping by subject and predicate, term forms.
@Suite struct TurtleWriterTests {
    typealias T = RDFTest

    func turtle(_ statements: [RDFStatement], prefixes: [(String, String)] = [], entityBase: String = "urn:kg:") -> String {
        var out = ""
        RDFWriter(format: .turtle, prefixes: prefixes, entityBase: entityBase).write(statements, to: &out)
        return out
    }

    @Test func groupsBySubjectAndPredicate() {
        let out = turtle([
            T.triple(.entity("ecuador"), .iri(T.rdf + "type"), .entity("state")),
            T.triple(.entity("ecuador"), .entity("member_of"), .entity("csm")),
            T.triple(.entity("ecuador"), .entity("member_of"), .entity("rcm")),
            T.triple(.entity("ecuador"), .entity("name"), T.str("Ecuador", "es")),
            T.triple(.entity("peru"), .entity("member_of"), .entity("csm")),
        ])
        #expect(out == """
            @prefix kg: <urn:kg:> .

            kg:ecuador a kg:state ;
                kg:member_of kg:csm, kg:rcm ;
                kg:name "Ecuador"@es .

            kg:peru kg:member_of kg:csm .

            """)
    }

    @Test func onlyUsedPrefixesAreDeclared() {
        let out = turtle([
            T.triple(.iri("http://example.org/s"), .iri("http://example.org/p"), .iri("http://other.example/o")),
        ], prefixes: [("ex", "http://example.org/"), ("unused", "http://unused.example/")])
        #expect(out == """
            @prefix ex: <http://example.org/> .

            ex:s ex:p <http://other.example/o> .

            """)
    }

    @Test func noPrefixesNoHeader() {
        let out = turtle([T.triple(.iri("http://e.example/s"), .iri("http://e.example/p"), .integer(5))])
        #expect(out == "<http://e.example/s> <http://e.example/p> 5 .\n")
    }

    @Test func literalForms() {
        let s = Term.entity("s"), p = Term.entity("p")
        let out = turtle([
            T.triple(s, p, .integer(-7)),
            T.triple(s, p, T.dec("3.25")),
            T.triple(s, p, .date(KGDate(year: 2024, month: 10, day: 10))),
            T.triple(s, p, .date(KGDate(year: 2018, month: 5))),
            T.triple(s, p, .typedLiteral(lexical: "01", datatype: XSD.integer)),
            T.triple(s, p, .typedLiteral(lexical: "true", datatype: T.xsd + "boolean")),
            T.triple(s, p, .typedLiteral(lexical: "x", datatype: "http://e.example/dt")),
            T.triple(s, p, T.str("line\nbreak \"q\"")),
        ])
        #expect(out == #"""
            @prefix kg: <urn:kg:> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

            kg:s kg:p -7, 3.25, "2024-10-10"^^xsd:date, "2018-05"^^xsd:gYearMonth, "01"^^xsd:integer, true, "x"^^<http://e.example/dt>, "line\nbreak \"q\"" .

            """#)
    }

    @Test func longestNamespaceWins() {
        let out = turtle([T.triple(.iri("http://e.example/a/b/c"), .iri("http://e.example/p"), .iri("http://e.example/a/x"))],
                         prefixes: [("e", "http://e.example/"), ("ea", "http://e.example/a/"), ("eab", "http://e.example/a/b/")])
        #expect(out == """
            @prefix e: <http://e.example/> .
            @prefix ea: <http://e.example/a/> .
            @prefix eab: <http://e.example/a/b/> .

            eab:c e:p ea:x .

            """)
    }

    @Test func invalidLocalNamesUseFullIRIs() {
        let out = turtle([
            T.triple(.iri("http://e.example/a b"), .iri("http://e.example/p"), .iri("http://e.example/ends.")),
            T.triple(.iri("http://e.example/x"), .iri("http://e.example/p"), .iri("http://e.example/-dash")),
            T.triple(.iri("http://e.example/x"), .iri("http://e.example/p"), .iri("http://e.example/%41ok")),
        ], prefixes: [("e", "http://e.example/")])
        #expect(out == #"""
            @prefix e: <http://e.example/> .

            <http://e.example/a\u0020b> e:p <http://e.example/ends.> .

            e:x e:p <http://e.example/-dash>, e:%41ok .

            """#)
    }

    @Test func rdfPrefixAndBlankNodes() {
        let out = turtle([
            T.triple(.blankNode("b0"), .iri(T.rdf + "first"), .entity("a")),
            T.triple(.blankNode("b0"), .iri(T.rdf + "rest"), .iri(T.rdf + "nil")),
        ])
        #expect(out == """
            @prefix kg: <urn:kg:> .
            @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .

            _:b0 rdf:first kg:a ;
                rdf:rest rdf:nil .

            """)
    }

    @Test func userPrefixOverridesBuiltInName() {
        let out = turtle([T.triple(.entity("a"), .iri("http://mine.example/p"), .entity("b"))],
                         prefixes: [("kg", "http://mine.example/")])
        // The caller's `kg` wins; entities then have no prefix and are written as full IRIs.
        #expect(out == """
            @prefix kg: <http://mine.example/> .

            <urn:kg:a> kg:p <urn:kg:b> .

            """)
    }

    @Test func orderIsTheCallers() {
        let out = turtle([
            T.triple(.entity("b"), .entity("p"), .entity("x")),
            T.triple(.entity("a"), .entity("p"), .entity("y")),
            T.triple(.entity("b"), .entity("p"), .entity("z")),
        ])
        #expect(out == """
            @prefix kg: <urn:kg:> .

            kg:b kg:p kg:x .

            kg:a kg:p kg:y .

            kg:b kg:p kg:z .

            """)
    }
}
