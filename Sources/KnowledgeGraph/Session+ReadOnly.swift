import KGAnalysis
import KGEngine
import KGFormats
import KGLanguage
import KGStore

/// What answering a request's query text gave: the answers in order, or the diagnostics
/// (and evaluation error) that stopped it. Warnings come with the answers.
public struct ReadOnlyAnswers: Sendable {
    /// Errors and warnings of reading and analysing the text, in reading order.
    public var diagnostics: [Diagnostic] = []
    public var answers: [QueryAnswer] = []
    /// The queries read, in order (one answer each, unless an evaluation error stopped).
    public var queries: [Query] = []
    /// The evaluation error that stopped answering (the answers before it are kept).
    public var evaluationError: EvaluationError?

    public var hasErrors: Bool { diagnostics.contains(where: \.isError) || evaluationError != nil }
}

extension Session {
    /// The text of a query as `kg query` takes it: `?-` and the final `.` may be left out.
    /// Comments may come first (a saved query file posted whole keeps working): `?-` is
    /// added when the first token is not one.
    /// A first statement with `:-` is a rule, not a query without its `?-`: it is left as it
    /// is, so the read-only check names it as a rule (rather than a parse error at `:-`).
    public static func queryText(_ raw: String) -> String {
        var text = raw.trimmingWhitespaceAndNewlines
        var lexer = Lexer(file: SourceFile(name: "<query>", text: text))
        let first = lexer.next()
        var token = first
        var last = first
        var firstStatementIsRule = false
        var inFirstStatement = true
        while token.kind != .endOfFile {
            if inFirstStatement {
                if token.kind == .turnstile { firstStatementIsRule = true }
                if token.kind == .dot { inFirstStatement = false }
            }
            last = token
            token = lexer.next()
        }
        if first.kind != .queryMark && first.kind != .endOfFile && !firstStatementIsRule { text = "?- " + text }
        if last.kind != .dot { text += "." }
        return text
    }

    /// Answers the queries in `text` (normalised as `kg query` does) and leaves the session
    /// exactly as it was: nothing a request sends can add a fact or a rule, load or include a
    /// file, or declare anything. Facts, rules and directives in the text are errors at their
    /// place. The analysis of the queries may note predicates in the predicate table and the
    /// planner may make empty relations for unknown predicates; both are undone, so one
    /// request never changes what another sees.
    public func answerReadOnly(_ raw: String, name: String = "<query>") -> ReadOnlyAnswers {
        var outcome = ReadOnlyAnswers()
        let text = Session.queryText(raw)
        let file = SourceFile(name: name, text: text)
        // Directives are lexical (@prefix and @source never become statements): find them as tokens.
        var lexer = Lexer(file: file)
        while true {
            let token = lexer.next()
            if token.kind == .endOfFile { break }
            if case .directive(let d) = token.kind {
                outcome.diagnostics.append(.error("only queries can be asked here; the directive @\(d) is not accepted (the graph is read-only)",
                                                  at: SourceRange(file: file, start: token.start, end: token.end)))
            }
        }
        var parser = Parser(file: file, prefixes: prefixes)
        while let statement = parser.nextStatement() {
            // @include and @pred were reported as directives above.
            if case .clause(let c) = statement {
                outcome.diagnostics.append(.error("only queries (?- ...) can be asked here; facts and rules are not accepted (the graph is read-only)", at: c.range))
            }
        }
        outcome.diagnostics += parser.diagnostics
        if outcome.diagnostics.contains(where: \.isError) {
            outcome.diagnostics.sort { ($0.range?.start ?? -1) < ($1.range?.start ?? -1) }
            return outcome
        }
        let savedTable = table.copy()
        let result = load(texts: [(name, text)])
        table.restore(from: savedTable)
        outcome.diagnostics = result.diagnostics
        guard !result.hasErrors else { return outcome }
        outcome.queries = result.queries
        for query in result.queries {
            do {
                let model = try evaluate().model
                let before = Set(model.relations.keys)
                defer {
                    for name in model.relations.keys where !before.contains(name) { model.removeRelation(name) }
                }
                outcome.answers.append(try answer(query))
            } catch let error as EvaluationError {
                outcome.evaluationError = error
                break
            } catch {
                outcome.evaluationError = EvaluationError(.cancelled(predicate: nil), "\(error)", at: query.range)
                break
            }
        }
        return outcome
    }
}

extension Session {
    /// The facts that make row `row` of `answer` hold: each positive atom of the query's body
    /// (built-ins left out) with the row's values put in, as text. Variables that are not
    /// columns stay variables (`explainFirstMatch` finds a fact for them).
    public static func rowFacts(of query: Query, answer: QueryAnswer, row: Int) -> [String] {
        guard answer.rows.indices.contains(row) else { return [] }
        let values = Dictionary(zip(answer.columns, answer.rows[row]), uniquingKeysWith: { a, _ in a })
        var facts: [String] = []
        for literal in query.body {
            guard case .atom(let atom) = literal, !BuiltinCatalog.isBuiltin(atom.predicate) else { continue }
            var parts: [String] = []
            var fresh = 0
            for argument in atom.arguments {
                switch argument {
                case .variable(let v, _):
                    if let value = values[v] {
                        parts.append(DatalogText.term(value))
                    } else if v.hasPrefix("_") {
                        fresh += 1
                        parts.append("Any\(fresh)")
                    } else {
                        parts.append(v)
                    }
                case .anonymous:
                    // An anonymous variable gets a name, so the first match can fill it.
                    fresh += 1
                    parts.append("Any\(fresh)")
                case .constant(let t, _): parts.append(DatalogText.term(t))
                default: parts.append(argument.range.text)
                }
            }
            let text = parts.isEmpty ? atom.spelling : "\(atom.spelling)(\(parts.joined(separator: ", ")))"
            if !facts.contains(text) { facts.append(text) }
        }
        return facts
    }

    /// `:why` of a fact that may hold (named) variables: they take the values of its first
    /// match (in answer order), so `shared_by(P, chile)` explains the first practice Chile
    /// shares.
    /// Returns the fact explained, and its proof.
    public func explainFirstMatch(_ text: String) throws -> (fact: String, proof: Result<ProofNode, WhyError>) {
        let plain = try why(text)
        guard case .failure(.notAFact) = plain else { return (text, plain) }
        let outcome = answerReadOnly(text, name: "<input>")
        if let error = outcome.evaluationError { throw error }
        guard !outcome.hasErrors, let query = outcome.queries.first, query.body.count == 1,
              case .atom(let atom) = query.body[0], let answer = outcome.answers.first else { return (text, plain) }
        guard let first = answer.rows.first else {
            return (text, .success(.doesNotHold(fact: text, reasons: ["no fact matches it"])))
        }
        let values = Dictionary(zip(answer.columns, first), uniquingKeysWith: { a, _ in a })
        var terms: [Term] = []
        for argument in atom.arguments {
            switch argument {
            case .constant(let t, _): terms.append(t)
            case .variable(let v, _):
                guard let t = values[v] else { return (text, plain) }
                terms.append(t)
            default: return (text, plain)
            }
        }
        let grounded = DatalogText.fact(atom.spelling, terms)
        return (grounded, try why(grounded))
    }
}

extension String {
    fileprivate var trimmingWhitespaceAndNewlines: String {
        var s = self[...]
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
