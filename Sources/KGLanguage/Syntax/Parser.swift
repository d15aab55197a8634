import KGStore

/// Reads statements from a source file one at a time, recovering after an error at the next
/// `.` so that one run reports every mistake of a file.
///
/// `@prefix` and `@source` are lexical: they apply to what follows in the same file, so the
/// parser resolves them itself (prefixed names come out as IRIs, clauses carry their source).
/// `@include` and `@pred` are returned as statements for the loader and the analyser.
public struct Parser {
    /// Prefixes every file starts with.
    public static let standardPrefixes: [String: String] = [
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "owl": "http://www.w3.org/2002/07/owl#",
    ]

    private var lexer: Lexer
    private var current: Token
    private var lookahead: [Token] = []
    /// After `resume`, `current` is stale and the lexer sits at the next statement's first
    /// byte: the token is read only if the parser itself is asked for the statement. Bulk fact
    /// files go fact after fact through the fast reader, so lexing (and building a String for)
    /// each first name there would be wasted.
    private var resumed = false
    /// Prefixes in force (standard ones plus `@prefix` so far); the loader reads them back.
    public private(set) var prefixes: [String: String]
    /// Prefixes declared by `@prefix` in this file, in order.
    public private(set) var declaredPrefixes: [(String, String)] = []
    private var source: Term?
    private var parseDiagnostics: [Diagnostic] = []
    /// Operators and parentheses in the current statement. Expressions are trees that later
    /// stages walk recursively, so their size is bounded: an error, never a stack overflow.
    private var expressionNodes = 0
    /// The most operators and parentheses one statement may hold.
    public static let maxExpressionNodes = 2000
    /// The deepest nesting of parentheses and signs (each level is several stack frames).
    public static let maxNesting = 256
    private var nesting = 0

    /// `source`: the `@source` already in force (a REPL session carries it from input to input).
    public init(file: SourceFile, prefixes: [String: String] = Parser.standardPrefixes, source: Term? = nil) {
        lexer = Lexer(file: file)
        current = lexer.next()
        self.prefixes = prefixes
        self.source = source
    }

    public var file: SourceFile { lexer.file }

    /// The byte offset where the next statement starts, when the parser is between statements
    /// with nothing read ahead (so another reader may take the statement and `resume` after it).
    public var nextStatementStart: Int? {
        if resumed { return lexer.atEnd ? nil : lexer.offset }
        guard lookahead.isEmpty, current.kind != .endOfFile else { return nil }
        return current.start
    }

    /// Skips to `offset`, just after a statement another reader consumed.
    public mutating func resume(at offset: Int) {
        lexer.reset(to: offset)
        lexer.skipTrivia()
        lookahead.removeAll()
        resumed = true
    }

    /// The `@source` in force at this point of the file.
    public var currentSource: Term? { source }

    /// Lexical and syntax errors so far, in source order.
    public var diagnostics: [Diagnostic] {
        (lexer.diagnostics + parseDiagnostics).sorted { $0.range?.start ?? 0 < $1.range?.start ?? 0 }
    }

    /// Parses a whole file into its statements.
    public static func parse(_ file: SourceFile) -> (statements: [Statement], diagnostics: [Diagnostic]) {
        var parser = Parser(file: file)
        var statements: [Statement] = []
        while let s = parser.nextStatement() { statements.append(s) }
        return (statements, parser.diagnostics)
    }

    /// The next statement, or nil at the end of the file. Statements with errors are skipped
    /// (their diagnostics are in `diagnostics`).
    public mutating func nextStatement() -> Statement? {
        if resumed {
            current = lexer.next()
            resumed = false
        }
        while current.kind != .endOfFile {
            do {
                if let statement = try statement() { return statement }
            } catch let error as ParseFailure {
                parseDiagnostics.append(error.diagnostic)
                recover()
            } catch {
                recover()
            }
        }
        return nil
    }

    // MARK: - Tokens

    private struct ParseFailure: Error { let diagnostic: Diagnostic }

    private mutating func advance() -> Token {
        let t = current
        current = lookahead.isEmpty ? lexer.next() : lookahead.removeFirst()
        return t
    }

    private mutating func peekNext() -> Token {
        if lookahead.isEmpty { lookahead.append(lexer.next()) }
        return lookahead[0]
    }

    private func range(_ t: Token) -> SourceRange { SourceRange(file: file, start: t.start, end: t.end) }
    private func range(from start: Int, to end: Int) -> SourceRange { SourceRange(file: file, start: start, end: end) }

    private func failure(_ message: String, at t: Token) -> ParseFailure {
        ParseFailure(diagnostic: .error(message, at: range(t)))
    }

    private func unexpected(_ expected: String) -> ParseFailure {
        failure("expected \(expected), found \(current.kind.display)", at: current)
    }

    @discardableResult
    private mutating func expect(_ kind: Token.Kind, _ what: String) throws -> Token {
        guard current.kind == kind else { throw unexpected(what) }
        return advance()
    }

    /// Skips to just after the next `.` (or to the end).
    private mutating func recover() {
        while current.kind != .endOfFile {
            if advance().kind == .dot { return }
        }
    }

    /// The statement's closing `.`; a helpful message when it is missing.
    private mutating func expectEnd() throws -> Token {
        guard current.kind == .dot else {
            throw unexpected("'.' at the end of the statement")
        }
        return advance()
    }

    // MARK: - Statements

    private mutating func statement() throws -> Statement? {
        let start = current
        expressionNodes = 0
        nesting = 0
        switch current.kind {
        case .queryMark:
            _ = advance()
            let bodyStart = current.start
            let body = try literals()
            let options = try queryOptions()
            let end = try expectEnd()
            let text = file.text(bodyStart..<end.start).trimmingWhitespace()
            return .query(Query(body: body, text: text, range: range(from: start.start, to: end.end), options: options))
        case .directive(let name):
            return try directive(name)
        case .name, .prefixedName, .iri:
            let head = try atom(inHead: true)
            if current.kind == .turnstile {
                _ = advance()
                let body = try literals()
                try rejectQueryOptions(in: "rules")
                let end = try expectEnd()
                return .clause(Clause(head: head, body: body, source: source, range: range(from: start.start, to: end.end)))
            }
            try rejectQueryOptions(in: "facts")
            let end = try expectEnd()
            return .clause(Clause(head: head, body: [], source: source, range: range(from: start.start, to: end.end)))
        case .variable(let v):
            throw failure("a statement cannot start with variable '\(v)': predicate names start with a lowercase letter", at: current)
        default:
            throw unexpected("a fact, rule, query ('?-') or directive ('@')")
        }
    }

    private mutating func directive(_ name: String) throws -> Statement? {
        let at = advance()
        switch name {
        case "include":
            guard case .string(let path, _) = current.kind else { throw unexpected("a quoted path after @include") }
            _ = advance()
            let end = try expectEnd()
            return .include(path: path, range: range(from: at.start, to: end.end))
        case "prefix":
            guard case .name(let prefix) = current.kind else { throw unexpected("a prefix name after @prefix (as in '@prefix ex: <http://example.org/>.')") }
            _ = advance()
            try expect(.colon, "':' after the prefix name")
            guard case .iri(let iri) = current.kind else { throw unexpected("an IRI in angle brackets") }
            _ = advance()
            _ = try expectEnd()
            prefixes[prefix] = iri
            declaredPrefixes.append((prefix, iri))
            return nil
        case "source":
            let t = current
            let term = try constant()
            switch term {
            case .entity, .iri: break
            default: throw failure("@source names an entity (the document or section), as in '@source doc_003_session_4.'", at: t)
            }
            _ = try expectEnd()
            source = term
            return nil
        case "pred":
            let nameToken = current
            let (key, spelling) = try predicateName()
            var classes: [String] = []
            if current.kind == .leftParen {
                _ = advance()
                if current.kind != .rightParen {
                    while true {
                        guard case .name(let c) = current.kind else { throw unexpected("an argument class (string, int, decimal, date, any or a class name)") }
                        _ = advance()
                        classes.append(c)
                        if current.kind == .comma { _ = advance(); continue }
                        break
                    }
                }
                try expect(.rightParen, "')' or ','")
            }
            var description: String?
            if case .string(let d, _) = current.kind {
                description = d
                _ = advance()
            }
            let end = try expectEnd()
            return .declaration(PredicateDeclaration(
                predicate: key, spelling: spelling, argumentClasses: classes, description: description,
                range: range(from: nameToken.start, to: end.end)))
        default:
            throw failure("unknown directive '@\(name)'; the directives are @include, @prefix, @source and @pred", at: at)
        }
    }

    // MARK: - Atoms and literals

    /// A predicate name: `name`, `ex:local` or `<iri>`; returns the key and the spelling.
    private mutating func predicateName() throws -> (String, String) {
        let t = current
        switch t.kind {
        case .name(let n):
            _ = advance()
            return (n, n)
        case .prefixedName(let p, let l):
            _ = advance()
            return ("<\(try expand(p, l, t))>", "\(p):\(l)")
        case .iri(let iri):
            _ = advance()
            return ("<\(iri)>", "<\(iri)>")
        default:
            throw unexpected("a predicate name")
        }
    }

    private func expand(_ prefix: String, _ local: String, _ t: Token) throws -> String {
        guard let ns = prefixes[prefix] else {
            throw failure("unknown prefix '\(prefix)'; declare it first with '@prefix \(prefix): <...>.'", at: t)
        }
        return ns + local
    }

    private mutating func atom(inHead: Bool) throws -> Atom {
        let start = current
        let (key, spelling) = try predicateName()
        let nameRange = range(from: start.start, to: start.end)
        var arguments: [Expr] = []
        var end = start.end
        if current.kind == .leftParen {
            _ = advance()
            if current.kind != .rightParen {
                while true {
                    arguments.append(try inHead ? headArgument() : expression())
                    if current.kind == .comma { _ = advance(); continue }
                    break
                }
            }
            end = try expect(.rightParen, "',' or ')' in the arguments of '\(spelling)'").end
        }
        return Atom(predicate: key, spelling: spelling, predicateRange: nameRange, arguments: arguments,
                    range: range(from: start.start, to: end))
    }

    private mutating func headArgument() throws -> Expr {
        if case .name(let n) = current.kind, let kind = AggregateKind(rawValue: n), peekNext().kind == .less {
            let start = advance()
            _ = advance()
            var names: [String] = []
            while true {
                guard case .variable(let v) = current.kind else {
                    throw unexpected("a variable inside \(n)<...>")
                }
                _ = advance()
                names.append(v)
                if current.kind == .comma { _ = advance(); continue }
                break
            }
            let end = try expect(.greater, "'>' closing \(n)<...>")
            return .aggregate(kind, names, range(from: start.start, to: end.end))
        }
        return try expression()
    }

    private mutating func literals() throws -> [Literal] {
        var out = [try literal()]
        while current.kind == .comma {
            _ = advance()
            out.append(try literal())
        }
        return out
    }

    private mutating func literal() throws -> Literal {
        let start = current
        if current.kind == .bang || current.kind == .name("not") {
            let isKeyword = current.kind == .name("not")
            // `not` followed by '(' or ',' is a predicate or constant named not, not negation.
            let after = peekNext().kind
            let negates: Bool
            switch after {
            case .name, .prefixedName, .iri: negates = true
            default: negates = !isKeyword
            }
            if negates {
                _ = advance()
                let a = try atom(inHead: false)
                return .negated(a, range(from: start.start, to: a.range.end))
            }
        }
        switch current.kind {
        case .name, .prefixedName, .iri:
            let next = peekNext().kind
            if next == .leftParen || next == .comma || next == .dot || next == .colon {
                if case .iri = current.kind, next != .leftParen {
                    break   // a bare IRI in a comparison
                }
                return .atom(try atom(inHead: false))
            }
        default: break
        }
        let left = try expression()
        let op: ComparisonOperator
        switch current.kind {
        case .equal: op = .equal
        case .notEqual: op = .notEqual
        case .less: op = .less
        case .lessOrEqual: op = .lessOrEqual
        case .greater: op = .greater
        case .greaterOrEqual: op = .greaterOrEqual
        default:
            throw unexpected("a comparison operator (=, !=, <, <=, >, >=) after the expression")
        }
        _ = advance()
        let right = try expression()
        return .comparison(op, left, right, range(from: start.start, to: right.range.end))
    }

    // MARK: - Expressions

    /// Counts one more operator or parenthesis, failing past the limit.
    private mutating func countNode() throws {
        expressionNodes += 1
        if expressionNodes > Parser.maxExpressionNodes {
            throw failure("expression too large or too deeply nested (more than \(Parser.maxExpressionNodes) operators and parentheses in one statement); split it into several steps", at: current)
        }
    }

    private mutating func expression() throws -> Expr {
        var left = try term()
        while true {
            let op: ArithmeticOperator
            switch current.kind {
            case .plus: op = .add
            case .minus: op = .subtract
            default: return left
            }
            try countNode()
            _ = advance()
            let right = try term()
            left = .binary(op, left, right, left.range.through(right.range))
        }
    }

    private mutating func term() throws -> Expr {
        var left = try factor()
        while true {
            let op: ArithmeticOperator
            switch current.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            case .percent: op = .remainder
            default: return left
            }
            try countNode()
            _ = advance()
            let right = try factor()
            left = .binary(op, left, right, left.range.through(right.range))
        }
    }

    private mutating func factor() throws -> Expr {
        let t = current
        switch t.kind {
        case .minus:
            try countNode()
            _ = advance()
            let n = current
            switch n.kind {
            case .integer(let magnitude):
                _ = advance()
                guard magnitude <= UInt64(Int64.max) + 1 else { throw failure("integer literal is too large for a 64-bit integer", at: n) }
                let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
                return .constant(.integer(value), range(from: t.start, to: n.end))
            case .decimal(let d):
                _ = advance()
                return .constant(.decimal(-d), range(from: t.start, to: n.end))
            default:
                nesting += 1
                defer { nesting -= 1 }
                if nesting > Parser.maxNesting {
                    throw failure("expression nested too deeply (more than \(Parser.maxNesting) levels of signs and parentheses)", at: t)
                }
                let inner = try factor()
                return .negate(inner, range(from: t.start, to: inner.range.end))
            }
        case .leftParen:
            try countNode()
            nesting += 1
            defer { nesting -= 1 }
            if nesting > Parser.maxNesting {
                throw failure("expression nested too deeply (more than \(Parser.maxNesting) levels of parentheses)", at: current)
            }
            _ = advance()
            let inner = try expression()
            try expect(.rightParen, "')'")
            return inner
        case .variable(let v):
            _ = advance()
            return .variable(v, range(t))
        case .anonymous:
            _ = advance()
            return .anonymous(range(t))
        default:
            return .constant(try constant(), range(from: t.start, to: t.end))
        }
    }

    /// A constant term: entity, prefixed name, IRI, string, number or date.
    private mutating func constant() throws -> Term {
        let t = current
        switch t.kind {
        case .name(let n):
            if AggregateKind(rawValue: n) != nil, peekNext().kind == .less {
                throw failure("\(n)<...> may appear only as an argument of a rule head, as in total(\(n)<X>) :- p(X).", at: t)
            }
            _ = advance()
            if current.kind == .leftParen {
                throw failure("'\(n)(...)' cannot stand here: atoms go in a rule body, not inside arguments", at: t)
            }
            return .entity(n)
        case .prefixedName(let p, let l):
            _ = advance()
            return .iri(try expand(p, l, t))
        case .iri(let iri):
            _ = advance()
            return .iri(iri)
        case .string(let s, let lang):
            _ = advance()
            return .string(s, language: lang)
        case .integer(let magnitude):
            _ = advance()
            guard magnitude <= UInt64(Int64.max) else { throw failure("integer literal is too large for a 64-bit integer", at: t) }
            return .integer(Int64(magnitude))
        case .decimal(let d):
            _ = advance()
            return .decimal(d)
        case .date(let d):
            _ = advance()
            return .date(d)
        default:
            throw unexpected("a term (a constant, variable, string, number or date)")
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

// MARK: - Query options (:select, :order, :limit, :offset)

extension Parser {
    /// The answer options after a query's body, before its final `.` (see `QueryOptions`).
    /// Each may appear once, in any order; misuse is a positioned error.
    fileprivate mutating func queryOptions() throws -> QueryOptions {
        var options = QueryOptions()
        var seen: [String: SourceRange] = [:]
        while current.kind == .colon {
            let colon = advance()
            guard case .name(let name) = current.kind, current.start == colon.end else {
                throw failure("expected an option name after ':' (:select, :order, :limit or :offset)", at: colon)
            }
            let nameToken = advance()
            let optionRange = range(from: colon.start, to: nameToken.end)
            guard QueryOptions.names.contains(name) else {
                var message = "unknown query option ':\(name)'"
                if let near = Parser.nearestOption(to: name) { message += "; did you mean ':\(near)'?" }
                message += " (the options are :select, :order, :limit and :offset)"
                throw ParseFailure(diagnostic: .error(message, at: optionRange))
            }
            if let first = seen[name] {
                throw ParseFailure(diagnostic: .error("':\(name)' is given twice; each option may appear once", at: optionRange,
                                                      notes: [Diagnostic.Note("':\(name)' is first given here", at: first)]))
            }
            seen[name] = optionRange
            switch name {
            case "select":
                var variables: [QueryOptions.Variable] = []
                repeat {
                    let v = try optionVariable(":select")
                    if variables.contains(where: { $0.name == v.name }) {
                        throw ParseFailure(diagnostic: .error("':select' names '\(v.name)' twice", at: v.range))
                    }
                    variables.append(v)
                } while try optionComma()
                options.select = variables
            case "order":
                var keys: [QueryOptions.SortKey] = []
                repeat {
                    var descending = false
                    let sign = current
                    if current.kind == .minus {
                        _ = advance()
                        descending = true
                    }
                    let v = try optionVariable(":order")
                    if descending && sign.end != v.range.start {
                        throw failure("write a descending key with no space after the minus: -\(v.name)", at: sign)
                    }
                    if keys.contains(where: { $0.variable.name == v.name }) {
                        throw ParseFailure(diagnostic: .error("':order' names '\(v.name)' twice", at: v.range))
                    }
                    keys.append(QueryOptions.SortKey(variable: v, descending: descending))
                } while try optionComma()
                options.order = keys
            default:
                let n = try optionCount(":\(name)")
                if name == "limit" { options.limit = n } else { options.offset = n }
            }
        }
        return options
    }

    /// A `,` between the variables of `:select` or the keys of `:order`; true when one was read.
    private mutating func optionComma() throws -> Bool {
        guard current.kind == .comma else { return false }
        _ = advance()
        return true
    }

    /// A variable named by `:select` or `:order`.
    private mutating func optionVariable(_ option: String) throws -> QueryOptions.Variable {
        let t = current
        switch t.kind {
        case .variable(let v):
            _ = advance()
            return QueryOptions.Variable(name: v, range: range(t))
        case .anonymous:
            throw failure("'\(option)' takes named variables of the query, not '_'", at: t)
        default:
            let what = option == ":order" ? "a variable (V ascending, -V descending)" : "a variable"
            throw unexpected("\(what) after '\(option)'")
        }
    }

    /// The whole number of `:limit` or `:offset`: an integer literal, 0 or more.
    private mutating func optionCount(_ option: String) throws -> Int {
        let t = current
        let shown: String
        switch t.kind {
        case .integer(let n):
            guard n <= UInt64(Int.max) else { throw failure("'\(option)' is too large for a whole number", at: t) }
            _ = advance()
            return Int(n)
        case .minus:
            switch peekNext().kind {
            case .integer(let n): shown = "'-\(n)'"
            case .decimal(let d): shown = "'-\(d)'"
            default: shown = "'-'"
            }
        case .dot, .colon, .endOfFile:
            throw failure("'\(option)' needs a whole number (0 or more), as in \(option) 10", at: t)
        default:
            shown = t.kind.display
        }
        throw failure("'\(option)' takes a whole number, 0 or more, not \(shown)", at: t)
    }

    /// Options written after a rule or a fact: an error, since only queries have answers.
    fileprivate mutating func rejectQueryOptions(in what: String) throws {
        guard current.kind == .colon, case .name(let n) = peekNext().kind else { return }
        let option = QueryOptions.names.contains(n) ? "':\(n)'" : "options"
        throw failure("\(option) shapes the answer of a query ('?- ...'); \(what) have no answers to shape", at: current)
    }

    /// The option an unknown name most likely meant: a common synonym, or a near spelling.
    static func nearestOption(to name: String) -> String? {
        let synonyms = ["sort": "order", "order_by": "order", "orderby": "order", "sort_by": "order",
                        "take": "limit", "first": "limit", "top": "limit", "head": "limit",
                        "skip": "offset", "drop": "offset",
                        "project": "select", "columns": "select", "fields": "select", "show": "select"]
        if let s = synonyms[name.lowercased()] { return s }
        var best: (String, Int)?
        for candidate in QueryOptions.names {
            let d = editDistance(Array(name), Array(candidate))
            if d <= 2, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    private static func editDistance(_ x: [Character], _ y: [Character]) -> Int {
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
