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
    /// The most branches one body (or one aggregate's body) may multiply out to.
    public static let maxBranches = 256
    /// The most conjunctions one statement may take to plan, its aggregates' branches in each
    /// of its own branches included (`Disjunction.conjunctionCount`).
    public static let maxConjunctions = 1024

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

    private mutating func peekNext() -> Token { peek(1) }

    /// The token `n` places after `current` (1 is the next one).
    private mutating func peek(_ n: Int) -> Token {
        while lookahead.count < n { lookahead.append(lexer.next()) }
        return lookahead[n - 1]
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
            let first = current
            let body = try self.body()
            try checkBranches(body, at: first)
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
                let bodyStart = current
                let body = try self.body()
                try checkBranches(body, at: bodyStart)
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
            if AggregateKind(rawValue: prefix) != nil {
                throw failure("unknown prefix '\(prefix)'; for an aggregate, put a space after ':' or use braces, as in \(prefix) : { \(local)(...) }", at: t)
            }
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

    /// `conjunction { ";" conjunction }`: `,` binds tighter than `;`.
    private mutating func body() throws -> [Literal] {
        let start = current
        var alternatives = [try conjunction()]
        while current.kind == .semicolon {
            _ = advance()
            alternatives.append(try conjunction())
        }
        if alternatives.count == 1 { return alternatives[0] }
        let last = alternatives[alternatives.count - 1].last?.range.end ?? start.end
        return [.disjunction(alternatives, range(from: start.start, to: last))]
    }

    /// `element { "," element }`, where a parenthesised group's literals join the conjunction.
    private mutating func conjunction() throws -> [Literal] {
        var out = try element()
        while current.kind == .comma {
            _ = advance()
            out += try element()
        }
        return out
    }

    /// A literal, or `( body )`. A `(` may also open an arithmetic expression (`(X + 1) > 2`):
    /// the group is tried first and, if it does not parse, the comparison; the error shown is
    /// the one that got further.
    private mutating func element() throws -> [Literal] {
        guard current.kind == .leftParen else { return [try literal()] }
        let saved = self
        do {
            return try group()
        } catch let groupFailure as ParseFailure {
            self = saved
            do {
                return [try literal(allowGroupRetry: false)]
            } catch let comparisonFailure as ParseFailure {
                let g = groupFailure.diagnostic.range?.start ?? 0, c = comparisonFailure.diagnostic.range?.start ?? 0
                throw c > g ? comparisonFailure : groupFailure
            }
        }
    }

    private mutating func group() throws -> [Literal] {
        let open = current
        try countNode()
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Parser.maxNesting {
            throw failure("body nested too deeply (more than \(Parser.maxNesting) levels of parentheses)", at: open)
        }
        _ = advance()
        let inner = try body()
        try expect(.rightParen, "')' closing the group opened at \(range(open).location)")
        return inner
    }

    /// Fails when `body` multiplies out to too many branches, or (for a whole statement,
    /// `statement`) takes too many conjunctions with its aggregates' branches.
    private func checkBranches(_ body: [Literal], at start: Token, statement: Bool = true) throws {
        let n = Disjunction.count(of: body)
        if n > Parser.maxBranches {
            throw failure("this body has \(n == Int.max ? "too many" : String(n)) branches once its disjunctions are multiplied out (at most \(Parser.maxBranches)); define helper predicates for some of the alternatives", at: start)
        }
        guard statement else { return }
        let c = Disjunction.conjunctionCount(of: body)
        if c > Parser.maxConjunctions {
            throw failure("this body has \(c == Int.max ? "too many" : String(c)) conjunctions to evaluate once its disjunctions, and those of its aggregates, are multiplied out (at most \(Parser.maxConjunctions)); define helper predicates for some of the alternatives", at: start)
        }
    }

    private mutating func literal(allowGroupRetry: Bool = true) throws -> Literal {
        let start = current
        if current.kind == .bang || current.kind == .name("not") {
            let isKeyword = current.kind == .name("not")
            // `not` followed by '(' or ',' is a predicate or constant named not, not negation;
            // but `not (p(X) ; ...)` and `!( ... )` are negated groups, which kg (like Soufflé)
            // does not have.
            let after = peekNext().kind
            if after == .leftParen && (!isKeyword || opensNegatedGroup()) {
                throw failure("negation applies to one atom: \(isKeyword ? "not" : "!") ( ... ) is not supported (as in Soufflé); define a predicate for the group and negate that", at: start)
            }
            let negates: Bool
            switch after {
            case .name, .prefixedName, .iri: negates = true
            default: negates = !isKeyword
            }
            if negates {
                _ = advance()
                if current.kind == .name("cited"), peekNext().kind == .leftParen {
                    return .cited(try citation(negated: true, start: start))
                }
                let a = try atom(inHead: false)
                return .negated(a, range(from: start.start, to: a.range.end))
            }
        }
        if let aggregate = try aggregateOnLeft() { return aggregate }
        switch current.kind {
        case .name, .prefixedName, .iri:
            let next = peekNext().kind
            if case .name("cited") = current.kind, next == .leftParen {
                return .cited(try citation(negated: false, start: start))
            }
            if case .name(let n) = current.kind, ArithmeticOperator(rawValue: n)?.isFunction == true, next == .leftParen {
                // `max(A, B) > 3` is a comparison; `max(a, 3)` alone an atom of a predicate max.
                let saved = self
                let a = try atom(inHead: false)
                if comparisonOperator() == nil { return .atom(a) }
                self = saved
                break
            }
            if next == .leftParen || next == .comma || next == .dot || next == .semicolon || next == .rightParen || next == .rightBrace || next == .colon {
                if case .iri = current.kind, next != .leftParen {
                    break   // a bare IRI in a comparison
                }
                return .atom(try atom(inHead: false))
            }
        default: break
        }
        let left = try expression()
        guard let op = comparisonOperator() else {
            throw unexpected("a comparison operator (=, !=, <, <=, >, >=) after the expression")
        }
        _ = advance()
        if let aggregate = try aggregateSide() {
            return .aggregate(BodyAggregate(kind: aggregate.kind, target: aggregate.target, body: aggregate.body, branches: [], keys: [],
                                            op: op, other: left, aggregateOnLeft: false, aggregateRange: aggregate.range,
                                            range: range(from: start.start, to: aggregate.range.end)))
        }
        let right = try expression()
        return .comparison(op, left, right, range(from: start.start, to: right.range.end))
    }

    /// After `not (`: true when a literal follows (`not (p(X) ; q(X))`), not the arguments of
    /// a predicate named not (`not(a)`).
    private mutating func opensNegatedGroup() -> Bool {
        let first = peek(2).kind, second = peek(3).kind
        switch first {
        case .name("not"), .bang, .leftParen: return true
        case .name, .prefixedName, .iri: return second == .leftParen
        default: return false
        }
    }

    private func comparisonOperator() -> ComparisonOperator? {
        switch current.kind {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        default: return nil
        }
    }

    // MARK: - Body aggregates

    /// The aggregate starting here: `count :`, `sum V :`, `min V :`, `max V :` or `mean V :`
    /// (the kind and the start of its expression). `(` after the name starts one only where an
    /// atom cannot stand (`allowParenthesis`), and never after min or max (`min(A, B)`); so
    /// predicates named count or sum keep working.
    private mutating func atAggregate(allowParenthesis: Bool = true) -> AggregateKind? {
        guard case .name(let n) = current.kind, let kind = AggregateKind(rawValue: n) else { return nil }
        switch peekNext().kind {
        case .colon: return kind
        case .variable, .anonymous, .integer, .decimal: return kind
        case .minus: return kind == .count ? nil : kind
        case .leftParen: return allowParenthesis && kind != .count && kind != .min && kind != .max ? kind : nil
        default: return nil
        }
    }

    /// `count : { ... } = N` (the aggregate written first).
    private mutating func aggregateOnLeft() throws -> Literal? {
        let start = current
        guard atAggregate(allowParenthesis: false) != nil, let aggregate = try aggregateSide() else { return nil }
        guard let op = comparisonOperator() else {
            throw unexpected("a comparison after \(aggregate.kind.rawValue) : { ... }, as in N = \(aggregate.kind.rawValue)\(aggregate.kind == .count ? "" : " V") : { ... }")
        }
        _ = advance()
        if atAggregate() != nil {
            throw failure("only one side of a comparison may be an aggregate; compare with a variable bound by another aggregate", at: current)
        }
        let right = try expression()
        return .aggregate(BodyAggregate(kind: aggregate.kind, target: aggregate.target, body: aggregate.body, branches: [], keys: [],
                                        op: op, other: right, aggregateOnLeft: true, aggregateRange: aggregate.range,
                                        range: range(from: start.start, to: right.range.end)))
    }

    /// `count : { body }`, `sum V : { body }`, ... or `count : atom`; nil when none starts here.
    private mutating func aggregateSide() throws -> (kind: AggregateKind, target: Expr?, body: [Literal], range: SourceRange)? {
        guard let kind = atAggregate() else { return nil }
        let start = advance()
        var target: Expr?
        if kind == .count {
            if current.kind != .colon {
                throw failure("count counts the solutions of its body and takes no expression: write N = count : { ... }", at: current)
            }
        } else {
            if current.kind == .colon {
                throw failure("\(kind.rawValue) needs the expression it aggregates before ':', as in S = \(kind.rawValue) V : { p(V) }", at: current)
            }
            target = try expression()
        }
        guard current.kind == .colon else {
            throw unexpected("':' after '\(file.text(start.start..<(target?.range.end ?? start.end)))', as in \(kind.rawValue)\(kind == .count ? "" : " V") : { ... }")
        }
        _ = advance()
        let body: [Literal]
        let end: Int
        if current.kind == .leftBrace {
            let open = advance()
            try countNode()
            nesting += 1
            defer { nesting -= 1 }
            if nesting > Parser.maxNesting {
                throw failure("aggregates nested too deeply (more than \(Parser.maxNesting) levels)", at: open)
            }
            if current.kind == .rightBrace {
                throw failure("an aggregate's body cannot be empty", at: current)
            }
            body = try self.body()
            try checkBranches(body, at: open, statement: false)
            guard current.kind == .rightBrace else {
                throw unexpected("'}' closing the body of \(kind.rawValue) opened at \(range(open).location)")
            }
            end = advance().end
        } else {
            switch current.kind {
            case .name, .prefixedName, .iri:
                let a = try atom(inHead: false)
                body = [.atom(a)]
                end = a.range.end
            default:
                throw unexpected("'{' and the aggregate's body after ':', as in \(kind.rawValue)\(kind == .count ? "" : " V") : { p(V) }")
            }
        }
        return (kind, target, body, range(from: start.start, to: end))
    }

    // MARK: - cited/2

    /// `cited(p(...), G)`: the first argument is parsed as an atom, not as a term.
    private mutating func citation(negated: Bool, start: Token) throws -> Citation {
        _ = advance()
        try expect(.leftParen, "'(' after cited")
        let factStart = current
        let fact: Atom
        switch current.kind {
        case .name, .prefixedName, .iri:
            let next = peekNext().kind
            guard next == .leftParen || next == .comma else {
                throw failure("the first argument of cited/2 is a fact pattern such as member_of(S, B), not a term", at: factStart)
            }
            fact = try atom(inHead: false)
        default:
            throw failure("the first argument of cited/2 is a fact pattern such as member_of(S, B), not \(current.kind.display)", at: factStart)
        }
        guard current.kind == .comma else {
            if current.kind == .rightParen {
                throw failure("cited takes two arguments: cited(Fact, Source), as in cited(member_of(S, B), G)", at: current)
            }
            throw unexpected("',' and the source after the fact in cited(\(fact.range.text), G)")
        }
        _ = advance()
        let source = try expression()
        let end = try expect(.rightParen, "')' closing cited(...): it takes two arguments, cited(Fact, Source)")
        return Citation(fact: fact, source: source, negated: negated, range: range(from: start.start, to: end.end))
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
        var left = try power()
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
            let right = try power()
            left = .binary(op, left, right, left.range.through(right.range))
        }
    }

    /// `factor [ "^" power ]`: `^` binds tighter than `*` and groups to the right
    /// (`2 ^ 3 ^ 2` is `2 ^ 9`); a leading minus applies to the whole power, as in
    /// mathematics (`-2 ^ 2` is `-4`), unless parenthesised (`(-2) ^ 2` is `4`).
    private mutating func power() throws -> Expr {
        let opening = current
        let base = try factor()
        guard current.kind == .caret else { return base }
        try countNode()
        _ = advance()
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Parser.maxNesting {
            throw failure("expression nested too deeply (more than \(Parser.maxNesting) levels of '^')", at: opening)
        }
        let exponent = try power()
        let whole = base.range.through(exponent.range)
        guard opening.kind == .minus else { return .binary(.power, base, exponent, whole) }
        let unsigned: Expr
        switch base {
        case .negate(let inner, _):
            unsigned = inner
        case .constant(.integer(let v), let r):
            guard v != Int64.min else { throw failure("integer literal is too large for a 64-bit integer", at: opening) }
            unsigned = .constant(.integer(-v), SourceRange(file: file, start: r.start + 1, end: r.end))
        case .constant(.decimal(let d), let r):
            unsigned = .constant(.decimal(-d), SourceRange(file: file, start: r.start + 1, end: r.end))
        default:
            return .binary(.power, base, exponent, whole)
        }
        let inner = SourceRange(file: file, start: unsigned.range.start, end: exponent.range.end)
        return .negate(.binary(.power, unsigned, exponent, inner), whole)
    }

    /// `min(A, B)` or `max(A, B)` in an expression.
    private mutating func functionCall(_ op: ArithmeticOperator) throws -> Expr {
        let name = advance()
        try countNode()
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Parser.maxNesting {
            throw failure("expression nested too deeply (more than \(Parser.maxNesting) levels)", at: name)
        }
        try expect(.leftParen, "'('")
        let a = try expression()
        guard current.kind == .comma else {
            throw unexpected("',' and a second argument: \(op.rawValue)(A, B) takes two")
        }
        _ = advance()
        let b = try expression()
        let end = try expect(.rightParen, "')': \(op.rawValue)(A, B) takes two arguments")
        return .binary(op, a, b, range(from: name.start, to: end.end))
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
        case .name(let n) where ArithmeticOperator(rawValue: n)?.isFunction == true && peekNext().kind == .leftParen:
            return try functionCall(ArithmeticOperator(rawValue: n) ?? .minimum)
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
            if let kind = AggregateKind(rawValue: n) {
                let next = peekNext().kind
                if next == .less {
                    throw failure("\(n)<...> may appear only as an argument of a rule head, as in total(\(n)<X>) :- p(X).", at: t)
                }
                if atAggregate() != nil {
                    throw failure("an aggregate in a body stands alone on one side of a comparison, as in N = \(n)\(kind == .count ? "" : " V") : { ... }; compute with its result in another literal", at: t)
                }
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
