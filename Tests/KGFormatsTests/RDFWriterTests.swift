import Foundation
import KGStore
import Testing
@testable import KGFormats

/// N-Triples and N-Quads output, and the N-Triples form of each kind of term.
@Suite struct RDFWriterTests {
    typealias T = RDFTest
    let writer = RDFWriter(format: .nTriples)

    @Test func termForms() {
        #expect(writer.text(for: .entity("ecuador")) == "<urn:kg:ecuador>")
        #expect(writer.text(for: .iri("http://example.org/a")) == "<http://example.org/a>")
        #expect(writer.text(for: .blankNode("b0")) == "_:b0")
        #expect(writer.text(for: T.str("Perú")) == "\"Perú\"")
        #expect(writer.text(for: T.str("Perú", "es")) == "\"Perú\"@es")
        #expect(writer.text(for: .integer(-42)) == "\"-42\"^^<http://www.w3.org/2001/XMLSchema#integer>")
        #expect(writer.text(for: T.dec("3.25")) == "\"3.25\"^^<http://www.w3.org/2001/XMLSchema#decimal>")
        #expect(writer.text(for: T.dec("3")) == "\"3.0\"^^<http://www.w3.org/2001/XMLSchema#decimal>")
        #expect(writer.text(for: .date(KGDate(year: 2024, month: 10, day: 10))) == "\"2024-10-10\"^^<http://www.w3.org/2001/XMLSchema#date>")
        #expect(writer.text(for: .date(KGDate(year: 2018, month: 5))) == "\"2018-05\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>")
        #expect(writer.text(for: .typedLiteral(lexical: "01", datatype: XSD.integer)) == "\"01\"^^<http://www.w3.org/2001/XMLSchema#integer>")
    }

    @Test func dateTextMatchesKGDateDescription() {
        let dates = [KGDate(year: 2024, month: 10, day: 10), KGDate(year: 2018, month: 5), KGDate(year: 7, month: 1, day: 2),
                     KGDate(year: 0, month: 12, day: 31), KGDate(year: 9999, month: 9), KGDate(year: 12345, month: 1, day: 1),
                     KGDate(year: -44, month: 3, day: 15), KGDate(year: 2000, month: 123, day: 200)]
        for date in dates {
            #expect(NTriplesSyntax.dateText(date) == date.description)
        }
    }

    @Test func customEntityBase() {
        let custom = RDFWriter(format: .nTriples, entityBase: "http://kg.example/id/")
        #expect(custom.text(for: .entity("peru")) == "<http://kg.example/id/peru>")
    }

    @Test func stringEscaping() {
        #expect(writer.text(for: T.str("a\"b\\c\nd\re\tf\u{8}g\u{C}h")) == #""a\"b\\c\nd\re\tf\bg\fh""#)
        #expect(writer.text(for: T.str("nul\u{0}bell\u{7}del\u{7F}")) == #""nul\u0000bell\u0007del\u007F""#)
        #expect(writer.text(for: T.str("emoji 😀 and ü stay raw")) == "\"emoji 😀 and ü stay raw\"")
    }

    @Test func iriEscaping() {
        #expect(writer.text(for: .iri("http://example.org/a b<c>\"d{e}|f^g`h\\i")) ==
                #"<http://example.org/a\u0020b\u003Cc\u003E\u0022d\u007Be\u007D\u007Cf\u005Eg\u0060h\u005Ci>"#)
        #expect(writer.text(for: .iri("http://example.org/café")) == "<http://example.org/café>")
    }

    @Test func blankNodeLabels() {
        #expect(writer.text(for: .blankNode("a.b-c_d")) == "_:a.b-c_d")
        #expect(writer.text(for: .blankNode("has space")) == "_:x68617320737061636" + "5")
        #expect(writer.text(for: .blankNode("ends.")) == "_:x656e64732e")
    }

    @Test func nTriplesIgnoreGraphs() {
        var out = ""
        writer.write([
            T.triple(.entity("ecuador"), .entity("member_of"), .entity("csm"), .entity("report")),
            T.triple(.entity("ecuador"), .entity("name"), T.str("Ecuador", "es")),
        ], to: &out)
        #expect(out == """
            <urn:kg:ecuador> <urn:kg:member_of> <urn:kg:csm> .
            <urn:kg:ecuador> <urn:kg:name> "Ecuador"@es .

            """)
    }

    @Test func nQuadsWriteGraphsExceptDefault() {
        var out = ""
        RDFWriter(format: .nQuads).write([
            T.triple(.entity("a"), .entity("p"), .entity("b"), .entity("report_2024")),
            T.triple(.entity("a"), .entity("p"), .entity("c"), .entity("default")),
            T.triple(.entity("a"), .entity("p"), .entity("d")),
            T.triple(.entity("a"), .entity("p"), .integer(1), .blankNode("g")),
        ], to: &out)
        #expect(out == """
            <urn:kg:a> <urn:kg:p> <urn:kg:b> <urn:kg:report_2024> .
            <urn:kg:a> <urn:kg:p> <urn:kg:c> .
            <urn:kg:a> <urn:kg:p> <urn:kg:d> .
            <urn:kg:a> <urn:kg:p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> _:g .

            """)
    }

    @Test func writeAppendsAndEmptyWritesNothing() {
        var out = "# header\n"
        writer.write([], to: &out)
        #expect(out == "# header\n")
        RDFWriter(format: .turtle).write([], to: &out)
        #expect(out == "# header\n")
    }

    @Test func formatFromFileExtension() {
        #expect(RDFFormat(fileExtension: "nt") == .nTriples)
        #expect(RDFFormat(fileExtension: "NQ") == .nQuads)
        #expect(RDFFormat(fileExtension: ".ttl") == .turtle)
        #expect(RDFFormat(fileExtension: "dot") == nil)
        #expect(RDFFormat(fileExtension: "") == nil)
    }
}
