import Foundation
import KGLanguage

/// What `kg query 'TEXT'` loads for its argument.
///
/// A bare body (`member_of(S, csm)`, with or without `?-` and the final `.`) is one query. A
/// text that holds more than one statement or a rule — `r(X) :- p(X). ?- r(X).` — is a small
/// program: its facts and rules are loaded with the data, then its queries answered. Decided
/// on tokens, so a `.` inside a string or a decimal does not count.
enum QueryArgument {
    static func program(_ argument: String) -> String {
        let text = argument.trimmingCharacters(in: .whitespacesAndNewlines)
        var lexer = Lexer(file: SourceFile(name: "<query>", text: text))
        var kinds: [Token.Kind] = []
        while true {
            let t = lexer.next()
            if t.kind == .endOfFile { break }
            kinds.append(t.kind)
        }
        let endsWithDot = kinds.last == .dot
        let innerDot = kinds.dropLast().contains(.dot)
        let isProgram = kinds.first == .queryMark || kinds.contains(.turnstile) || kinds.contains(.queryMark) || innerDot
        let withDot = endsWithDot ? text : text + "."
        return isProgram ? withDot : "?- " + withDot
    }
}
