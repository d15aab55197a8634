/// What one call to `LineEditor.readLine(prompt:)` produced.
public enum LineEditorResult: Equatable, Sendable {
    /// The user pressed Enter (or a plain input stream delivered a line); no trailing newline.
    case line(String)
    /// Ctrl-C while editing: the line was abandoned.
    case interrupted
    /// Ctrl-D on an empty line, or the input reached its end.
    case endOfFile
}
