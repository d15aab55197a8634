import Foundation
import KGFormats
import KGLanguage
import KGStore

extension Session {
    /// Loads N-Triples, N-Quads or Turtle. Each triple becomes a binary fact of its predicate
    /// (an IRI predicate is named `<iri>`; one under kg's entity base is a plain name), and an
    /// N-Quads graph name is the fact's source. On a syntax error nothing of the file stays.
    func loadRDF(_ data: [UInt8], path: String, extension ext: String, at include: SourceRange?, into result: inout LoadResult) {
        guard let format = RDFFormat(fileExtension: ext) else { return }
        let file = SourceFile(name: path, bytes: data)
        var reader = RDFReader(format: format, baseIRI: options.baseIRI)
        if options.baseIRI == nil, format == .turtle {
            reader.baseIRI = URL(fileURLWithPath: path).standardizedFileURL.absoluteString
        }
        var relations: [TermID: Relation] = [:]
        var lastPredicate = TermID.max
        var lastRelation: Relation?
        let dictionary = database.dictionary
        var pair: [TermID] = [0, 0]
        var added = 0
        var failure: Diagnostic?
        do {
            try file.bytes.withUnsafeBufferPointer { bytes in
                try reader.read(bytes: bytes, into: dictionary) { subject, predicate, object, graph in
                    // Triples come grouped by predicate more often than not: reuse the last one.
                    let relation: Relation
                    if let last = lastRelation, predicate == lastPredicate {
                        relation = last
                    } else if let known = relations[predicate] {
                        relation = known
                    } else {
                        guard let name = Database.predicateName(dictionary[predicate]) else { return }
                        if let problem = table.use(name, spelling: name, arity: 2, at: include) { throw problem }
                        table.markFacts(name)
                        noteRelation(name)
                        relation = database.relation(name, arity: 2)
                        relations[predicate] = relation
                    }
                    lastPredicate = predicate
                    lastRelation = relation
                    pair[0] = subject
                    pair[1] = object
                    relation.insert(pair, source: graph, unsourced: self.database.unsourced)
                    added += 1
                }
            }
        } catch let error as RDFSyntaxError {
            let offset = file.offset(line: error.line, column: error.column)
            failure = .error(error.message, at: SourceRange(file: file, start: offset, end: offset + 1))
        } catch let diagnostic as Diagnostic {
            failure = diagnostic
        } catch {
            failure = .error("cannot read '\(path)': \(error)", at: include)
        }
        if let failure {
            result.diagnostics.append(failure)
            return
        }
        result.factsAdded += added
    }
}
