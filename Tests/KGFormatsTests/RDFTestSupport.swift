import Foundation
import KGStore
import Testing
@testable import KGFormats

/// Helpers shared by the RDF test files.
enum RDFTest {
    static let xsd = "http://www.w3.org/2001/XMLSchema#"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    /// Parses `text` and returns every statement.
    static func parse(_ text: String, _ format: RDFFormat, base: String? = nil,
                      entityBase: String? = "urn:kg:") throws -> [RDFStatement] {
        let reader = RDFReader(format: format, baseIRI: base, entityBase: entityBase)
        var statements: [RDFStatement] = []
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            try reader.read(bytes: buffer) { statements.append($0) }
        }
        return statements
    }

    /// Parses raw bytes.
    static func parse(bytes: [UInt8], _ format: RDFFormat) throws -> [RDFStatement] {
        let reader = RDFReader(format: format)
        var statements: [RDFStatement] = []
        try bytes.withUnsafeBufferPointer { buffer in
            try reader.read(bytes: buffer) { statements.append($0) }
        }
        return statements
    }

    /// The syntax error `text` raises, or nil when it parses.
    static func syntaxError(_ text: String, _ format: RDFFormat, base: String? = nil) -> RDFSyntaxError? {
        do {
            _ = try parse(text, format, base: base)
            return nil
        } catch let error as RDFSyntaxError {
            return error
        } catch {
            return nil
        }
    }

    /// Expects `text` to fail at `line`:`column` with a message containing `message`.
    static func expectError(_ text: String, _ format: RDFFormat, line: Int, column: Int,
                            _ message: String, base: String? = nil,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = syntaxError(text, format, base: base) else {
            Issue.record("expected a syntax error for \(text.debugDescription)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.line == line, "line of \(error)", sourceLocation: sourceLocation)
        #expect(error.column == column, "column of \(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(message), "message of \(error)", sourceLocation: sourceLocation)
    }

    static func iri(_ text: String) -> Term { .iri(text) }
    static func ex(_ local: String) -> Term { .iri("http://example.org/" + local) }
    static func dec(_ text: String) -> Term {
        .decimal(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan)
    }
    static func str(_ s: String, _ language: String? = nil) -> Term { .string(s, language: language) }

    static func triple(_ s: Term, _ p: Term, _ o: Term, _ g: Term? = nil) -> RDFStatement {
        RDFStatement(subject: s, predicate: p, object: o, graph: g)
    }

    /// A fresh temporary file path.
    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "kg-rdf-\(UUID().uuidString)-" + name
    }
}
