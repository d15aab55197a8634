import KGStore

/// N-Triples and N-Quads: one statement per line, absolute IRIs only.
///
/// The hot loop of kg's bulk loading: it works on bytes, hands each IRI and plain string to
/// its sink as bytes (kg's loader interns them from there), and reuses the previous IRI of
/// each position (subject, predicate, object, graph) when the same bytes repeat (sorted
/// dumps repeat them line after line).
struct NTriplesParser<Sink: RDFTermSink> {
    var scanner: ByteScanner
    let quads: Bool
    private let sink: Sink
    /// The last IRI read in each position (subject, predicate, object, graph).
    private var caches = [TermCache](repeating: TermCache(), count: 4)
    private var datatypeCache = (start: -1, count: 0, text: "")

    init(bytes: UnsafeBufferPointer<UInt8>, quads: Bool, sink: Sink) {
        scanner = ByteScanner(bytes)
        self.quads = quads
        self.sink = sink
    }

    private enum Slot: Int { case subject, predicate, object, graph }

    /// The last value read in one position, by its undecoded input bytes.
    private struct TermCache {
        var start = -1
        var count = 0
        var value: Sink.Value?
    }

    /// One statement: subject, predicate, object and the graph (nil for the default graph).
    typealias Handler = (Sink.Value, Sink.Value, Sink.Value, Sink.Value?) throws -> Void

    mutating func parse(_ handler: Handler) throws {
        while true {
            scanner.skipSpaces()
            guard scanner.pos < scanner.count else { return }
            let b = scanner.bytes[scanner.pos]
            if b == 0x0A || b == 0x0D { scanner.pos += 1; continue }
            if b == UInt8(ascii: "#") { scanner.skipComment(); continue }

            let subject = try resource(.subject, role: "subject")
            scanner.skipSpaces()
            let predicate = try predicateTerm()
            scanner.skipSpaces()
            let object = try objectTerm()
            scanner.skipSpaces()
            var graph: Sink.Value?
            if quads, scanner.current == UInt8(ascii: "<") || scanner.current == UInt8(ascii: "_") {
                graph = try resource(.graph, role: "graph label")
                scanner.skipSpaces()
            }
            guard scanner.current == UInt8(ascii: "."), scanner.pos < scanner.count else {
                let expected = quads && graph == nil ? "expected a graph label or '.' to end the statement" : "expected '.' to end the statement"
                throw scanner.unexpected(expected, at: scanner.pos)
            }
            scanner.pos += 1
            scanner.skipSpaces()
            if scanner.current == UInt8(ascii: "#") { scanner.skipComment() }
            if scanner.pos < scanner.count, scanner.current != 0x0A, scanner.current != 0x0D {
                throw scanner.unexpected("expected the end of the line after '.'", at: scanner.pos)
            }
            try handler(subject, predicate, object, graph)
        }
    }

    /// An IRI or blank node: a subject or a graph label.
    private mutating func resource(_ slot: Slot, role: String) throws -> Sink.Value {
        switch scanner.current {
        case UInt8(ascii: "<"):
            return try iri(slot)
        case UInt8(ascii: "_"):
            let span = try scanner.scanBlankNodeLabel()
            return sink.term(.blankNode(scanner.string(span)))
        case UInt8(ascii: "\""):
            throw scanner.error("a literal cannot be a \(role)", at: scanner.pos)
        default:
            throw scanner.unexpected("expected an IRI or blank node as \(role)", at: scanner.pos)
        }
    }

    private mutating func predicateTerm() throws -> Sink.Value {
        guard scanner.current == UInt8(ascii: "<"), scanner.pos < scanner.count else {
            if scanner.current == UInt8(ascii: "\"") || scanner.current == UInt8(ascii: "_") {
                throw scanner.error("a predicate must be an IRI", at: scanner.pos)
            }
            throw scanner.unexpected("expected an IRI as predicate", at: scanner.pos)
        }
        return try iri(.predicate)
    }

    private mutating func objectTerm() throws -> Sink.Value {
        switch scanner.current {
        case UInt8(ascii: "<"):
            return try iri(.object)
        case UInt8(ascii: "_"):
            let span = try scanner.scanBlankNodeLabel()
            return sink.term(.blankNode(scanner.string(span)))
        case UInt8(ascii: "\""):
            return try literal()
        default:
            throw scanner.unexpected("expected an IRI, blank node or literal as object", at: scanner.pos)
        }
    }

    private mutating func iri(_ slot: Slot) throws -> Sink.Value {
        let open = scanner.pos
        let span = try scanner.scanIRIRef()
        let cache = caches[slot.rawValue]
        if !span.decoded, cache.count == span.count, cache.start >= 0, let value = cache.value,
           memcmpEqual(scanner.bytes + cache.start, scanner.bytes + span.start, span.count) {
            return value
        }
        let value = try makeIRI(span, open: open)
        if !span.decoded { caches[slot.rawValue] = TermCache(start: span.start, count: span.count, value: value) }
        return value
    }

    private func makeIRI(_ span: TextSpan, open: Int) throws -> Sink.Value {
        try scanner.withBytes(span) { text in
            guard ByteScanner.isAbsoluteIRI(text) else {
                throw scanner.error("relative IRI <\(String(decoding: text, as: UTF8.self))> is not allowed in N-Triples or N-Quads", at: open)
            }
            return sink.iri(text)
        }
    }

    private mutating func literal() throws -> Sink.Value {
        let span = try scanner.scanShortString(quote: UInt8(ascii: "\""))
        let afterQuote = scanner.pos
        var next = afterQuote
        while next < scanner.count, scanner.bytes[next] == 0x20 || scanner.bytes[next] == 0x09 { next += 1 }
        if scanner.current != UInt8(ascii: "@"), next >= scanner.count || scanner.bytes[next] != UInt8(ascii: "^") {
            return scanner.withBytes(span) { sink.plainString($0) }
        }
        let lexical = scanner.string(span)
        if scanner.current == UInt8(ascii: "@") {
            return sink.term(.string(lexical, language: try scanner.scanLanguageTag()))
        }
        scanner.skipSpaces()
        guard scanner.byte(at: scanner.pos + 1) == UInt8(ascii: "^") else {
            throw scanner.unexpected("expected '^^' before the datatype", at: scanner.pos + 1)
        }
        scanner.pos += 2
        scanner.skipSpaces()
        guard scanner.current == UInt8(ascii: "<"), scanner.pos < scanner.count else {
            throw scanner.unexpected("expected a datatype IRI after '^^'", at: scanner.pos)
        }
        return sink.term(LiteralMapping.term(lexical: lexical, datatype: try datatype()))
    }

    private mutating func datatype() throws -> String {
        let open = scanner.pos
        let span = try scanner.scanIRIRef()
        if !span.decoded, datatypeCache.count == span.count, datatypeCache.start >= 0,
           memcmpEqual(scanner.bytes + datatypeCache.start, scanner.bytes + span.start, span.count) {
            return datatypeCache.text
        }
        let text = try scanner.withBytes(span) { bytes -> String in
            guard ByteScanner.isAbsoluteIRI(bytes) else {
                throw scanner.error("relative IRI <\(String(decoding: bytes, as: UTF8.self))> is not allowed in N-Triples or N-Quads", at: open)
            }
            return LiteralMapping.knownDatatype(bytes) ?? String(decoding: bytes, as: UTF8.self)
        }
        if !span.decoded { datatypeCache = (span.start, span.count, text) }
        return text
    }
}
