import KGEngine
import KGLanguage

/// Error responses of the API. A problem in what the user asked (syntax, analysis, an
/// evaluation error, a limit) is status 400 with a JSON body: the first error's `message`,
/// `line`, `column` (1-based; null when it has no place) and `caret` (the line and the caret
/// under it, as the command line prints them), its `kind`, the whole `text` as the command
/// line prints it, and every diagnostic (warnings too) under `diagnostics`.
enum ErrorBody {
    /// One diagnostic as JSON.
    static func json(_ d: Diagnostic) -> JSONValue {
        var members: [(String, JSONValue)] = [("severity", .string(d.severity.rawValue)), ("message", .string(d.message))]
        members += place(d.range)
        if !d.notes.isEmpty {
            members.append(("notes", .array(d.notes.map { note in
                .object([("message", .string(note.message))] + place(note.range))
            })))
        }
        return .object(members)
    }

    /// `file`, `line`, `column` and `caret` of a range (nulls without one).
    static func place(_ range: SourceRange?) -> [(String, JSONValue)] {
        guard let range else { return [("file", .null), ("line", .null), ("column", .null), ("caret", .null)] }
        let (line, column) = range.file.lineAndColumn(of: range.start)
        let rendered = DiagnosticRenderer.render(Diagnostic(.error, "", at: range))
        let caret = rendered.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        return [("file", .string(range.file.name)), ("line", .int(line)), ("column", .int(column)), ("caret", .string(caret))]
    }

    /// 400 for diagnostics with at least one error.
    static func diagnostics(_ all: [Diagnostic], kind: String = "error") -> HTTPResponse {
        let first = all.first(where: \.isError) ?? all.first ?? Diagnostic.error("the request could not be answered", at: nil)
        return response(first, kind: kind, all: all)
    }

    /// 400 for an evaluation error (a division by zero, a limit, the time limit).
    static func evaluation(_ error: EvaluationError, warnings: [Diagnostic], timedOut: Bool, timeout: Double) -> HTTPResponse {
        let kind: String
        var diagnostic = error.diagnostic
        switch error.kind {
        case .factLimit: kind = "limit"
        case .timeout: kind = "timeout"
        case .cancelled where timedOut:
            kind = "timeout"
            diagnostic = .error("query stopped after the \(seconds(timeout))-second time limit (kg serve --timeout)", at: error.range)
        default: kind = "evaluation"
        }
        return response(diagnostic, kind: kind, all: warnings + [diagnostic])
    }

    private static func response(_ first: Diagnostic, kind: String, all: [Diagnostic]) -> HTTPResponse {
        var members: [(String, JSONValue)] = [("status", 400), ("kind", .string(kind)), ("message", .string(first.message))]
        members += place(first.range)
        members.append(("text", .string(all.filter(\.isError).map(\.description).joined(separator: "\n"))))
        members.append(("diagnostics", .array(all.map(json))))
        return .json(JSONValue.object(members).text + "\n", status: 400)
    }

    /// An error without a place in a query: a missing parameter, a body that is not UTF-8.
    static func message(_ status: Int, _ message: String, extra: [(String, JSONValue)] = []) -> HTTPResponse {
        .json(JSONValue.object([("status", .int(status)), ("message", .string(message))] + extra).text + "\n", status: status)
    }

    static func seconds(_ s: Double) -> String { s == s.rounded() && s < 1e15 ? String(Int(s)) : String(s) }
}
