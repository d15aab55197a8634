import Foundation
import KGLanguage
import KGStore

/// The built-in predicates' meaning. String built-ins read any term's text (an entity's
/// name, a number's digits), so `like(X, "peru")` works on entities and strings alike.
enum Builtins {
    /// The outputs of built-in `name` for `inputs` (in argument order of its outputs), `[]` for
    /// a test that holds, or nil when it does not hold / has no result (`year_of` of a string).
    static func evaluate(_ name: String, _ inputs: [Term], context: EvaluationContext, at range: SourceRange) throws -> [Term]? {
        func test(_ holds: Bool) -> [Term]? { holds ? [] : nil }
        switch name {
        case "contains": return test(inputs[0].text.contains(inputs[1].text) || inputs[1].text.isEmpty)
        case "starts_with": return test(inputs[0].text.hasPrefix(inputs[1].text))
        case "ends_with": return test(inputs[0].text.hasSuffix(inputs[1].text))
        case "like":
            let needle = TextFolding.fold(inputs[1].text)
            return test(needle.isEmpty || TextFolding.fold(inputs[0].text).contains(needle))
        case "matches":
            let regex = try compiled(inputs[1].text, context: context, at: range)
            let text = inputs[0].text
            // A backtracking pattern can run for ages inside one call: ask for progress
            // reports, so the time limit and Ctrl-C can stop it like any other evaluation.
            var found = false, stopped = false
            regex.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(text.startIndex..., in: text)) { result, _, stop in
                if result != nil {
                    found = true
                    stop.pointee = true
                } else if context.limitReached() {
                    stopped = true
                    stop.pointee = true
                }
            }
            if stopped { try context.checkInterrupts() }
            return test(found)
        case "lower": return [.string(inputs[0].text.lowercased(), language: nil)]
        case "fold": return [.string(TextFolding.fold(inputs[0].text), language: nil)]
        case "concat": return [.string(inputs[0].text + inputs[1].text, language: nil)]
        case "length": return [.integer(Int64(inputs[0].text.count))]
        case "str": return [.string(inputs[0].text, language: nil)]
        case "year_of": return inputs[0].dateValue.map { [.integer(Int64($0.year))] }
        case "month_of": return inputs[0].dateValue.map { [.integer(Int64($0.month))] }
        default: return nil
        }
    }

    private static func compiled(_ pattern: String, context: EvaluationContext, at range: SourceRange) throws -> NSRegularExpression {
        if let r = context.regexCache[pattern] { return r }
        do {
            let r = try NSRegularExpression(pattern: pattern)
            context.regexCache[pattern] = r
            return r
        } catch {
            throw EvaluationError(.invalidRegex, "invalid regular expression \"\(pattern)\" in matches/2", at: range)
        }
    }
}
