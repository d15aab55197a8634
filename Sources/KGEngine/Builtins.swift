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
        case "substr": return substring(inputs[0].text, inputs[1], inputs[2]).map { [.string($0, language: nil)] }
        case "to_number": return number(inputs[0]).map { [$0] }
        case "lang": return language(inputs[0]).map { [.string($0, language: nil)] }
        case "year_of": return inputs[0].dateValue.map { [.integer(Int64($0.year))] }
        case "month_of": return inputs[0].dateValue.map { [.integer(Int64($0.month))] }
        default: return nil
        }
    }

    /// `substr(S, Start, Length, Sub)`, as Soufflé's substr: `Start` counts characters from 0,
    /// and a `Length` running past the end stops at the end. No result when Start or Length is
    /// not an integer, is negative, or Start is past the end.
    static func substring(_ text: String, _ start: Term, _ length: Term) -> String? {
        guard case .integer(let from)? = start.numericValue, case .integer(let count)? = length.numericValue,
              from >= 0, count >= 0 else { return nil }
        let characters = Array(text)
        guard from <= characters.count else { return nil }
        let end = Int(min(Int64(characters.count), from + min(count, Int64(characters.count))))
        return String(characters[Int(from)..<end])
    }

    /// `to_number(S, N)`: the number S's text spells, `[+-]digits` (an integer; one that does
    /// not fit in 64 bits gives none) or `[+-]digits.digits` (a decimal), spaces around
    /// allowed. No result for any other text: to_number fails, it is not an error.
    static func number(_ term: Term) -> Term? {
        if let n = term.numericValue {
            switch n {
            case .integer(let i): return .integer(i)
            case .decimal(let d): return .decimal(d)
            }
        }
        let text = term.text.trimmingCharacters(in: .whitespaces)
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        func digits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.allSatisfy(digits) else { return nil }
        if parts.count == 1 {
            return Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text).map { .integer($0) }
        }
        // Decimal keeps 38 significant digits; beyond its exponent range there is no number.
        guard text.count <= 120, let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !d.isNaN else { return nil }
        return .decimal(d)
    }

    /// `lang(S, Tag)`: the language tag of a string (`"es"`), `""` for a literal without one
    /// (a plain string, a number, a date, a typed literal); none for entities, IRIs and blank
    /// nodes, which are not literals.
    static func language(_ term: Term) -> String? {
        switch term {
        case .string(_, let language): return language ?? ""
        case .integer, .decimal, .date, .typedLiteral: return ""
        case .entity, .iri, .blankNode: return nil
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
