import Foundation
import KGEngine
import KGLanguage
import KnowledgeGraph

extension REPL {
    /// The longest query (in seconds) that is answered a second time, with step counters, to
    /// tell which literal first matched nothing: re-running a slow query is not cheap.
    static let hintBudget = 1.0

    /// After an answer with no rows to a query of two or more literals: a note, at the literal
    /// where the bindings ran out in the join order, saying what came before it. Nothing when
    /// the body had solutions (an `:offset` past the end) or the query was slow.
    func hintIfEmpty(_ query: Query, _ answer: QueryAnswer, seconds: Double) {
        guard answer.rows.isEmpty, query.body.count >= 2, seconds < Self.hintBudget else { return }
        guard let profile = try? session.countSteps(of: query), let note = Self.emptyAnswerNote(profile) else { return }
        console.error(colourise(note.description) + "\n")
    }

    /// The note for a plan that produced nothing, or nil when no step can be blamed.
    static func emptyAnswerNote(_ profile: PlanProfile) -> Diagnostic? {
        guard profile.solutions == 0,
              let i = profile.steps.firstIndex(where: { $0.rowsIn > 0 && $0.rowsOut == 0 }) else { return nil }
        let step = profile.steps[i]
        let message: String
        if i == 0 {
            message = step.kind == .match ? "no answers: nothing matches \(step.literal)" : "no answers: \(step.literal) does not hold"
        } else {
            let before = i == 1 ? profile.steps[0].literal : "the \(i) literals before it"
            let n = step.rowsIn
            let gives = "\(before) give\(i == 1 ? "s" : "") \(n) binding\(n == 1 ? "" : "s")"
            let subject = n == 1 ? "it does not" : "none of them"
            let verb = n == 1 ? ("match", "pass") : ("matches", "passes")
            switch step.kind {
            case .match: message = "no answers: \(gives), but \(subject) \(verb.0) \(step.literal)"
            case .filter: message = "no answers: \(gives), but \(subject) \(verb.1) \(step.literal)"
            case .exclude: message = "no answers: \(gives), but \(step.literal) excludes \(n == 1 ? "it" : "them all")"
            }
        }
        return Diagnostic(.note, message, at: step.range)
    }
}
