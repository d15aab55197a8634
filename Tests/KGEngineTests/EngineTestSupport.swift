import Foundation
import Testing
import KGEngine
import KGLanguage
import KGStore
import KnowledgeGraph

/// A term as the tests write expected answers: entities bare, strings quoted (with `@lang`),
/// numbers and dates in canonical form, IRIs in angle brackets.
func show(_ term: Term) -> String {
    switch term {
    case .entity(let n): return n
    case .iri(let i): return "<\(i)>"
    case .blankNode(let b): return "_:\(b)"
    case .string(let s, let lang): return "\"\(s)\"" + (lang.map { "@\($0)" } ?? "")
    case .integer(let i): return String(i)
    case .decimal(let d): return Term.format(decimal: d)
    case .date(let d): return d.description
    case .typedLiteral(let l, let dt): return "\"\(l)\"^^<\(dt)>"
    }
}

/// The rows of an answer, each row's terms joined by ", " (a true answer is `[""]`).
func rows(_ answer: QueryAnswer) -> [String] {
    answer.rows.map { $0.map(show).joined(separator: ", ") }
}

/// `line:col: message` of a diagnostic (or the bare message when it has no place).
func place(_ d: Diagnostic) -> String {
    guard let r = d.range else { return d.message }
    let (line, column) = r.file.lineAndColumn(of: r.start)
    return "\(line):\(column): \(d.message)"
}

/// Loads `text` into a fresh session with no seed graph (the `--no-seeds` setting),
/// expecting no errors, and answers every query in it, in order.
func answers(_ text: String, options: Session.Options = Session.Options(),
             sourceLocation: SourceLocation = #_sourceLocation) throws -> [QueryAnswer] {
    let session = Session(options: options)
    let result = session.load(text: text, name: "t.dl")
    let errors = result.diagnostics.filter(\.isError)
    #expect(errors.isEmpty, "load errors:\n\(errors.map(\.description).joined(separator: "\n"))", sourceLocation: sourceLocation)
    return try result.queries.map { try session.answer($0) }
}

/// The rows of the single (last) query of `text`.
func solve(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
    let all = try answers(text, sourceLocation: sourceLocation)
    guard let last = all.last else {
        Issue.record("no query in the program", sourceLocation: sourceLocation)
        return []
    }
    return rows(last)
}

/// The diagnostics (errors and warnings) of loading `text` into a fresh session.
func loadDiagnostics(_ text: String) -> [String] {
    Session().load(text: text, name: "t.dl").diagnostics.map(place)
}

/// The evaluation error answering the last query of `text` throws, if any.
func evaluationError(_ text: String, options: Session.Options = Session.Options(),
                     sourceLocation: SourceLocation = #_sourceLocation) -> EvaluationError? {
    let session = Session(options: options)
    let result = session.load(text: text, name: "t.dl")
    #expect(!result.hasErrors, "load errors: \(result.diagnostics.map(\.message))", sourceLocation: sourceLocation)
    guard let query = result.queries.last else {
        Issue.record("no query", sourceLocation: sourceLocation)
        return nil
    }
    do {
        _ = try session.answer(query)
        return nil
    } catch let e as EvaluationError {
        return e
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
