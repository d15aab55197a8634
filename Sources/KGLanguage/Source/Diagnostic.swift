/// A problem found in a program or data file: an error, or a warning that does not stop
/// evaluation. Every user mistake becomes one of these, never a crash.
public struct Diagnostic: Error, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    /// A secondary location that explains the primary one (the other end of a cycle, the
    /// first use of a predicate).
    public struct Note: Sendable {
        public let message: String
        public let range: SourceRange?
        public init(_ message: String, at range: SourceRange?) {
            self.message = message
            self.range = range
        }
    }

    public let severity: Severity
    public let message: String
    public let range: SourceRange?
    public var notes: [Note]

    public init(_ severity: Severity, _ message: String, at range: SourceRange?, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
    }

    public static func error(_ message: String, at range: SourceRange?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.error, message, at: range, notes: notes)
    }

    public static func warning(_ message: String, at range: SourceRange?, notes: [Note] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: range, notes: notes)
    }

    public var isError: Bool { severity == .error }

    /// The full rendering: `file:line:col: error: message`, the source line and a caret.
    public var description: String { DiagnosticRenderer.render(self) }
}

/// Renders diagnostics in the form compilers use, so editors can jump to them:
///
///     queries/broken.dl:3:24: error: unsafe variable 'Y': it appears only in a negated atom
///       ok(X) :- person(X), not banned(X, Y).
///                                         ^
public enum DiagnosticRenderer {
    public static func render(_ d: Diagnostic) -> String {
        var out = block(severity: d.severity.rawValue, message: d.message, range: d.range)
        for note in d.notes {
            out += "\n" + block(severity: "note", message: note.message, range: note.range)
        }
        return out
    }

    private static func block(severity: String, message raw: String, range: SourceRange?) -> String {
        // Messages quote user text (names, paths): control characters are shown, not sent.
        let message = TerminalText.escapingControls(raw)
        guard let range else { return "\(severity): \(message)" }
        let (line, column) = range.file.lineAndColumn(of: range.start)
        let text = range.file.lineText(line)
        // The caret lines up under the shown line: tabs kept, control characters as wide as
        // their visible form, wide (East Asian) characters two cells.
        let pad = text.prefix(column - 1).map { c -> String in
            if c == "\t" { return "\t" }
            let shown = TerminalText.escapingControls(String(c))
            if shown != String(c) { return String(repeating: " ", count: shown.count) }
            return c.unicodeScalars.first.map(TerminalText.isWide) == true ? "  " : " "
        }.joined()
        let visible = TerminalText.escapingControls(text)
        return "\(TerminalText.escapingControls(range.file.name)):\(line):\(column): \(severity): \(message)\n  \(visible)\n  \(pad)^"
    }
}

/// Makes text from files safe to print on a terminal: control characters are shown, not run.
public enum TerminalText {
    /// True for characters a terminal draws two cells wide (CJK, Hangul, full-width forms).
    public static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default: return false
        }
    }

    public static func escapingControls(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: out.unicodeScalars.append(scalar)
            case 0x00..<0x20, 0x7F: out += "^" + String(UnicodeScalar(UInt8((scalar.value + 64) & 0x7F)))
            case 0x80..<0xA0: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
