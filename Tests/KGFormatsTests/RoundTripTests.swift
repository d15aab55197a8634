import Foundation
import KGStore
import Testing
@testable import KGFormats

/// Writing then reading gives back the same statements, in every format.
@Suite struct RoundTripTests {
    typealias T = RDFTest

    /// Every kind of term kg holds, in subject, predicate and object positions. (Not an IRI
    /// holding a character IRIREF leaves out, such as a space: no syntax kg reads can hold one,
    /// escaped or not, so none reaches the store.)
    static let statements: [RDFStatement] = {
        let s = Term.entity("ecuador"), p = Term.entity("member_of")
        let objects: [Term] = [
            .entity("csm"), .iri("http://example.org/x"), .iri("http://example.org/with%20space"),
            .iri("urn:kg:Capitalised"), .blankNode("b7"),
            T.str("plain"), T.str("Perú", "es"), T.str("tab\tquote\"back\\slash\nnewline\r\u{0}\u{7F}"),
            T.str(""), T.str("😀 日本"),
            .integer(0), .integer(-42), .integer(.max), .integer(.min),
            T.dec("3.25"), T.dec("-0.5"), T.dec("3"), T.dec("123456789.000001"),
            .date(KGDate(year: 2024, month: 10, day: 10)), .date(KGDate(year: 2018, month: 5)),
            .typedLiteral(lexical: "01", datatype: XSD.integer),
            .typedLiteral(lexical: "+5", datatype: XSD.integer),
            .typedLiteral(lexical: "3.50", datatype: XSD.decimal),
            .typedLiteral(lexical: "2024-02-30", datatype: XSD.date),
            .typedLiteral(lexical: "true", datatype: T.xsd + "boolean"),
            .typedLiteral(lexical: "1.0E3", datatype: T.xsd + "double"),
            .typedLiteral(lexical: "x y", datatype: "http://example.org/dt"),
        ]
        var list = objects.map { T.triple(s, p, $0) }
        list.append(T.triple(.blankNode("b7"), .iri(T.rdf + "type"), .iri("http://example.org/Class")))
        list.append(T.triple(.iri("http://example.org/s"), .iri("http://example.org/p"), .entity("peru")))
        return list
    }()

    func roundTrip(_ format: RDFFormat, _ statements: [RDFStatement],
                   prefixes: [(String, String)] = []) throws -> [RDFStatement] {
        var text = ""
        RDFWriter(format: format, prefixes: prefixes).write(statements, to: &text)
        return try T.parse(text, format)
    }

    @Test func nTriples() throws {
        #expect(try roundTrip(.nTriples, RoundTripTests.statements) == RoundTripTests.statements)
    }

    @Test func turtle() throws {
        let back = try roundTrip(.turtle, RoundTripTests.statements, prefixes: [("ex", "http://example.org/")])
        #expect(back == RoundTripTests.statements)
    }

    @Test func nQuadsKeepGraphs() throws {
        let quads = RoundTripTests.statements.enumerated().map { index, statement in
            var statement = statement
            statement.graph = index % 3 == 0 ? nil : index % 3 == 1 ? .entity("report_2024") : .iri("http://example.org/g")
            return statement
        }
        #expect(try roundTrip(.nQuads, quads) == quads)
    }

    @Test func defaultGraphReadsBackAsNoGraph() throws {
        let quad = T.triple(.entity("a"), .entity("p"), .entity("b"), .entity("default"))
        #expect(try roundTrip(.nQuads, [quad]) == [T.triple(.entity("a"), .entity("p"), .entity("b"))])
    }

    @Test func leadingZeroIntegerStaysTyped() throws {
        let statement = T.triple(.entity("a"), .entity("code"), .typedLiteral(lexical: "01", datatype: XSD.integer))
        for format in [RDFFormat.nTriples, .nQuads, .turtle] {
            let back = try roundTrip(format, [statement])
            #expect(back == [statement])
            guard case .typedLiteral(let lexical, _) = back.first?.object else {
                Issue.record("\(format): not a typed literal")
                continue
            }
            #expect(lexical == "01")
        }
    }

    @Test func turtleDocumentSurvivesReadWriteRead() throws {
        let document = """
            @prefix ex: <http://example.org/> .
            @prefix kg: <urn:kg:> .
            kg:ecuador a ex:State ; kg:member_of kg:csm , kg:rcm ;
                ex:label "Ecuador"@es , 'EC' ; ex:list ( 1 2.5 "three" ) ;
                ex:node [ ex:p [ ex:q true ] ] .
            """
        let first = try T.parse(document, .turtle)
        let second = try roundTrip(.turtle, first, prefixes: [("ex", "http://example.org/")])
        #expect(second == first)
        let third = try roundTrip(.nTriples, first)
        #expect(third == first)
    }
}
