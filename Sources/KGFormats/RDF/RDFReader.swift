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
            var parser = NTriplesParser(bytes: bytes, quads: format == .nQuads, entityBase: entityBase)
            try parser.parse(handler)
        case .turtle:
            try withoutActuallyEscaping(handler) { emit in
                var parser = TurtleParser(bytes: bytes, baseIRI: baseIRI, entityBase: entityBase, emit: emit)
                try parser.parse()
            }
        }
    }
}
