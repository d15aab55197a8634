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
        let facts = RDFFactWriter(session: self, include: include)
        do {
            try file.bytes.withUnsafeBufferPointer { bytes in
                try reader.read(bytes: bytes, into: database.dictionary, handler: facts.add)
            }
        } catch let error as RDFSyntaxError {
            let offset = file.offset(line: error.line, column: error.column)
            result.diagnostics.append(.error(error.message, at: SourceRange(file: file, start: offset, end: offset + 1)))
            return
        } catch {
            result.diagnostics.append(Self.diagnostic(error, path: path, at: include))
            return
        }
        result.factsAdded += facts.added
    }

    /// Loads N-Triples or N-Quads a piece of the file at a time (`FileReader.lines`), so a
    /// large dump is never in memory whole. Statements are lines, so a piece that ends at a
    /// line break ends at a statement's end. An error's line is counted from the file's start.
    func loadLineRDF(path: String, extension ext: String, at include: SourceRange?, into result: inout LoadResult) {
        guard let format = RDFFormat(fileExtension: ext) else { return }
        let reader = RDFReader(format: format, baseIRI: options.baseIRI)
        let facts = RDFFactWriter(session: self, include: include)
        var pieceStart = 0
        var pieceBytes: [UInt8] = []
        do {
            if let error = try FileReader.lines(of: path, { piece, offset in
                pieceStart = offset
                do {
                    try reader.read(bytes: piece, into: database.dictionary, handler: facts.add)
                } catch let error as RDFSyntaxError {
                    pieceBytes = Array(piece)
                    throw error
                }
            }) {
                result.diagnostics.append(.error("cannot read '\(path)': \(error.reason)", at: include))
                return
            }
        } catch let error as RDFSyntaxError {
            result.filesRead += 1
            // Lines before the piece: counted again from the file, as the scanner counts them.
            let before = Self.lineBreaks(inFile: path, upTo: pieceStart)
            let file = SourceFile(name: path, bytes: pieceBytes, firstLine: before + 1)
            let offset = file.offset(line: before + error.line, column: error.column)
            result.diagnostics.append(.error(error.message, at: SourceRange(file: file, start: offset, end: offset + 1)))
            return
        } catch {
            result.filesRead += 1
            result.diagnostics.append(Self.diagnostic(error, path: path, at: include))
            return
        }
        result.filesRead += 1
        result.factsAdded += facts.added
    }

    private static func diagnostic(_ error: Error, path: String, at include: SourceRange?) -> Diagnostic {
        if let diagnostic = error as? Diagnostic { return diagnostic }
        return .error("cannot read '\(path)': \(error)", at: include)
    }

    /// Line breaks in the first `end` bytes of the file (a line feed, or a carriage return not
    /// followed by one), after a byte order mark: what `ByteScanner` counts as lines.
    private static func lineBreaks(inFile path: String, upTo end: Int) -> Int {
        guard case .success(let bytes) = FileReader.contents(of: path) else { return 0 }
        var lines = 0
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let stop = min(end, bytes.count)
        var i = start
        while i < stop {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) { lines += 1 }
            i += 1
        }
        return lines
    }
}

/// Turns RDF statements into binary facts: each predicate's relation (an IRI predicate is
/// named `<iri>`; one under kg's entity base is a plain name), checked against the
/// predicate table once, and the N-Quads graph as the fact's source.
final class RDFFactWriter {
    unowned let session: Session
    let include: SourceRange?
    // Touched once per triple and never reentrantly: the dynamic exclusivity checks a class's
    // stored properties get would cost 3 % of loading N-Triples.
    @exclusivity(unchecked) private var relations: [TermID: Relation] = [:]
    @exclusivity(unchecked) private var lastPredicate = TermID.max
    @exclusivity(unchecked) private var lastRelation: Relation?
    @exclusivity(unchecked) private var pair: [TermID] = [0, 0]
    @exclusivity(unchecked) private(set) var added = 0

    init(session: Session, include: SourceRange?) {
        self.session = session
        self.include = include
    }

    func add(_ subject: TermID, _ predicate: TermID, _ object: TermID, _ graph: TermID?) throws {
        // Triples come grouped by predicate more often than not: reuse the last one.
        let relation: Relation
        if let last = lastRelation, predicate == lastPredicate {
            relation = last
        } else if let known = relations[predicate] {
            relation = known
        } else {
            let database = session.database
            guard let name = Database.predicateName(database.dictionary[predicate]) else { return }
            if let problem = session.table.use(name, spelling: name, arity: 2, at: include) { throw problem }
            session.table.markFacts(name)
            session.noteRelation(name)
            relation = database.relation(name, arity: 2)
            relations[predicate] = relation
        }
        lastPredicate = predicate
        lastRelation = relation
        pair[0] = subject
        pair[1] = object
        relation.insert(pair, source: graph, unsourced: session.database.unsourced)
        added += 1
    }
}
