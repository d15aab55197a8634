import Foundation
import KGStore
import Testing
@testable import KGFormats

/// Reading files: formats, bases, file errors, handler errors.
@Suite struct RDFReaderTests {
    typealias T = RDFTest

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func readsNTriplesFile() throws {
        let path = T.temporaryPath("data.nt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write("<urn:kg:a> <urn:kg:p> \"x\" .\n<urn:kg:a> <urn:kg:p> <urn:kg:b> .\n", to: path)
        var statements: [RDFStatement] = []
        try RDFReader(format: .nTriples).read(path: path) { statements.append($0) }
        #expect(statements == [T.triple(.entity("a"), .entity("p"), T.str("x")), T.triple(.entity("a"), .entity("p"), .entity("b"))])
    }

    @Test func emptyFile() throws {
        let path = T.temporaryPath("empty.nq")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write("", to: path)
        var count = 0
        try RDFReader(format: .nQuads).read(path: path) { _ in count += 1 }
        #expect(count == 0)
    }

    @Test func turtleFileDefaultsBaseToItsOwnIRI() throws {
        let path = T.temporaryPath("doc.ttl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write("<#me> <http://e.example/p> <other.ttl> .", to: path)
        var statements: [RDFStatement] = []
        try RDFReader(format: .turtle).read(path: path) { statements.append($0) }
        let fileIRI = "file://" + path
        #expect(statements.first?.subject == .iri(fileIRI + "#me"))
        guard case .iri(let other) = statements.first?.object else {
            Issue.record("object is not an IRI")
            return
        }
        #expect(other.hasPrefix("file:///") && other.hasSuffix("/other.ttl"))
    }

    @Test func explicitBaseWinsOverFileIRI() throws {
        let path = T.temporaryPath("doc.ttl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write("<s> <p> <o> .", to: path)
        var statements: [RDFStatement] = []
        try RDFReader(format: .turtle, baseIRI: "http://base.example/").read(path: path) { statements.append($0) }
        #expect(statements == [T.triple(.iri("http://base.example/s"), .iri("http://base.example/p"), .iri("http://base.example/o"))])
    }

    @Test func missingFileIsAFileError() {
        let path = T.temporaryPath("missing.nt")
        #expect(throws: RDFFileError.self) {
            try RDFReader(format: .nTriples).read(path: path) { _ in }
        }
        #expect(throws: RDFFileError.self) {
            try RDFReader(format: .nTriples).read(path: NSTemporaryDirectory()) { _ in }
        }
    }

    @Test func syntaxErrorInFileHasPosition() throws {
        let path = T.temporaryPath("bad.nt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write("<urn:kg:a> <urn:kg:p> <urn:kg:b> .\n<urn:kg:a> <urn:kg:p> <urn:kg:b>\n", to: path)
        do {
            try RDFReader(format: .nTriples).read(path: path) { _ in }
            Issue.record("expected an error")
        } catch let error as RDFSyntaxError {
            #expect(error.line == 2 && error.column == 33)
            #expect(error.description == "2:33: error: expected '.' to end the statement, found end of line")
        }
    }

    @Test func statementsBeforeAnErrorAreDelivered() {
        var count = 0
        #expect(throws: RDFSyntaxError.self) {
            let text = "<urn:kg:a> <urn:kg:p> <urn:kg:b> .\n<urn:kg:a> <urn:kg:p> .\n"
            try Array(text.utf8).withUnsafeBufferPointer { buffer in
                try RDFReader(format: .nTriples).read(bytes: buffer) { _ in count += 1 }
            }
        }
        #expect(count == 1)
    }

    struct Stop: Error {}

    @Test func handlerErrorsStopReading() {
        for format in [RDFFormat.nTriples, .turtle] {
            var count = 0
            #expect(throws: Stop.self) {
                let text = "<urn:kg:a> <urn:kg:p> <urn:kg:b> .\n<urn:kg:a> <urn:kg:p> <urn:kg:c> .\n"
                try Array(text.utf8).withUnsafeBufferPointer { buffer in
                    try RDFReader(format: format).read(bytes: buffer) { _ in
                        count += 1
                        throw Stop()
                    }
                }
            }
            #expect(count == 1)
        }
    }

    @Test func emptyBuffer() throws {
        var count = 0
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        for format in [RDFFormat.nTriples, .nQuads, .turtle] {
            try RDFReader(format: format).read(bytes: empty) { _ in count += 1 }
        }
        #expect(count == 0)
    }
}
