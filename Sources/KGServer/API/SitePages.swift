import Foundation
import KGEngine
import KnowledgeGraph

/// The pages of `kg serve`: the query page at `/` and `/query` (`/en/`, `/en/query` in
/// English), the proofs at `/why?fact=…`, and every page and asset of the site at the same
/// path `kg site` writes it to, rendered when asked by the one shared `SiteRenderer`.
struct SitePages: PageSource {
    let renderer: SiteRenderer

    func respond(to request: HTTPRequest, graph: GraphResponder) -> HTTPResponse? {
        var path = String(request.path.dropFirst())
        if path == "" { path = "query" }
        if path == "en" || path == "en/" { path = "en/query" }
        let (language, local) = SiteRenderer.split(path)
        let known = local == "query" || local == "why" || renderer.hasFile(path)
        guard known else { return nil }
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = ErrorBody.message(405, "\(request.method) is not allowed on \(request.path); use GET, HEAD")
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        switch local {
        case "query":
            let text = request.parameter("q").flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
            var outcome: ReadOnlyAnswers?
            var milliseconds = 0.0
            if let text {
                let started = MonotonicClock.now()
                outcome = graph.answer(text)
                milliseconds = Double(MonotonicClock.now() - started) / 1e6
            }
            return .html(renderer.queryPage(language: language, text: text, outcome: outcome, milliseconds: milliseconds))
        case "why":
            let facts = request.parameters("fact").filter { !$0.allSatisfy(\.isWhitespace) }.prefix(20)
            guard !facts.isEmpty else {
                return .html(renderer.notFoundPage(language: language, path: local), status: 400)
            }
            let items = facts.map { graph.explain($0) }
            return .html(renderer.whyPage(language: language, proofs: Array(items), fragment: request.parameter("part") != nil, back: nil))
        default:
            guard let file = renderer.file(path) else { return nil }
            return .text(file.contents, type: file.contentType)
        }
    }

    func notFound(_ request: HTTPRequest) -> HTTPResponse {
        let path = String(request.path.dropFirst())
        let (language, local) = SiteRenderer.split(path)
        return .html(renderer.notFoundPage(language: language, path: local), status: 404)
    }
}

extension GraphResponder {
    /// A query's answers for the page, with the time limit's error worded as the API words it.
    func answer(_ text: String) -> ReadOnlyAnswers {
        var outcome = session.answerReadOnly(text)
        if let error = outcome.evaluationError, case .cancelled = error.kind, deadline.expired {
            outcome.evaluationError = EvaluationError(.timeout(seconds: options.timeout, predicate: nil),
                "query stopped after the \(ErrorBody.seconds(options.timeout))-second time limit (kg serve --timeout)", at: error.range)
        }
        return outcome
    }

    /// The proof of one fact for the `why` page (variables filled by the first match).
    func explain(_ text: String) -> WhyPage.Item {
        do {
            let (fact, proof) = try session.explainFirstMatch(text)
            switch proof {
            case .success(let node): return WhyPage.Item(asked: text, fact: fact, proof: node, error: nil)
            case .failure(.syntax(let d)): return WhyPage.Item(asked: text, fact: fact, proof: nil, error: d.message)
            case .failure(.notAFact(let message)): return WhyPage.Item(asked: text, fact: fact, proof: nil, error: message)
            }
        } catch let error as EvaluationError {
            let message = deadline.expired ? "stopped after the \(ErrorBody.seconds(options.timeout))-second time limit" : error.message
            return WhyPage.Item(asked: text, fact: text, proof: nil, error: message)
        } catch {
            return WhyPage.Item(asked: text, fact: text, proof: nil, error: "\(error)")
        }
    }
}
