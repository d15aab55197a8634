import KGStore

/// Turtle's own tokens: prefixed names, IRI references resolved against the base,
/// literals with all four quote forms, and bare numbers.
extension TurtleParser {
    /// A name-like token: a prefixed name, whose expanded IRI is left in `scanner.scratch`,
    /// or a bare word (`a`, `true`, `false`, or an error).
    enum Name {
        case iri
        case word(String)
    }

    /// The term for the IRI a prefixed name left in `scanner.scratch`.
    func scratchTerm() -> Term {
        scanner.scratch.withUnsafeBufferPointer { entities.term($0) }
    }

    func isNameStart(_ b: UInt8) -> Bool {
        b >= 0x80 || b == UInt8(ascii: ":") || scanner.flags(b) & CharacterClasses.alpha != 0
    }

    func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// Advances over PN_PREFIX (PN_CHARS_BASE ((PN_CHARS | '.')* PN_CHARS)?); false, without
    /// moving, when the current character cannot start one.
    mutating func scanPrefixName() throws -> Bool {
        let first = try scanner.decodeScalar(at: scanner.pos)
        guard CharacterClasses.isPNCharsBase(first.scalar) else { return false }
        scanner.pos += first.length
        var end = scanner.pos
        while scanner.pos < scanner.count {
            let b = scanner.bytes[scanner.pos]
            if b < 0x80 {
                if scanner.flags(b) & CharacterClasses.pnChars != 0 { scanner.pos += 1; end = scanner.pos; continue }
                if b == UInt8(ascii: ".") { scanner.pos += 1; continue }
                break
            }
            let next = try scanner.decodeScalar(at: scanner.pos)
            guard CharacterClasses.isPNChars(next.scalar) else { break }
            scanner.pos += next.length
            end = scanner.pos
        }
        scanner.pos = end
        return true
    }

    /// A prefixed name (PNAME_NS / PNAME_LN) or a bare word; the current byte is a name start.
    mutating func scanName() throws -> Name {
        let start = scanner.pos
        if scanner.current != UInt8(ascii: ":") {
            guard try scanPrefixName() else { throw scanner.unexpected("expected a name", at: start) }
        }
        guard scanner.current == UInt8(ascii: ":"), !scanner.atEnd else {
            return .word(scanner.string(from: start, to: scanner.pos))
        }
        let prefixEnd = scanner.pos
        scanner.pos += 1
        let namespace: [UInt8]
        if let cached = namespaceCache, cached.count == prefixEnd - start,
           memcmpEqual(scanner.bytes + cached.start, scanner.bytes + start, cached.count) {
            namespace = cached.namespace
        } else {
            let prefix = scanner.string(from: start, to: prefixEnd)
            guard let iri = prefixes[prefix] else {
                throw scanner.error("undefined prefix '\(prefix):'", at: start)
            }
            namespace = Array(iri.utf8)
            namespaceCache = (start, prefixEnd - start, namespace)
        }
        scanner.scratch.removeAll(keepingCapacity: true)
        scanner.scratch.append(contentsOf: namespace)
        try scanLocalName()
        return .iri
    }

    /// Appends PN_LOCAL to `scanner.scratch`, with `\` escapes removed and `%XX` kept; it may
    /// be empty. Unescaped runs are copied in one piece.
    mutating func scanLocalName() throws {
        var runStart = scanner.pos
        var validEnd = scanner.pos
        var first = true
        loop: while scanner.pos < scanner.count {
            let b = scanner.bytes[scanner.pos]
            if b < 0x80 {
                if scanner.flags(b) & CharacterClasses.pnChars != 0 || b == UInt8(ascii: ":") {
                    if first && b == UInt8(ascii: "-") { break loop }
                    scanner.pos += 1
                } else if b == UInt8(ascii: ".") {
                    if first { break loop }
                    scanner.pos += 1
                    first = false
                    continue loop
                } else if b == UInt8(ascii: "%") {
                    for k in 1...2 where CharacterClasses.hexValue(scanner.byte(at: scanner.pos + k)) == nil {
                        throw scanner.unexpected("invalid percent escape in a local name: expected two hex digits", at: scanner.pos + k)
                    }
                    scanner.pos += 3
                } else if b == UInt8(ascii: "\\") {
                    let escaped = scanner.byte(at: scanner.pos + 1)
                    guard scanner.pos + 1 < scanner.count, scanner.flags(escaped) & CharacterClasses.localEscape != 0 else {
                        throw scanner.unexpected("invalid escape in a local name", at: scanner.pos + 1)
                    }
                    scanner.scratch.append(contentsOf: UnsafeBufferPointer(start: scanner.bytes + runStart, count: scanner.pos - runStart))
                    scanner.scratch.append(escaped)
                    scanner.pos += 2
                    runStart = scanner.pos
                } else {
                    break loop
                }
            } else {
                let c = try scanner.decodeScalar(at: scanner.pos)
                guard first ? CharacterClasses.isPNCharsU(c.scalar) : CharacterClasses.isPNChars(c.scalar) else { break loop }
                scanner.pos += c.length
            }
            first = false
            validEnd = scanner.pos
        }
        // A local name does not end with '.': trailing dots end the statement.
        scanner.pos = validEnd
        if validEnd > runStart {
            scanner.scratch.append(contentsOf: UnsafeBufferPointer(start: scanner.bytes + runStart, count: validEnd - runStart))
        }
    }

    /// `<...>` resolved against the base: absolute IRIs are kept exactly as written.
    mutating func iriReference() throws -> String {
        let open = scanner.pos
        let span = try scanner.scanIRIRef()
        let text = scanner.string(span)
        if scanner.withBytes(span, { ByteScanner.isAbsoluteIRI($0) }) { return text }
        guard let base else {
            throw scanner.error("relative IRI <\(text)> but no base IRI is set (use @base or --base)", at: open)
        }
        return IRIResolver.resolve(text, against: base)
    }

    /// `<...>` as a term.
    mutating func iriTerm() throws -> Term {
        let open = scanner.pos
        let span = try scanner.scanIRIRef()
        let absolute = scanner.withBytes(span) { ByteScanner.isAbsoluteIRI($0) }
        if absolute { return scanner.withBytes(span) { entities.term($0) } }
        scanner.pos = open
        return entities.term(try iriReference())
    }

    /// A quoted literal with an optional language tag or `^^` datatype.
    mutating func literal() throws -> Term {
        let quote = scanner.current
        let span: TextSpan
        if scanner.byte(at: scanner.pos + 1) == quote && scanner.byte(at: scanner.pos + 2) == quote {
            span = try scanner.scanLongString(quote: quote)
        } else {
            span = try scanner.scanShortString(quote: quote)
        }
        let lexical = scanner.string(span)
        if scanner.current == UInt8(ascii: "@"), !scanner.atEnd {
            return .string(lexical, language: try scanner.scanLanguageTag())
        }
        let afterQuote = scanner.pos
        scanner.skipWhitespaceAndComments()
        guard scanner.current == UInt8(ascii: "^"), !scanner.atEnd else {
            scanner.pos = afterQuote
            return .string(lexical, language: nil)
        }
        guard scanner.byte(at: scanner.pos + 1) == UInt8(ascii: "^") else {
            throw scanner.unexpected("expected '^^' before the datatype", at: scanner.pos + 1)
        }
        scanner.pos += 2
        scanner.skipWhitespaceAndComments()
        return LiteralMapping.term(lexical: lexical, datatype: try datatypeIRI())
    }

    private mutating func datatypeIRI() throws -> String {
        let start = scanner.pos
        if scanner.current == UInt8(ascii: "<"), !scanner.atEnd {
            return try iriReference()
        }
        if isNameStart(scanner.current), !scanner.atEnd, case .iri = try scanName() {
            return scanner.scratch.withUnsafeBufferPointer {
                LiteralMapping.knownDatatype($0) ?? String(decoding: $0, as: UTF8.self)
            }
        }
        throw scanner.unexpected("expected a datatype IRI after '^^'", at: start)
    }

    /// INTEGER, DECIMAL or DOUBLE.
    mutating func number() throws -> Term {
        let start = scanner.pos
        if scanner.current == UInt8(ascii: "+") || scanner.current == UInt8(ascii: "-") { scanner.pos += 1 }
        let digitsStart = scanner.pos
        while scanner.pos < scanner.count, isDigit(scanner.bytes[scanner.pos]) { scanner.pos += 1 }
        let integerDigits = scanner.pos - digitsStart
        var fraction = false
        if scanner.current == UInt8(ascii: "."), isDigit(scanner.byte(at: scanner.pos + 1)) {
            scanner.pos += 1
            while scanner.pos < scanner.count, isDigit(scanner.bytes[scanner.pos]) { scanner.pos += 1 }
            fraction = true
        } else if scanner.current == UInt8(ascii: "."), integerDigits > 0, isExponent(at: scanner.pos + 1) {
            scanner.pos += 1
            fraction = true
        }
        guard integerDigits > 0 || fraction else {
            throw scanner.unexpected("invalid number: expected a digit", at: scanner.pos)
        }
        if isExponent(at: scanner.pos) {
            scanner.pos += 1
            if scanner.current == UInt8(ascii: "+") || scanner.current == UInt8(ascii: "-") { scanner.pos += 1 }
            while scanner.pos < scanner.count, isDigit(scanner.bytes[scanner.pos]) { scanner.pos += 1 }
            return .typedLiteral(lexical: scanner.string(from: start, to: scanner.pos), datatype: RDFVocabulary.xsdDouble)
        }
        let lexical = scanner.string(from: start, to: scanner.pos)
        return LiteralMapping.term(lexical: lexical, datatype: fraction ? XSD.decimal : XSD.integer)
    }

    /// EXPONENT ::= [eE] [+-]? [0-9]+ starts at `offset`.
    private func isExponent(at offset: Int) -> Bool {
        let e = scanner.byte(at: offset)
        guard e == UInt8(ascii: "e") || e == UInt8(ascii: "E") else { return false }
        let next = scanner.byte(at: offset + 1)
        if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { return isDigit(scanner.byte(at: offset + 2)) }
        return isDigit(next)
    }
}
