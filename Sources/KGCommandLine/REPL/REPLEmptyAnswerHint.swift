import Foundation
import KGEngine
import KGLanguage
import KnowledgeGraph

extension REPL {
    /// The longest query (in seconds) that is answered a second time, with step counters, to
    /// tell which literal first matched nothing: re-running a slow query is not cheap.
    static let hintBudget = 1.0

    /// After an answer with no rows to a query of two or more literals (or with `;`): a note,
    /// at the literal where the bindings ran out in the join order, saying what came before
    /// it; with `;`, one such note per branch. Nothing when the body had solutions (an
    /// `:offset` past the end) or the query was slow.
    func hintIfEmpty(_ query: Query, _ answer: QueryAnswer, seconds: Double) {
        guard answer.rows.isEmpty, seconds < Self.hintBudget,
              query.branches.count > 1 || query.branches.contains(where: { $0.body.count >= 2 }) else { return }
        guard let profiles = try? session.countSteps(of: query) else { return }
        for note in Self.emptyAnswerNotes(profiles) {
            console.error(colourise(note.description) + "\n")
        }
    }

    /// The notes for the plans of a query (one per branch) that together produced nothing:
    /// one per plan whose failing step can be told; none when some plan had solutions.
    static func emptyAnswerNotes(_ profiles: [PlanProfile]) -> [Diagnostic] {
        guard profiles.allSatisfy({ $0.solutions == 0 }) else { return [] }
        return profiles.compactMap(emptyAnswerNote)
    }

    /// The note for a plan that produced nothing, or nil when no step can be blamed.
    static func emptyAnswerNote(_ profile: PlanProfile) -> Diagnostic? {
        guard profile.solutions == 0,
              let i = profile.steps.firstIndex(where: { $0.rowsIn > 0 && $0.rowsOut == 0 }) else { return nil }
        let step = profile.steps[i]
        var message: String
        if i == 0 {
            message = step.kind == .match ? "nothing matches \(step.literal)" : "\(step.literal) does not hold"
        } else {
            let before = i == 1 ? profile.steps[0].literal : "the \(i) literals before it"
            let n = step.rowsIn
            let gives = "\(before) give\(i == 1 ? "s" : "") \(n) binding\(n == 1 ? "" : "s")"
            let subject = n == 1 ? "it does not" : "none of them"
            let verb = n == 1 ? ("match", "pass") : ("matches", "passes")
            switch step.kind {
            case .match: message = "\(gives), but \(subject) \(verb.0) \(step.literal)"
            case .filter: message = "\(gives), but \(subject) \(verb.1) \(step.literal)"
            case .exclude: message = "\(gives), but \(step.literal) excludes \(n == 1 ? "it" : "them all")"
            case .aggregate: message = "\(gives), but \(step.literal) holds for \(n == 1 ? "it" : "none of them")"
            }
            if step.kind == .aggregate && n == 1 { message = "\(gives), but \(step.literal) does not hold for it" }
        }
        if let branch = profile.branch {
            message = "no answers from branch \(branch.index + 1) of \(branch.count): " + message
        } else {
            message = "no answers: " + message
        }
        return Diagnostic(.note, message, at: step.range)
    }
}
