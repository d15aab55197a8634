import KGStore
import KnowledgeGraph

/// A proof tree (`:why`) as JSON: each node has a `kind` — `stated` (with its `sources`,
/// each as `SourceJSON` describes it: its page, file, lines, heading, inference), `derived` (the `rule`, its `location`, the `premises`
/// and how many `other_derivations` there are), `aggregate`, `absent`, `condition`,
/// `does_not_hold` (with `reasons`) or `elided` — and the `fact` it is about.
enum ProofJSON {
    static func json(_ node: ProofNode, source: (String) -> JSONValue = ProofJSON.source) -> JSONValue {
        switch node {
        case .stated(let fact, let sources):
            return .object([("kind", "stated"), ("fact", .string(fact)), ("sources", .array(sources.map(source)))])
        case .derived(let fact, let rule, let location, let premises, let others):
            return .object([
                ("kind", "derived"), ("fact", .string(fact)), ("rule", .string(rule)), ("location", .string(location)),
                ("other_derivations", .int(others)), ("premises", .array(premises.map { json($0, source: source) })),
            ])
        case .aggregate(let fact, let rule, let location, let counted, let total):
            return .object([
                ("kind", "aggregate"), ("fact", .string(fact)), ("rule", .string(rule)), ("location", .string(location)),
                ("counted", .strings(counted)), ("total", .int(total)),
            ])
        case .absent(let fact):
            return .object([("kind", "absent"), ("fact", .string(fact))])
        case .condition(let text):
            return .object([("kind", "condition"), ("fact", .string(text))])
        case .doesNotHold(let fact, let reasons):
            return .object([("kind", "does_not_hold"), ("fact", .string(fact)), ("reasons", .strings(reasons))])
        case .elided(let fact):
            return .object([("kind", "elided"), ("fact", .string(fact))])
        }
    }

    /// A source as the proof names it (`src_doc003_session_4`), with its page only.
    static func source(_ id: String) -> JSONValue {
        let href = PageLinks.href(SourceNames.term(id))
        return .object([("id", .string(id)), ("href", .optional(href))])
    }
}

/// The term of a source named in a proof: the proof gives its text, an entity's name or an
/// IRI without its brackets.
enum SourceNames {
    static func term(_ text: String) -> Term {
        text.contains(":") || text.contains("/") ? .iri(text) : .entity(text)
    }
}
