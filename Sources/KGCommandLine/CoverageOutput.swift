import Foundation
import KGFormats
import KnowledgeGraph

/// How `kg coverage` prints its report: text for people (the default), TSV and JSON for
/// programs. Documents come in file-name order and lines in document order, so the same
/// graph and documents print the same bytes.
enum CoverageOutput {
    /// Text lines longer than this are cut with `…` (TSV and JSON keep them whole).
    static let textWidth = 200

    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
    static func fraction(_ share: Double) -> String { String(format: "%.3f", share) }

    /// ```
    /// src_doc000  000_….txt: 25 of 30 non-blank lines cited (83.3%)
    ///   uncited lines with a name, a date or a figure: 2
    ///     24  …
    /// ```
    static func text(_ report: CoverageReport) -> String {
        var out = ""
        for d in report.documents {
            out += "\(SourceLocator.idText(d.document))  \(d.file): \(d.citedLines) of \(d.nonBlankLines) non-blank lines cited (\(percent(d.share)))\n"
            if d.uncited.isEmpty {
                out += "  no uncited line carries a name, a date or a figure\n"
            } else {
                out += "  uncited lines with a name, a date or a figure: \(d.uncited.count)\n"
                let width = String(d.uncited.last?.number ?? 0).count
                for line in d.uncited {
                    let n = String(line.number)
                    var shown = SourceListing.safe(line.text)
                    if shown.count > textWidth { shown = String(shown.prefix(textWidth - 1)) + "…" }
                    out += "    " + String(repeating: " ", count: width - n.count) + n + "  " + shown + "\n"
                }
            }
            out += "\n"
        }
        out += "all documents: \(report.totalCited) of \(report.totalNonBlank) non-blank lines cited (\(percent(report.totalShare)))\n"
        return out
    }

    /// Two tables separated by a blank line: one row per document, then one per uncited
    /// notable line (`carries`: figure, date, acronym, name, comma-separated).
    static func tsv(_ report: CoverageReport) -> String {
        var out = "document\tfile\tlines\tnon_blank\tcited\tshare\n"
        for d in report.documents {
            out += [SourceLocator.idText(d.document), d.file, String(d.lineCount), String(d.nonBlankLines), String(d.citedLines),
                    fraction(d.share)].map(field).joined(separator: "\t") + "\n"
        }
        out += "\ndocument\tfile\tline\tcarries\ttext\n"
        for d in report.documents {
            for line in d.uncited {
                out += [SourceLocator.idText(d.document), d.file, String(line.number), line.kinds.map(\.rawValue).joined(separator: ","),
                        line.text].map(field).joined(separator: "\t") + "\n"
            }
        }
        return out
    }

    /// `{"documents": [{…, "uncited": [{"line": …, "carries": […], "text": …}]}], "total": {…}}`.
    static func json(_ report: CoverageReport) -> String {
        let documents = report.documents.map { d -> String in
            let uncited = d.uncited.map { line in
                "{\"line\": \(line.number), \"carries\": [\(line.kinds.map { JSONText.string($0.rawValue) }.joined(separator: ", "))], \"text\": \(JSONText.string(line.text))}"
            }
            return "{\"document\": \(JSONText.string(SourceLocator.idText(d.document))), \"file\": \(JSONText.string(d.file)), "
                + "\"lines\": \(d.lineCount), \"non_blank\": \(d.nonBlankLines), \"cited\": \(d.citedLines), \"share\": \(fraction(d.share)), "
                + "\"uncited\": [" + uncited.joined(separator: ",\n    ") + "]}"
        }
        return "{\"documents\": [" + documents.joined(separator: ",\n  ") + "],\n \"total\": {\"non_blank\": \(report.totalNonBlank), "
            + "\"cited\": \(report.totalCited), \"share\": \(fraction(report.totalShare))}}\n"
    }

    /// TSV cannot quote: tabs, line breaks and backslashes are escaped as `\t`, `\n`, `\\`
    /// (as in answers).
    static func field(_ s: String) -> String {
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
}
