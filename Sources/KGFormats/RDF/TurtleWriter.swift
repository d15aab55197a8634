import KGStore

/// Turtle output: `@prefix` lines for the prefixes actually used, then one block per run of
/// statements with the same subject, predicates joined by `;`, objects by `,`.
struct TurtleWriter {
    /// Namespaces in priority order: the caller's, then `kg` (entity base), `rdf`, `xsd`
    /// unless the caller took those names.
    let namespaces: [(name: String, namespace: String)]
    /// `namespaces` as UTF-8, for matching.
    private let namespaceBytes: [[UInt8]]
    let entityBase: String
    /// Which of `namespaces` the output uses.
    private var used: [Bool]

    init(prefixes: [(String, String)], entityBase: String) {
        var list: [(name: String, namespace: String)] = []
        var names: Set<String> = []
        let builtIn = [("kg", entityBase), ("rdf", RDFVocabulary.namespace), ("xsd", XSD.namespace)]
        for (name, namespace) in prefixes + builtIn
        where !namespace.isEmpty && TurtleNames.isPrefixName(name) && names.insert(name).inserted {
            list.append((name, namespace))
        }
        namespaces = list
        namespaceBytes = list.map { Array($0.namespace.utf8) }
        used = Array(repeating: false, count: list.count)
        self.entityBase = entityBase
    }

    mutating func write(_ statements: [RDFStatement], to output: inout String) {
        var body = ""
        var subject: Term?
        var predicate: Term?
        for statement in statements {
            if statement.subject == subject {
                if statement.predicate == predicate {
                    body += ", "
                } else {
                    body += " ;\n    "
                    verb(statement.predicate, into: &body)
                    body += " "
                }
            } else {
                if subject != nil { body += " .\n\n" }
                term(statement.subject, into: &body)
                body += " "
                verb(statement.predicate, into: &body)
                body += " "
            }
            term(statement.object, into: &body)
            subject = statement.subject
            predicate = statement.predicate
        }
        if subject != nil { body += " .\n" }

        let header = namespaces.indices.filter { used[$0] }.map { namespaces[$0] }.sorted { $0.name < $1.name }
        for (name, namespace) in header {
            output += "@prefix \(name): "
            NTriplesSyntax.iri(namespace, into: &output)
            output += " .\n"
        }
        if !header.isEmpty && !body.isEmpty { output += "\n" }
        output.reserveCapacity(output.utf8.count + body.utf8.count)
        output += body
    }

    private mutating func verb(_ predicate: Term, into out: inout String) {
        if predicate == .iri(RDFVocabulary.type) {
            out += "a"
        } else {
            term(predicate, into: &out)
        }
    }

    /// A prefixed name when a namespace matches and leaves a valid local name (the longest
    /// such namespace wins), else `<iri>`.
    private mutating func iri(_ iri: String, into out: inout String) {
        var text = iri
        let match: (index: Int, local: String)? = text.withUTF8 { bytes in
            var best: (index: Int, length: Int)?
            for (index, namespace) in namespaceBytes.enumerated() {
                let length = namespace.count
                guard length > (best?.length ?? -1), length <= bytes.count, let start = bytes.baseAddress,
                      namespace.withUnsafeBufferPointer({ ns in ns.baseAddress.map { memcmpEqual(start, $0, length) } ?? true }),
                      TurtleNames.isLocalName(UnsafeBufferPointer(rebasing: bytes[length...])) else { continue }
                best = (index, length)
            }
            guard let best else { return nil }
            return (best.index, String(decoding: UnsafeBufferPointer(rebasing: bytes[best.length...]), as: UTF8.self))
        }
        guard let match else {
            NTriplesSyntax.iri(iri, into: &out)
            return
        }
        used[match.index] = true
        out += namespaces[match.index].name
        out += ":"
        out += match.local
    }

    private mutating func term(_ term: Term, into out: inout String) {
        switch term {
        case .entity(let name):
            iri(entityBase + name, into: &out)
        case .iri(let text):
            iri(text, into: &out)
        case .blankNode(let label):
            NTriplesSyntax.blankNode(label, into: &out)
        case .string(let s, let language):
            NTriplesSyntax.quoted(s, into: &out)
            if let language {
                out += "@"
                out += language
            }
        case .integer(let i):
            out += String(i)
        case .decimal(let d):
            let text = Term.format(decimal: d)
            if TurtleWriter.isBareDecimal(text) {
                out += text
            } else {
                typed(text, XSD.decimal, into: &out)
            }
        case .date, .typedLiteral:
            guard let form = NTriplesSyntax.typedForm(of: term) else { return }
            if form.datatype == RDFVocabulary.xsdBoolean && (form.lexical == "true" || form.lexical == "false") {
                out += form.lexical
            } else {
                typed(form.lexical, form.datatype, into: &out)
            }
        }
    }

    private mutating func typed(_ lexical: String, _ datatype: String, into out: inout String) {
        NTriplesSyntax.quoted(lexical, into: &out)
        out += "^^"
        iri(datatype, into: &out)
    }

    /// Turtle's DECIMAL token: `[+-]?[0-9]*.[0-9]+`.
    static func isBareDecimal(_ text: String) -> Bool {
        var utf8 = Substring(text).utf8[...]
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { utf8 = utf8.dropFirst() }
        guard let dot = utf8.firstIndex(of: UInt8(ascii: ".")) else { return false }
        let fraction = utf8[utf8.index(after: dot)...]
        let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        return !fraction.isEmpty && fraction.allSatisfy(isDigit) && utf8[..<dot].allSatisfy(isDigit)
    }
}
