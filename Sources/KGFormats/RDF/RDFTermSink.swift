import KGStore

/// What the N-Triples parser makes of the terms it reads: `Term`s for `RDFReader.read`, or
/// dictionary ids for `RDFReader.read(bytes:into:)`, which then interns an IRI or a plain
/// string straight from the input's bytes and builds no `String` for one it has seen.
protocol RDFTermSink {
    associatedtype Value
    /// An absolute IRI, as valid UTF-8 text (escapes already decoded).
    func iri(_ text: UnsafeBufferPointer<UInt8>) -> Value
    /// A string literal with neither language tag nor datatype.
    func plainString(_ text: UnsafeBufferPointer<UInt8>) -> Value
    /// Any other term (blank nodes, tagged and typed literals).
    func term(_ term: Term) -> Value
}

/// Terms, for readers that want `RDFStatement`s.
struct TermValueSink: RDFTermSink {
    let entities: EntityMatcher

    func iri(_ text: UnsafeBufferPointer<UInt8>) -> Term { entities.term(text) }
    func plainString(_ text: UnsafeBufferPointer<UInt8>) -> Term { .string(String(decoding: text, as: UTF8.self), language: nil) }
    func term(_ term: Term) -> Term { term }
}

/// Dictionary ids: the same terms `TermValueSink` makes, interned.
struct TermIDSink: RDFTermSink {
    let entities: EntityMatcher
    let dictionary: TermDictionary

    func iri(_ text: UnsafeBufferPointer<UInt8>) -> TermID {
        if let name = entities.entityName(text) { return dictionary.internEntity(name) }
        return dictionary.internIRI(text)
    }

    func plainString(_ text: UnsafeBufferPointer<UInt8>) -> TermID { dictionary.internString(text) }
    func term(_ term: Term) -> TermID { dictionary.intern(term) }
}
