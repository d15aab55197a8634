import Foundation
import KGEngine
import KGFormats
import KGLanguage
import KGStore
import KnowledgeGraph

/// Answers the requests of one worker thread from that worker's own replica of the graph.
///
/// Concurrency: a `Session` is not thread-safe — answering a query may build an index
/// lazily, intern a computed term or plan into a scratch relation. So each worker loads and
/// evaluates its own replica at start and is the only thread that ever touches it; requests
/// are read-only (`Session.answerReadOnly`), so every replica stays identical to the others
/// and answers are the same whichever worker takes a request. What the workers share (the
/// page model) is built once before they start and never changed.
final class GraphResponder: HTTPResponder {
    let session: Session
    let deadline: QueryDeadline
    let options: GraphServerOptions
    let pages: (any PageSource)?
    /// The `--docs` folder, this worker's own (its cache is not shared).
    let documents: DocumentFolder?
    /// How `/api/why` describes each source (this worker's locator and documents).
    let sources: SourceJSON

    init(session: Session, deadline: QueryDeadline, options: GraphServerOptions, pages: (any PageSource)?, documents: DocumentFolder? = nil) {
        self.session = session
        self.deadline = deadline
        self.options = options
        self.pages = pages
        self.documents = documents
        sources = SourceJSON(locator: session.sourceLocator(), documents: documents)
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        deadline.arm(seconds: options.timeout)
        defer { deadline.disarm() }
        guard let route = Route.match(request.path) else {
            if let pages, let response = pages.respond(to: request, graph: self) { return response }
            if request.path.hasPrefix("/api/") {
                return ErrorBody.message(404, "no such endpoint: \(request.path); the API has /api/query, /api/why, /api/describe, /api/find and /api/complete")
            }
            return pages?.notFound(request) ?? ErrorBody.message(404, "no such page: \(request.path)")
        }
        guard route.methods.contains(request.method) else {
            var response = ErrorBody.message(405, "\(request.method) is not allowed on \(request.path); use \(route.methods.joined(separator: ", "))")
            response.headers.append(("Allow", route.methods.joined(separator: ", ")))
            return response
        }
        switch route {
        case .query: return query(request)
        case .why: return why(request)
        case .describe: return describe(request)
        case .find: return find(request)
        case .complete: return complete(request)
        }
    }

    // MARK: - /api/query

    /// The query text of a request: `q` of the URL, or a POST's body (raw, or the `q` field
    /// of a form).
    func queryText(_ request: HTTPRequest) -> QueryText {
        var text: String?
        if request.method == "POST" {
            guard let body = String(validating: request.body, as: UTF8.self) else {
                return .failure(ErrorBody.message(400, "the body is not UTF-8 text"))
            }
            let type = (request.header("content-type") ?? "").lowercased()
            if type.hasPrefix("application/x-www-form-urlencoded") {
                do throws(URLEncoding.DecodingError) {
                    text = try URLEncoding.decodeQuery(ArraySlice(request.body)).first { $0.name == "q" }?.value
                } catch {
                    return .failure(ErrorBody.message(400, "the form is not well encoded: \(error.message)"))
                }
            } else {
                text = body
            }
            if text == nil || text?.contains("\0") == true {
                return .failure(ErrorBody.message(400, text == nil ? "the form has no field q" : "the query holds a NUL character"))
            }
        } else {
            text = request.parameter("q")
        }
        guard let text, !text.allSatisfy(\.isWhitespace) else {
            return .failure(ErrorBody.message(400, "no query: ask with /api/query?q=member_of(S, csm) or POST the query as the body"))
        }
        return .success(text)
    }

    /// A request's query, or the response saying why it has none.
    enum QueryText {
        case success(String)
        case failure(HTTPResponse)
    }

    func query(_ request: HTTPRequest) -> HTTPResponse {
        let text: String
        switch queryText(request) {
        case .success(let t): text = t
        case .failure(let response): return response
        }
        let format: AnswerFormat
        if let f = request.parameter("format") {
            guard let parsed = AnswerFormat(rawValue: f) else {
                return ErrorBody.message(400, "unknown format '\(f)'; use json, csv, tsv or table")
            }
            format = parsed
        } else {
            format = .json
        }
        let started = MonotonicClock.now()
        let outcome = session.answerReadOnly(text)
        let elapsed = Double(MonotonicClock.now() - started) / 1e6
        let warnings = outcome.diagnostics.filter { !$0.isError }
        if outcome.diagnostics.contains(where: \.isError) { return ErrorBody.diagnostics(outcome.diagnostics) }
        if let error = outcome.evaluationError {
            return ErrorBody.evaluation(error, warnings: warnings, timedOut: deadline.expired, timeout: options.timeout)
        }
        let formatter = AnswerFormatter(format: format, terms: TermText(prefixes: session.declaredPrefixes))
        var response = HTTPResponse.text(formatter.render(outcome.answers), type: Self.contentType(format))
        response.headers.append(("Server-Timing", "query;dur=\(String(format: "%.3f", elapsed))"))
        response.headers.append(("X-KG-Rows", outcome.answers.map { String($0.rows.count) }.joined(separator: ",")))
        if !warnings.isEmpty {
            response.headers.append(("X-KG-Warnings", Self.headerJSON(.array(warnings.prefix(20).map(ErrorBody.json)))))
        }
        if request.parameter("download") != nil {
            let ext = format == .table ? "txt" : format.rawValue
            response.headers.append(("Content-Disposition", "attachment; filename=\"answer.\(ext)\""))
        }
        return response
    }

    static func contentType(_ format: AnswerFormat) -> String {
        switch format {
        case .json: return "application/json; charset=utf-8"
        case .csv: return "text/csv; charset=utf-8; header=present"
        case .tsv: return "text/tab-separated-values; charset=utf-8"
        case .table: return "text/plain; charset=utf-8"
        }
    }

    /// JSON fit for a header value: ASCII only (everything else as `\uXXXX`), at most 4 KiB.
    static func headerJSON(_ value: JSONValue) -> String {
        var out = ""
        for scalar in value.text.unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else {
                for unit in String(scalar).utf16 { out += String(format: "\\u%04x", unit) }
            }
        }
        return out.utf8.count <= 4096 ? out : "[]"
    }

    // MARK: - /api/why

    func why(_ request: HTTPRequest) -> HTTPResponse {
        guard let fact = request.parameter("fact"), !fact.allSatisfy(\.isWhitespace) else {
            return ErrorBody.message(400, "no fact: ask with /api/why?fact=presented(chile, v_plenary_session_4)")
        }
        do {
            switch try session.why(fact) {
            case .success(let proof):
                var holds = true
                if case .doesNotHold = proof { holds = false }
                let body: JSONValue = .object([
                    ("fact", .string(fact)), ("holds", .bool(holds)), ("text", .string(session.whyText(proof, documents: documents))),
                    ("proof", ProofJSON.json(proof, source: sources.json)),
                ])
                return .json(body.text + "\n")
            case .failure(.syntax(let d)):
                return ErrorBody.diagnostics([d])
            case .failure(.notAFact(let message)):
                return ErrorBody.message(400, message, extra: ErrorBody.place(nil))
            }
        } catch {
            return failed(error)
        }
    }

    // MARK: - /api/describe

    /// Reads an entity as a user writes it: `peru`, `<http://…>`, `ex:thing`.
    func entity(_ text: String) -> Term? {
        guard !text.contains("\0") else { return nil }
        let file = SourceFile(name: "<input>", text: "?- x(\(text)).")
        var parser = Parser(file: file, prefixes: session.prefixes)
        guard case .query(let q)? = parser.nextStatement(), parser.diagnostics.isEmpty,
              q.body.count == 1, case .atom(let a) = q.body[0], a.arguments.count == 1,
              case .constant(let t, _) = a.arguments[0] else { return nil }
        return t
    }

    func describe(_ request: HTTPRequest) -> HTTPResponse {
        guard let id = request.parameter("id"), !id.allSatisfy(\.isWhitespace) else {
            return ErrorBody.message(400, "no entity: ask with /api/describe?id=chile")
        }
        guard let term = entity(id) else {
            return ErrorBody.message(400, "'\(id)' is not an entity id (such as chile; /api/find?text=... finds ids)")
        }
        do {
            guard let d = try session.describe(term) else {
                let hits = try session.find(id).prefix(5).map { DatalogText.term($0.entity) }
                return ErrorBody.message(404, "nothing is known about \(id)", extra: [("suggestions", .strings(Array(hits)))])
            }
            func edge(_ e: EdgeDescription) -> JSONValue {
                .object([
                    ("predicate", .string(e.predicate)), ("other", .string(DatalogText.term(e.other))),
                    ("href", .optional(PageLinks.href(e.other))), ("sources", .strings(e.sources.map(DatalogText.term))),
                    ("derived", .bool(e.derived)),
                ])
            }
            let body: JSONValue = .object([
                ("id", .string(DatalogText.term(d.entity))), ("href", .optional(PageLinks.href(d.entity))),
                ("label", .optional(try session.preferredLabel(d.entity))),
                ("labels", .strings(d.labels.map(DatalogText.term))), ("types", .strings(d.types.map(DatalogText.term))),
                ("outgoing", .array(d.outgoing.map(edge))), ("incoming", .array(d.incoming.map(edge))),
                ("other_facts", .strings(d.otherFacts)),
            ])
            return .json(body.text + "\n")
        } catch {
            return failed(error)
        }
    }

    /// The response to an error thrown while answering /api/why, /api/describe or /api/find:
    /// an evaluation error (or the time limit) as a 400 JSON error, anything else a 500.
    private func failed(_ error: Error) -> HTTPResponse {
        guard let error = error as? EvaluationError else { return ErrorBody.message(500, "\(error)") }
        return ErrorBody.evaluation(error, warnings: [], timedOut: deadline.expired, timeout: options.timeout)
    }

    // MARK: - /api/find

    func find(_ request: HTTPRequest) -> HTTPResponse {
        guard let text = request.parameter("text"), !text.allSatisfy(\.isWhitespace) else {
            return ErrorBody.message(400, "no text: ask with /api/find?text=peru")
        }
        do {
            let hits = try session.find(text)
            let body: JSONValue = .object([
                ("text", .string(text)),
                ("matches", .array(try hits.map { hit in
                    .object([
                        ("id", .string(DatalogText.term(hit.entity))), ("label", .optional(try session.preferredLabel(hit.entity))),
                        ("names", .strings(hit.matches.map(\.text))),
                        ("matched_by", .strings(hit.matches.map(\.source))),
                        ("exact", .bool(hit.exact)), ("href", .optional(PageLinks.href(hit.entity))),
                    ])
                })),
            ])
            return .json(body.text + "\n")
        } catch {
            return failed(error)
        }
    }

    // MARK: - /api/complete

    func complete(_ request: HTTPRequest) -> HTTPResponse {
        let word = request.parameter("word") ?? ""
        let all = word.count > 200 ? [] : session.completions(of: word)
        let body: JSONValue = .object([
            ("word", .string(word)),
            ("total", .int(all.count)),
            ("candidates", .array(all.prefix(50).map { c in
                .object([
                    ("kind", .string(c.kind.rawValue)), ("insert", .string(c.insert)), ("name", .string(c.name)),
                    ("arity", .optional(c.arity)), ("label", .optional(c.label)),
                ])
            })),
        ])
        return .json(body.text + "\n")
    }
}

/// Links from API answers to the pages `kg serve` shows (the same paths as `kg site`).
enum PageLinks {
    /// `/entities/chile.html` for a graph node; nil for a literal.
    static func href(_ term: Term) -> String? {
        switch term {
        case .entity, .iri, .blankNode: return "/" + SiteGenerator.pagePath(for: term)
        default: return nil
        }
    }
}
