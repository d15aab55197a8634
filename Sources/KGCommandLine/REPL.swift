import Foundation
import KGEngine
import KGFormats
import KGLanguage
import KnowledgeGraph

/// The interactive shell: statements and queries typed at a prompt, answered at once.
struct REPL {
    let options: CommandLineOptions
    let console: Console

    func run() -> ExitCode {
        let runner = CommandRunner(options: options, console: console)
        guard let session = runner.makeSession(inPlace: false) else { return .failure }
        if !options.dataFiles.isEmpty {
            let data = session.load(paths: options.dataFiles)
            runner.report(data.diagnostics)
        }
        let editor = LineEditor(historyPath: ProcessInfo.processInfo.environment["HOME"].map { $0 + "/.kg_history" })
        var buffer = ""
        var inputNumber = 0
        while true {
            let prompt = buffer.isEmpty ? "kg> " : "...> "
            switch editor.readLine(prompt: prompt) {
            case .endOfFile:
                if editor.isInteractive { console.out("\n") }
                return .success
            case .interrupted:
                buffer = ""
                continue
            case .line(let line):
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if buffer.isEmpty && trimmed.hasPrefix(":") {
                    if editor.isInteractive { editor.addHistory(trimmed) }
                    if trimmed == ":quit" || trimmed == ":q" || trimmed == ":exit" { return .success }
                    if trimmed == ":help" {
                        console.out("Type facts, rules and queries ending with '.'; :quit leaves.\n")
                    } else {
                        console.error("unknown command \(trimmed); :help lists the commands\n")
                    }
                    continue
                }
                buffer += (buffer.isEmpty ? "" : "\n") + line
                guard StatementCompleteness.isComplete(buffer) else { continue }
                if editor.isInteractive { editor.addHistory(buffer) }
                inputNumber += 1
                let result = session.load(text: buffer, name: "<input>")
                buffer = ""
                runner.report(result.diagnostics)
                if result.hasErrors { continue }
                _ = runner.answer(result.queries, in: session, titled: false)
            }
        }
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
