import KGStore

/// Reads N-Triples, N-Quads or Turtle into statements, streaming: each statement goes to the
/// handler as soon as it is parsed.
public struct RDFReader: Sendable {
    public var format: RDFFormat
    /// The base for relative IRIs in Turtle (`@base` overrides it).
    public var baseIRI: String?
    /// IRIs that start with it and whose rest is a kg entity name (`[a-z][A-Za-z0-9_]*`)
    /// come back as `Term.entity(rest)`, so kg's export reads back to the same graph.
    public var entityBase: String?

    /// entityBase: IRIs that start with it and whose rest is a kg entity name
    /// ([a-z][A-Za-z0-9_]*) come back as Term.entity(rest), so kg's export reads back to the
    /// same graph.
    public init(format: RDFFormat, baseIRI: String? = nil, entityBase: String? = "urn:kg:") {
        self.format = format
        self.baseIRI = baseIRI
        self.entityBase = entityBase
    }

    /// Parses `bytes` (UTF-8) and calls `handler` per statement. Throws `RDFSyntaxError`
    /// (1-based line and column of the offending character) at the first error, or whatever
    /// `handler` throws.
    public func read(bytes: UnsafeBufferPointer<UInt8>, handler: (RDFStatement) throws -> Void) throws {
        try read(bytes: bytes, baseIRI: baseIRI, handler: handler)
    }

    /// Parses `bytes` (UTF-8) like `read(bytes:handler:)`, but hands each statement over as the
    /// ids of its terms in `dictionary` (interning them): subject, predicate, object and graph
    /// (nil for the default graph). N-Triples and N-Quads are interned straight from the
    /// input's bytes, so no `String` is built for a term the dictionary already holds.
    public func read(bytes: UnsafeBufferPointer<UInt8>, into dictionary: TermDictionary,
                     handler: (TermID, TermID, TermID, TermID?) throws -> Void) throws {
        switch format {
        case .nTriples, .nQuads:
            var parser = NTriplesParser(bytes: bytes, quads: format == .nQuads,
                                        sink: TermIDSink(entities: EntityMatcher(entityBase: entityBase), dictionary: dictionary))
            try parser.parse(handler)
        case .turtle:
            try read(bytes: bytes, baseIRI: baseIRI) { statement in
                try handler(dictionary.intern(statement.subject), dictionary.intern(statement.predicate),
                            dictionary.intern(statement.object), statement.graph.map { dictionary.intern($0) })
            }
        }
    }

    /// Reads the file at `path` (memory-mapped when possible). For Turtle without a
    /// `baseIRI`, the file's own `file://` IRI is the base, as RFC 3986 prescribes for a
    /// retrieved document. Throws `RDFFileError` when the file cannot be read.
    public func read(path: String, handler: (RDFStatement) throws -> Void) throws {
        let file = try FileBytes(path: path)
        defer { file.close() }
        let base = baseIRI ?? (format == .turtle ? FileBytes.fileIRI(for: path) : nil)
        try read(bytes: file.buffer, baseIRI: base, handler: handler)
    }

    private func read(bytes: UnsafeBufferPointer<UInt8>, baseIRI: String?,
                      handler: (RDFStatement) throws -> Void) throws {
        switch format {
        case .nTriples, .nQuads:
            var parser = NTriplesParser(bytes: bytes, quads: format == .nQuads,
                                        sink: TermValueSink(entities: EntityMatcher(entityBase: entityBase)))
            try parser.parse { subject, predicate, object, graph in
                try handler(RDFStatement(subject: subject, predicate: predicate, object: object, graph: graph))
            }
        case .turtle:
            try withoutActuallyEscaping(handler) { emit in
                var parser = TurtleParser(bytes: bytes, baseIRI: baseIRI, entityBase: entityBase, emit: emit)
                try parser.parse()
            }
        }
    }
}
