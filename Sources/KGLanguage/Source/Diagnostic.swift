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

    private static func block(severity: String, message: String, range: SourceRange?) -> String {
        guard let range else { return "\(severity): \(message)" }
        let (line, column) = range.file.lineAndColumn(of: range.start)
        let text = range.file.lineText(line)
        // Keep tabs so the caret lines up under the same characters in any terminal.
        let pad = String(text.prefix(column - 1).map { $0 == "\t" ? "\t" : " " })
        let visible = TerminalText.escapingControls(text)
        return "\(range.file.name):\(line):\(column): \(severity): \(message)\n  \(visible)\n  \(pad)^"
    }
}

/// Makes text from files safe to print on a terminal: control characters are shown, not run.
public enum TerminalText {
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
