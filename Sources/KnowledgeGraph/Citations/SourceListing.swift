import KGFormats
import KGStore

/// Source lines as text for a terminal: the header naming the source, its document and
/// heading, then the lines with their numbers. `kg source`, the REPL's `:source` and `:why`
/// print through this, so all three show a passage the same way.
///
///     src_doc003_session_4_p2 — 003_af77edbcc0395ce3.txt, lines 650–668
///     document: src_doc003, Informe de la V Reunión Plenaria …
///     heading: …          (or "section: …", the curators' label, when it prints no heading)
///       650  …
public enum SourceListing {
    /// The header: `source — file, lines a–b`, `document: …`, `heading: …`.
    public static func header(_ span: SourceSpan) -> [String] {
        var out = ["\(SourceLocator.idText(span.source)) — \(span.place)"]
        let document = SourceLocator.idText(span.document)
        out.append("document: " + (span.documentName.map { "\(document), \(safe($0))" } ?? document))
        // A printed heading, or the curators' name of a section that prints none.
        if let heading = span.heading { out.append((span.headingIsPrinted ? "heading: " : "section: ") + safe(heading)) }
        return out
    }

    /// The span's lines, numbered (right-aligned to the widest number), made safe for a
    /// terminal; `span.lines` must lie within `text` (see `SourceLocator.check`).
    public static func numberedLines(_ span: SourceSpan, in text: DocumentText) -> [String] {
        let width = String(span.lines.upperBound).count
        return text.lines(span.lines).map { number, line in
            let n = String(number)
            let shown = safe(line)
            return String(repeating: " ", count: width - n.count) + n + (shown.isEmpty ? "" : "  " + shown)
        }
    }

    /// The span's lines read from `documents`: fails when the file is missing or unreadable,
    /// or the range runs past its end.
    public static func read(_ span: SourceSpan, from documents: DocumentFolder) throws(SourceLookupError) -> [String] {
        let text = try documents.text(of: span.file, document: SourceLocator.idText(span.document))
        guard span.lines.upperBound <= text.lineCount else {
            throw .beyondEnd(id: SourceLocator.idText(span.source), file: span.file, first: span.lines.lowerBound,
                             last: span.lines.upperBound, lineCount: text.lineCount)
        }
        return numberedLines(span, in: text)
    }

    /// "inferred by the curators from src_x (f.txt, lines 3–9): note" — how `:why`,
    /// `kg source` and the site name a curator inference.
    public static func inferenceSentence(_ inference: InferenceSource) -> String {
        var sentence = "inferred by the curators"
        let from = inference.from.map { unit, span -> String in
            let id = SourceLocator.idText(unit)
            switch span {
            case .success(let s): return "\(id) (\(s.place))"
            case .failure: return id
            }
        }
        if !from.isEmpty { sentence += " from " + SourceLookupError.list(from, conjunction: "and") }
        if !inference.notes.isEmpty { sentence += ": " + inference.notes.map(safe).joined(separator: " ") }
        return sentence
    }

    /// A line of a document as a terminal may show it: tabs expanded to stops of four
    /// columns, control characters made visible (never sent to the terminal).
    public static func safe(_ line: String) -> String {
        guard line.contains("\t") else { return TerminalSafe.text(line) }
        var out = ""
        var column = 0
        for c in line {
            if c == "\t" {
                let spaces = 4 - column % 4
                out += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                out.append(c)
                column += 1
            }
        }
        return TerminalSafe.text(out)
    }

    /// The whole listing of a resolved source: for a span its header and (with documents)
    /// its lines; for an inference the inference sentence, then each passage it was
    /// inferred from. Errors reading the text are thrown.
    public static func listing(_ resolved: ResolvedSource, documents: DocumentFolder?) throws(SourceLookupError) -> String {
        switch resolved {
        case .span(let span):
            var lines = header(span)
            if let documents { lines += try read(span, from: documents).map { "  " + $0 } }
            return lines.joined(separator: "\n") + "\n"
        case .inference(let inference):
            var out = "\(SourceLocator.idText(inference.source)) — \(inferenceSentence(inference))\n"
            for (_, result) in inference.from {
                out += "\n"
                let span = try result.get()
                out += try listing(.span(span), documents: documents)
            }
            return out
        }
    }
}
