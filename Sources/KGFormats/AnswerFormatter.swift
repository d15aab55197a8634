import Foundation
import KGEngine
import KGStore

/// The output formats for answers.
public enum AnswerFormat: String, Sendable, CaseIterable {
    case table, csv, tsv, json
}

/// Renders query answers as text in one of the `AnswerFormat`s. Output depends only on the
/// answers, so the same query on the same data prints the same bytes.
public struct AnswerFormatter: Sendable {
    public let format: AnswerFormat
    public let terms: TermText
    /// Tables only: the width to fit (long cells are cut with `…`), or nil for no limit.
    public var maxWidth: Int?
    /// Tables only: bold header and dim rules (ANSI), for terminals that want colour.
    public var colour = false
    /// Tables only: extra text after an entity (its label), or nil.
    public var annotate: (@Sendable (Term) -> String?)?

    public init(format: AnswerFormat, terms: TermText = TermText()) {
        self.format = format
        self.terms = terms
    }

    /// All answers of a run: blocks separated by one blank line; JSON as one array.
    public func render(_ answers: [QueryAnswer], titled: Bool = false) -> String {
        if format == .json {
            return "[" + answers.map(json).joined(separator: ",\n ") + "]\n"
        }
        return answers.map { answer in
            let body = render(answer)
            return titled && format == .table ? "?- \(TerminalSafe.text(answer.query)).\n" + body : body
        }.joined(separator: "\n")
    }

    /// One answer.
    public func render(_ answer: QueryAnswer) -> String {
        switch format {
        case .table: return table(answer)
        case .csv: return delimited(answer, separator: ",", field: csvField)
        case .tsv: return delimited(answer, separator: "\t", field: Self.tsvField)
        case .json: return "[" + json(answer) + "]\n"
        }
    }

    // MARK: - Table

    private func table(_ answer: QueryAnswer) -> String {
        if answer.isBoolean { return answer.holds ? "true\n" : "false\n" }
        let cells = answer.rows.map { row in
            row.map { term -> String in
                let text = TerminalSafe.text(terms.text(term))
                guard let note = annotate?(term) else { return text }
                return "\(text) (\(TerminalSafe.text(note)))"
            }
        }
        var widths = answer.columns.map(\.count)
        for row in cells {
            for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) }
        }
        if let maxWidth { widths = fit(widths, into: maxWidth - 2 * (widths.count - 1)) }
        func cut(_ v: String, _ w: Int) -> String { v.count <= w ? v : String(v.prefix(max(0, w - 1))) + "…" }
        func line(_ values: [String]) -> String {
            var parts: [String] = []
            for (i, raw) in values.enumerated() {
                let v = cut(raw, widths[i])
                parts.append(i == values.count - 1 ? v : v + String(repeating: " ", count: widths[i] - v.count))
            }
            return parts.joined(separator: "  ")
        }
        let bold = colour ? "\u{1B}[1m" : "", dim = colour ? "\u{1B}[2m" : "", reset = colour ? "\u{1B}[0m" : ""
        var out = bold + line(answer.columns) + reset + "\n"
        out += dim + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + reset + "\n"
        for row in cells { out += line(row) + "\n" }
        out += "(\(answer.rows.count) row\(answer.rows.count == 1 ? "" : "s"))\n"
        return out
    }

    /// Shrinks the widest columns until the total fits (each keeps at least 8 characters).
    private func fit(_ widths: [Int], into total: Int) -> [Int] {
        var w = widths
        while w.reduce(0, +) > total, let i = w.indices.max(by: { w[$0] < w[$1] }), w[i] > 8 {
            w[i] -= 1
        }
        return w
    }

    // MARK: - CSV / TSV

    private func delimited(_ answer: QueryAnswer, separator: String, field: (String) -> String) -> String {
        if answer.isBoolean { return answer.holds ? "true\n" : "false\n" }
        var out = answer.columns.map(field).joined(separator: separator) + "\n"
        for row in answer.rows {
            out += row.map { field(terms.text($0)) }.joined(separator: separator) + "\n"
        }
        return out
    }

    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    private func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ") || s.hasSuffix(" ") {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// TSV cannot quote: tabs, line breaks and backslashes are escaped as `\t`, `\n`, `\\`
    /// (answers and `kg coverage --format tsv` alike).
    public static func tsvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\\" }) else { return s }
        var out = ""
        for c in s {
            switch c {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\\": out += "\\\\"
            default: out.append(c)
            }
        }
        return out
    }

    // MARK: - JSON

    private func json(_ answer: QueryAnswer) -> String {
        let rows: [String] = answer.rows.map { row in "[" + row.map(jsonValue).joined(separator: ", ") + "]" }
        let columns: [String] = answer.columns.map { JSONText.string($0) }
        let query = JSONText.string(answer.query)
        return "{\"query\": \(query), \"columns\": [\(columns.joined(separator: ", "))], \"rows\": [\(rows.joined(separator: ", "))]}"
    }

    private func jsonValue(_ t: Term) -> String {
        switch t {
        case .integer(let i): return String(i)
        case .decimal(let d): return Term.format(decimal: d)
        case .typedLiteral where t.numericValue != nil:
            switch t.numericValue {
            case .integer(let i)?: return String(i)
            case .decimal(let d)?: return Term.format(decimal: d)
            case nil: return JSONText.string(terms.text(t))
            }
        default: return JSONText.string(terms.text(t))
        }
    }
}

/// JSON string literals. A JSON string is also a valid kg string literal (kg reads `\uXXXX`)
/// and a valid JavaScript one, so this one escaper serves answers, `:why` output and the site.
public enum JSONText {
    /// `forScript`: also escape `<`, `>` and `&`, so the literal is safe inside an HTML page.
    public static func string(_ s: String, forScript: Bool = false) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where forScript, ">" where forScript, "&" where forScript:
                out += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Text from data shown on a terminal: control characters made visible, never executed.
public enum TerminalSafe {
    /// Multi-line text made safe line by line (its own line breaks kept).
    public static func lines(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { text(String($0)) }.joined(separator: "\n")
    }

    public static func text(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x00..<0x20, 0x7F, 0x80..<0xA0: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
