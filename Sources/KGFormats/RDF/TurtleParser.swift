import KGStore

/// Turtle 1.1: directives, triples with `;` and `,` lists, blank node property lists,
/// collections and every literal form. Statements go to `emit` as soon as they are complete.
///
/// Name, number and literal tokens are in `TurtleTokens.swift`.
struct TurtleParser {
    var scanner: ByteScanner
    let entities: EntityMatcher
    /// The base IRI for relative references (`@base` / `BASE` replace it).
    var base: String?
    /// Prefix name (without ':') → namespace IRI.
    var prefixes: [String: String] = [:] {
        didSet { namespaceCache = nil }
    }
    /// The last prefix looked up (its bytes in the input) and its namespace as UTF-8.
    var namespaceCache: (start: Int, count: Int, namespace: [UInt8])?
    let emit: (RDFStatement) throws -> Void

    /// Document blank node label → the label it is given (renamed only on a clash with a
    /// generated label).
    private var blankLabels: [String: String] = [:]
    private var takenLabels: Set<String> = []
    private var nextBlank = 0

    let rdfType: Term, rdfFirst: Term, rdfRest: Term, rdfNil: Term

    /// Nesting deeper than this (`[ [ [ ...`, `( ( ( ...`) is an error, not a stack overflow.
    static let maxDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>, baseIRI: String?, entityBase: String?,
         emit: @escaping (RDFStatement) throws -> Void) {
        scanner = ByteScanner(bytes)
        entities = EntityMatcher(entityBase: entityBase)
        base = baseIRI
        self.emit = emit
        rdfType = entities.term(RDFVocabulary.type)
        rdfFirst = entities.term(RDFVocabulary.first)
        rdfRest = entities.term(RDFVocabulary.rest)
        rdfNil = entities.term(RDFVocabulary.nilList)
    }

    mutating func parse() throws {
        while true {
            scanner.skipWhitespaceAndComments()
            if scanner.atEnd { return }
            try statement()
        }
    }

    // MARK: Statements

    private mutating func statement() throws {
        let start = scanner.pos
        if scanner.current == UInt8(ascii: "@") {
            var end = start + 1
            while end < scanner.count, scanner.flags(scanner.bytes[end]) & CharacterClasses.alpha != 0 { end += 1 }
            let word = scanner.string(from: start + 1, to: end)
            scanner.pos = end
            switch word {
            case "prefix": try prefixDirective()
            case "base": try baseDirective()
            default: throw scanner.error("unknown directive '@\(word)'", at: start)
            }
            scanner.skipWhitespaceAndComments()
            guard scanner.current == UInt8(ascii: "."), !scanner.atEnd else {
                throw scanner.unexpected("expected '.' after the @\(word) directive", at: scanner.pos)
            }
            scanner.pos += 1
            return
        }
        if let keyword = sparqlKeyword() {
            scanner.pos += keyword.count
            if keyword.lowercased() == "prefix" { try prefixDirective() } else { try baseDirective() }
            return
        }
        try triples()
        scanner.skipWhitespaceAndComments()
        guard scanner.current == UInt8(ascii: "."), !scanner.atEnd else {
            throw scanner.unexpected("expected '.' to end the statement", at: scanner.pos)
        }
        scanner.pos += 1
    }

    /// `PREFIX` or `BASE` (any case) at the current position, when followed by whitespace,
    /// a comment or `<`.
    private func sparqlKeyword() -> String? {
        let start = scanner.pos
        var end = start
        while end < scanner.count, scanner.flags(scanner.bytes[end]) & CharacterClasses.alpha != 0 { end += 1 }
        guard end - start == 4 || end - start == 6 else { return nil }
        let next = scanner.byte(at: end)
        guard end >= scanner.count || next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D
                || next == UInt8(ascii: "<") || next == UInt8(ascii: "#") else { return nil }
        let word = scanner.string(from: start, to: end)
        let lower = word.lowercased()
        return lower == "prefix" || lower == "base" ? word : nil
    }

    /// After `@prefix` / `PREFIX`: PNAME_NS IRIREF.
    private mutating func prefixDirective() throws {
        scanner.skipWhitespaceAndComments()
        let start = scanner.pos
        if scanner.current != UInt8(ascii: ":") {
            guard !scanner.atEnd, try scanPrefixName() else {
                throw scanner.unexpected("expected a prefix name ending in ':'", at: scanner.pos)
            }
        }
        guard scanner.current == UInt8(ascii: ":"), !scanner.atEnd else {
            throw scanner.unexpected("expected ':' after the prefix name", at: scanner.pos)
        }
        let name = scanner.string(from: start, to: scanner.pos)
        scanner.pos += 1
        scanner.skipWhitespaceAndComments()
        guard scanner.current == UInt8(ascii: "<"), !scanner.atEnd else {
            throw scanner.unexpected("expected the namespace IRI in <...>", at: scanner.pos)
        }
        prefixes[name] = try iriReference()
    }

    /// After `@base` / `BASE`: IRIREF, resolved against the current base.
    private mutating func baseDirective() throws {
        scanner.skipWhitespaceAndComments()
        guard scanner.current == UInt8(ascii: "<"), !scanner.atEnd else {
            throw scanner.unexpected("expected the base IRI in <...>", at: scanner.pos)
        }
        base = try iriReference()
    }

    /// triples ::= subject predicateObjectList | blankNodePropertyList predicateObjectList?
    private mutating func triples() throws {
        let start = scanner.pos
        let subject: Term
        var predicatesRequired = true
        switch scanner.current {
        case UInt8(ascii: "["):
            scanner.pos += 1
            scanner.skipWhitespaceAndComments()
            subject = freshBlankNode()
            if scanner.current == UInt8(ascii: "]") {
                scanner.pos += 1
            } else {
                try predicateObjectList(subject, depth: 1)
                try closeBracket(opened: start)
                predicatesRequired = false
            }
        case UInt8(ascii: "("):
            subject = try collection(depth: 1)
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "+"), UInt8(ascii: "-"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            throw scanner.error("a literal cannot be a subject", at: start)
        case UInt8(ascii: "."):
            if isDigit(scanner.byte(at: start + 1)) { throw scanner.error("a literal cannot be a subject", at: start) }
            throw scanner.unexpected("expected a subject", at: start)
        default:
            subject = try resource(role: "subject")
        }
        scanner.skipWhitespaceAndComments()
        if !predicatesRequired && scanner.current == UInt8(ascii: ".") { return }
        try predicateObjectList(subject, depth: 0)
    }

    /// An IRI, prefixed name or blank node label in subject position.
    private mutating func resource(role: String) throws -> Term {
        let start = scanner.pos
        switch scanner.current {
        case UInt8(ascii: "<"):
            return try iriTerm()
        case UInt8(ascii: "_"):
            return try labelledBlankNode()
        default:
            guard isNameStart(scanner.current), !scanner.atEnd else {
                throw scanner.unexpected("expected an IRI or blank node as \(role)", at: start)
            }
            switch try scanName() {
            case .iri: return scratchTerm()
            case .word(let word):
                if word == "true" || word == "false" { throw scanner.error("a literal cannot be a \(role)", at: start) }
                throw scanner.error("unexpected word '\(word)': a prefixed name needs ':'", at: start)
            }
        }
    }

    /// predicateObjectList ::= verb objectList (';' (verb objectList)?)*
    private mutating func predicateObjectList(_ subject: Term, depth: Int) throws {
        while true {
            let predicate = try verb()
            try objectList(subject, predicate, depth: depth)
            scanner.skipWhitespaceAndComments()
            guard scanner.current == UInt8(ascii: ";") else { return }
            while scanner.current == UInt8(ascii: ";") {
                scanner.pos += 1
                scanner.skipWhitespaceAndComments()
            }
            let next = scanner.current
            if scanner.atEnd || next == UInt8(ascii: ".") || next == UInt8(ascii: "]") { return }
        }
    }

    /// verb ::= predicate | 'a'
    private mutating func verb() throws -> Term {
        let start = scanner.pos
        switch scanner.current {
        case UInt8(ascii: "<"):
            return try iriTerm()
        case UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "("):
            throw scanner.error("a predicate must be an IRI", at: start)
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "+"), UInt8(ascii: "-"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            throw scanner.error("a literal cannot be a predicate", at: start)
        default:
            guard isNameStart(scanner.current), !scanner.atEnd else {
                throw scanner.unexpected("expected a predicate", at: start)
            }
            switch try scanName() {
            case .iri: return scratchTerm()
            case .word("a"): return rdfType
            case .word(let word):
                if word == "true" || word == "false" { throw scanner.error("a literal cannot be a predicate", at: start) }
                throw scanner.error("unexpected word '\(word)': a prefixed name needs ':'", at: start)
            }
        }
    }

    /// objectList ::= object (',' object)*
    private mutating func objectList(_ subject: Term, _ predicate: Term, depth: Int) throws {
        while true {
            scanner.skipWhitespaceAndComments()
            let object = try self.object(depth: depth)
            try emit(RDFStatement(subject: subject, predicate: predicate, object: object))
            scanner.skipWhitespaceAndComments()
            guard scanner.current == UInt8(ascii: ","), !scanner.atEnd else { return }
            scanner.pos += 1
        }
    }

    private mutating func object(depth: Int) throws -> Term {
        let start = scanner.pos
        switch scanner.current {
        case UInt8(ascii: "<"):
            return try iriTerm()
        case UInt8(ascii: "_"):
            return try labelledBlankNode()
        case UInt8(ascii: "["):
            return try blankNodePropertyList(depth: depth + 1)
        case UInt8(ascii: "("):
            return try collection(depth: depth + 1)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return try literal()
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number()
        case UInt8(ascii: ".") where isDigit(scanner.byte(at: start + 1)):
            return try number()
        default:
            guard isNameStart(scanner.current), !scanner.atEnd else {
                throw scanner.unexpected("expected an object", at: start)
            }
            switch try scanName() {
            case .iri: return scratchTerm()
            case .word("true"), .word("false"):
                return .typedLiteral(lexical: scanner.string(from: start, to: scanner.pos), datatype: RDFVocabulary.xsdBoolean)
            case .word("a"):
                throw scanner.error("'a' can only be a predicate", at: start)
            case .word(let word):
                throw scanner.error("unexpected word '\(word)': a prefixed name needs ':'", at: start)
            }
        }
    }

    /// `[ predicateObjectList ]` or `[]`, at `[`.
    private mutating func blankNodePropertyList(depth: Int) throws -> Term {
        let open = scanner.pos
        guard depth < TurtleParser.maxDepth else { throw scanner.error("blank nodes and collections are nested too deeply", at: open) }
        scanner.pos += 1
        scanner.skipWhitespaceAndComments()
        let node = freshBlankNode()
        if scanner.current == UInt8(ascii: "]") {
            scanner.pos += 1
            return node
        }
        try predicateObjectList(node, depth: depth)
        try closeBracket(opened: open)
        return node
    }

    private mutating func closeBracket(opened: Int) throws {
        scanner.skipWhitespaceAndComments()
        guard scanner.current == UInt8(ascii: "]"), !scanner.atEnd else {
            throw scanner.unexpected("expected ']' to close the blank node", at: scanner.pos)
        }
        scanner.pos += 1
    }

    /// `( object* )`, at `(`: rdf:first / rdf:rest nodes ending in rdf:nil.
    private mutating func collection(depth: Int) throws -> Term {
        let open = scanner.pos
        guard depth < TurtleParser.maxDepth else { throw scanner.error("blank nodes and collections are nested too deeply", at: open) }
        scanner.pos += 1
        var head: Term?
        var last: Term?
        while true {
            scanner.skipWhitespaceAndComments()
            if scanner.current == UInt8(ascii: ")") && !scanner.atEnd {
                scanner.pos += 1
                break
            }
            if scanner.atEnd { throw scanner.unexpected("expected ')' to close the collection", at: scanner.pos) }
            let node = freshBlankNode()
            if let last {
                try emit(RDFStatement(subject: last, predicate: rdfRest, object: node))
            } else {
                head = node
            }
            let item = try object(depth: depth)
            try emit(RDFStatement(subject: node, predicate: rdfFirst, object: item))
            last = node
        }
        guard let head, let last else { return rdfNil }
        try emit(RDFStatement(subject: last, predicate: rdfRest, object: rdfNil))
        return head
    }

    // MARK: Blank nodes

    /// A new blank node, labelled `b0`, `b1`, ... skipping labels the document uses.
    private mutating func freshBlankNode() -> Term { .blankNode(freshLabel()) }

    private mutating func freshLabel() -> String {
        while true {
            let label = "b\(nextBlank)"
            nextBlank += 1
            if takenLabels.insert(label).inserted { return label }
        }
    }

    /// `_:label`: the document's label, unless a generated label already took it.
    private mutating func labelledBlankNode() throws -> Term {
        let span = try scanner.scanBlankNodeLabel()
        let label = scanner.string(span)
        if let mapped = blankLabels[label] { return .blankNode(mapped) }
        if takenLabels.insert(label).inserted {
            blankLabels[label] = label
            return .blankNode(label)
        }
        let fresh = freshLabel()
        blankLabels[label] = fresh
        return .blankNode(fresh)
    }
}
