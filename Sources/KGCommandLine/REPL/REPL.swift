import Foundation
import KGEngine
import KGFormats
import KGLanguage
import KGStore
import KnowledgeGraph

/// The interactive shell: facts and rules typed at the prompt are added, queries answered at
/// once, `:commands` explain and inspect. An error never ends the session.
final class REPL {
    let options: CommandLineOptions
    let console: Console
    let runner: CommandRunner
    var session: Session!
    var format: AnswerFormat
    var showLabels = false
    /// `:lang`: which labels tables and `:describe` show.
    var labelLanguage = LabelLanguage.all
    var timing = false
    /// What this session added, for `:save`: declarations, then facts and rules with no
    /// source in order, then facts by source (an `@source` line cannot be undone in a file,
    /// so unsourced statements must come before any of them).
    var journal = Journal()
    /// Colour for tables on standard output, and for messages on standard error: each only
    /// when that stream is a terminal and NO_COLOR is unset.
    let useColour: Bool
    let colourMessages: Bool

    init(options: CommandLineOptions, console: Console) {
        self.options = options
        self.console = console
        runner = CommandRunner(options: options, console: console)
        format = options.format ?? (console.outputIsTerminal ? .table : .tsv)
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"] != nil
        useColour = console.outputIsTerminal && !noColour
        colourMessages = console.errorIsTerminal && !noColour
    }

    func run() -> ExitCode {
        guard let session = runner.makeSession(inPlace: false) else { return .failure }
        self.session = session
        InterruptFlag.install()
        session.options.limits.isCancelled = { InterruptFlag.isSet }
        // --data is loaded as data (fast path, no syntax trees kept); only what is typed in the
        // session is recorded for :save and withdrawn if its evaluation fails.
        if !options.dataFiles.isEmpty { report(session.load(paths: options.dataFiles).diagnostics) }
        session.options.recordClauses = true
        session.options.evaluateOnLoad = true
        // Evaluate once up front, so the first query is as fast as the rest.
        do { _ = try session.evaluate() } catch { reportError(error) }
        let history = ProcessInfo.processInfo.environment["HOME"].map { $0 + "/.kg_history" }
        let editor = LineEditor(historyPath: history)
        editor.completer = { [unowned self] line, cursor in REPLCompletion.candidates(line: line, cursor: cursor, session: self.session) }
        if editor.isInteractive {
            console.out("kg — \(session.database.factCount) facts loaded. Type :help for commands, :quit to leave.\n")
        }
        var buffer = ""
        while true {
            switch editor.readLine(prompt: buffer.isEmpty ? "kg> " : "...> ") {
            case .endOfFile:
                if editor.isInteractive { console.out("\n") }
                return .success
            case .interrupted:
                buffer = ""
            case .line(let line):
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if buffer.isEmpty && trimmed.hasPrefix(":") {
                    if editor.isInteractive { editor.addHistory(trimmed) }
                    if command(trimmed) == .quit { return .success }
                    continue
                }
                if buffer.isEmpty && trimmed.isEmpty { continue }
                buffer += (buffer.isEmpty ? "" : "\n") + line
                guard StatementCompleteness.isComplete(buffer) else { continue }
                if editor.isInteractive { editor.addHistory(buffer) }
                let input = buffer
                buffer = ""
                handle(input)
            }
        }
    }

    /// Adds the facts and rules of one input and answers its queries.
    func handle(_ input: String) {
        let result = session.load(text: input, name: "<input>")
        report(result.diagnostics)
        guard !result.hasErrors else { return }
        record(result)
        for (i, query) in result.queries.enumerated() {
            if i > 0 { console.out("\n") }
            answer(query)
        }
    }

    func record(_ result: LoadResult) {
        for d in result.declarations { journal.declarations.append("@pred \(d.range.text)") }
        for clause in result.clauses {
            if clause.body.isEmpty, let s = clause.source {
                journal.add(clause.range.text, source: DatalogText.term(s))
            } else {
                journal.unsourced.append(clause.range.text)
            }
        }
    }

    func answer(_ query: Query) {
        InterruptFlag.reset()
        do {
            let started = DispatchTime.now()
            // A question with bound arguments and no evaluated model at hand (its evaluation
            // failed, or grew past --max-facts) is answered by the demand transformation.
            if !session.answersOnDemand(query) { _ = try session.evaluate() }
            let evaluated = DispatchTime.now()
            let answer = try session.answer(query)
            let answered = DispatchTime.now()
            var formatter = AnswerFormatter(format: format, terms: TermText(prefixes: session.declaredPrefixes))
            if format == .table {
                formatter.maxWidth = console.outputIsTerminal ? TerminalWidth.columns() : nil
                formatter.colour = useColour
                if showLabels {
                    let labels = labelTable()
                    formatter.annotate = { labels[$0] }
                }
            }
            console.out(formatter.render(answer))
            hintIfEmpty(query, answer, seconds: Double(answered.uptimeNanoseconds - evaluated.uptimeNanoseconds) / 1e9)
            if timing {
                let evaluation = Double(evaluated.uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
                let querying = Double(answered.uptimeNanoseconds - evaluated.uptimeNanoseconds) / 1e6
                var line = String(format: "time: %.3f ms", querying)
                if evaluation >= 0.001 { line += String(format: " (+ %.3f ms re-evaluating the rules after a change)", evaluation) }
                console.out(line + "\n")
            }
        } catch let error as EvaluationError {
            console.error(colourise(error.description) + "\n")
        } catch {
            console.error("error: \(error)\n")
        }
    }

    /// Labels of every labelled entity, for `:labels on`: those `:lang` admits, untagged
    /// first, then by tag, each text once, joined with " / ".
    private func labelTable() -> [Term: String] {
        var labels: [Term: [Term]] = [:]
        guard let model = try? session.evaluate().model, let r = model.existingRelation("label"), r.arity == 2 else { return [:] }
        for row in 0..<r.count {
            let label = model.dictionary[r.value(row: row, column: 1)]
            guard case .string = label else { continue }
            labels[model.dictionary[r.value(row: row, column: 0)], default: []].append(label)
        }
        return labels.compactMapValues { all in
            var shown: [String] = []
            for text in shownLabels(all).map(\.text) where !shown.contains(text) { shown.append(text) }
            return shown.isEmpty ? nil : shown.joined(separator: " / ")
        }
    }

    func report(_ diagnostics: [Diagnostic]) {
        for d in diagnostics { console.error(colourise(d.description) + "\n") }
    }

    /// Colours the severity word of a rendered diagnostic on a terminal.
    func colourise(_ text: String) -> String {
        guard colourMessages else { return text }
        return text.replacingOccurrences(of: ": error: ", with: ": \u{1B}[1;31merror\u{1B}[0m: ")
            .replacingOccurrences(of: ": warning: ", with: ": \u{1B}[1;33mwarning\u{1B}[0m: ")
    }
}

/// Decides whether typed text is a whole input: it ends with a `.` that closes a statement
/// (not one inside a string, a comment or a decimal).
enum StatementCompleteness {
    static func isComplete(_ text: String) -> Bool {
        var lexer = Lexer(file: SourceFile(name: "<input>", text: text))
        var last: Token.Kind = .endOfFile
        while true {
            let t = lexer.next()
            if t.kind == .endOfFile { break }
            last = t.kind
        }
        let unterminated = lexer.diagnostics.contains { $0.message.hasPrefix("unterminated") }
        return last == .dot && !unterminated
    }
}

/// The terminal's width in columns (80 when unknown).
enum TerminalWidth {
    static func columns() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
