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
    /// src_doc000  000_….txt: 25 of 30 non-blank lines cited (83.3%); 9 of 12 notable lines recorded (75.0%)
    ///   uncited lines with a name, a date or a figure: 2
    ///     24  …
    ///   cited lines with a name, a date or a figure the facts do not record: 1
    ///     17  …
    ///         not recorded: figure 23; name Villa Ejemplo
    /// ```
    static func text(_ report: CoverageReport) -> String {
        var out = ""
        for d in report.documents {
            out += "\(SourceLocator.idText(d.document))  \(d.file): \(d.citedLines) of \(d.nonBlankLines) non-blank lines cited (\(percent(d.share)))"
                + "; \(d.recordedLines) of \(d.notableLines) notable lines recorded (\(percent(d.recordedShare)))\n"
            let width = String(max(d.uncited.last?.number ?? 0, d.unrecorded.last?.number ?? 0)).count
            func numbered(_ number: Int, _ text: String) -> String {
                let n = String(number)
                var shown = SourceListing.safe(text)
                if shown.count > textWidth { shown = String(shown.prefix(textWidth - 1)) + "…" }
                return "    " + String(repeating: " ", count: width - n.count) + n + "  " + shown + "\n"
            }
            if d.uncited.isEmpty {
                out += "  no uncited line carries a name, a date or a figure\n"
            } else {
                out += "  uncited lines with a name, a date or a figure: \(d.uncited.count)\n"
                for line in d.uncited { out += numbered(line.number, line.text) }
            }
            if d.unrecorded.isEmpty {
                out += "  the facts record every name, date and figure of the cited lines\n"
            } else {
                out += "  cited lines with a name, a date or a figure the facts do not record: \(d.unrecorded.count)\n"
                for line in d.unrecorded {
                    out += numbered(line.number, line.text)
                    out += "    " + String(repeating: " ", count: width) + "  not recorded: "
                        + SourceListing.safe(missingText(line.missing)) + "\n"
                }
            }
            out += "\n"
        }
        out += "all documents: \(report.totalCited) of \(report.totalNonBlank) non-blank lines cited (\(percent(report.totalShare)))"
            + "; \(report.totalRecorded) of \(report.totalNotable) notable lines recorded (\(percent(report.totalRecordedShare)))\n"
        return out
    }

    /// `figure 23; name Villa Ejemplo`.
    static func missingText(_ missing: [UnrecordedToken]) -> String {
        missing.map(\.description).joined(separator: "; ")
    }

    /// Three tables separated by blank lines: one row per document, one per uncited notable
    /// line (`carries`: figure, date, acronym, name, comma-separated), and one per cited line
    /// with something unrecorded (`missing`: `kind text` items separated by `; `).
    static func tsv(_ report: CoverageReport) -> String {
        var out = "document\tfile\tlines\tnon_blank\tcited\tshare\tnotable\trecorded\trecorded_share\n"
        for d in report.documents {
            out += [SourceLocator.idText(d.document), d.file, String(d.lineCount), String(d.nonBlankLines), String(d.citedLines),
                    fraction(d.share), String(d.notableLines), String(d.recordedLines), fraction(d.recordedShare)]
                .map(field).joined(separator: "\t") + "\n"
        }
        out += "\ndocument\tfile\tline\tcarries\ttext\n"
        for d in report.documents {
            for line in d.uncited {
                out += [SourceLocator.idText(d.document), d.file, String(line.number), line.kinds.map(\.rawValue).joined(separator: ","),
                        line.text].map(field).joined(separator: "\t") + "\n"
            }
        }
        out += "\ndocument\tfile\tline\tcarries\tmissing\ttext\n"
        for d in report.documents {
            for line in d.unrecorded {
                out += [SourceLocator.idText(d.document), d.file, String(line.number), line.kinds.map(\.rawValue).joined(separator: ","),
                        missingText(line.missing), line.text].map(field).joined(separator: "\t") + "\n"
            }
        }
        return out
    }

    /// `{"documents": [{…, "uncited": [{"line": …, "carries": […], "text": …}],
    /// "unrecorded": [{"line": …, "carries": […], "missing": [{"kind": …, "text": …}], "text": …}]}],
    /// "total": {…}}`.
    static func json(_ report: CoverageReport) -> String {
        func carries(_ kinds: [NotableLine.Kind]) -> String { "[" + kinds.map { JSONText.string($0.rawValue) }.joined(separator: ", ") + "]" }
        let documents = report.documents.map { d -> String in
            let uncited = d.uncited.map { line in
                "{\"line\": \(line.number), \"carries\": \(carries(line.kinds)), \"text\": \(JSONText.string(line.text))}"
            }
            let unrecorded = d.unrecorded.map { line in
                let missing = line.missing.map { "{\"kind\": \(JSONText.string($0.kind.rawValue)), \"text\": \(JSONText.string($0.text))}" }
                return "{\"line\": \(line.number), \"carries\": \(carries(line.kinds)), \"missing\": [\(missing.joined(separator: ", "))], "
                    + "\"text\": \(JSONText.string(line.text))}"
            }
            return "{\"document\": \(JSONText.string(SourceLocator.idText(d.document))), \"file\": \(JSONText.string(d.file)), "
                + "\"lines\": \(d.lineCount), \"non_blank\": \(d.nonBlankLines), \"cited\": \(d.citedLines), \"share\": \(fraction(d.share)), "
                + "\"notable\": \(d.notableLines), \"recorded\": \(d.recordedLines), \"recorded_share\": \(fraction(d.recordedShare)), "
                + "\"uncited\": [" + uncited.joined(separator: ",\n    ") + "], "
                + "\"unrecorded\": [" + unrecorded.joined(separator: ",\n    ") + "]}"
        }
        return "{\"documents\": [" + documents.joined(separator: ",\n  ") + "],\n \"total\": {\"non_blank\": \(report.totalNonBlank), "
            + "\"cited\": \(report.totalCited), \"share\": \(fraction(report.totalShare)), "
            + "\"notable\": \(report.totalNotable), \"recorded\": \(report.totalRecorded), \"recorded_share\": \(fraction(report.totalRecordedShare))}}\n"
    }

    /// A TSV field, escaped as answers' are.
    static func field(_ s: String) -> String { AnswerFormatter.tsvField(s) }
}
